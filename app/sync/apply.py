"""Apply one pulled page to the local store and move the cursor in the same
transaction: a crash in between leaves neither, so nothing is missed or
applied twice.

Rows are written with Core upserts (fast for a first full sync) and with
`APPLYING_REMOTE` set, so no outbox entry is made for them. Foreign keys are
not checked while a page is applied: a page holds rows in server order, and a
child may arrive before a parent that changed later.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from sqlalchemy.orm import Session

from app.sync import state
from app.sync.faults import BEFORE_CURSOR, maybe_crash
from app.sync.outbox import pending_fields
from app.sync.rowvalues import column_converters
from db.base import utcnow
from db.changes import APPLYING_REMOTE
from db.engine import Store
from db.models import MODEL_BY_TABLE, Conflict
from db.search_schema import SOURCES, drop_trigger_statements, reindex_statements, trigger_statements

MODELS = dict(MODEL_BY_TABLE, conflict=Conflict)
BIG_CACHE = -131072  # KiB (128 MB), while a page is applied; random UUID keys touch every index page
INDEXED = {table for table, _, _ in SOURCES.values()}
BULK_INDEX = 500  # from this many rows of a searchable table, re-index set-wise (db.search_schema)


@contextmanager
def remote_session(store: Store) -> Iterator[Session]:
    """A session on its own connection with foreign key checks off."""
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA foreign_keys = OFF")
        cache = raw.execute("PRAGMA cache_size").fetchone()[0]
        raw.execute(f"PRAGMA cache_size = {BIG_CACHE}")
        session = Session(bind=conn, info={APPLYING_REMOTE: True, "hlc": store.clock})
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
            raw.execute("PRAGMA foreign_keys = ON")
            raw.execute(f"PRAGMA cache_size = {int(cache)}")


def apply_page(store: Store, page: dict[str, Any]) -> int:
    """Write the page's records; returns how many were applied."""
    with remote_session(store) as session:
        overlays = pending_fields(session, [r["id"] for r in page["records"]])
        groups: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
        applied = 0
        for record in page["records"]:
            row = _row(record, overlays.get(record["id"], []))
            if row is None:
                continue
            groups.setdefault((record["entity"], tuple(sorted(row))), []).append(row)
            applied += 1
        _write(session, groups)
        maybe_crash(BEFORE_CURSOR)
        state.put(session, state.CURSOR, str(page["cursor"]))
        state.put(session, state.EPOCH, page["epoch"])
    return applied


def _row(record: dict[str, Any], overlays: list[dict[str, list[Any]]]) -> dict[str, Any] | None:
    """The record as a row of stored values, or None for an unknown table."""
    model = MODELS.get(record["entity"])
    if model is None:
        return None  # a table this program version does not know
    converters = column_converters(model)
    data = record["data"]
    if overlays:
        data = dict(data)
        for fields in overlays:
            data.update({name: pair[1] for name, pair in fields.items()})
    row = {}
    for k, v in data.items():
        if k in converters and k != "version":
            convert = converters[k]
            row[k] = convert(v) if convert is not None else v
    row["id"] = record["id"]
    if "version" in converters:
        row["version"] = record["version"]
        row["updated_at"] = converters["updated_at"](utcnow().isoformat())
    if "created_at" in converters and "created_at" not in row:
        row["created_at"] = converters["created_at"](record["created_at"])
    return row


def _write(session: Session, groups: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]]) -> None:
    bulk: dict[str, list[str]] = {}
    for (entity, _keys), rows in groups.items():
        if entity in INDEXED:
            bulk.setdefault(entity, []).extend(r["id"] for r in rows)
    bulk = {table: ids for table, ids in bulk.items() if len(ids) >= BULK_INDEX}
    conn = session.connection()
    for table in bulk:  # put back below, in this same transaction
        for sql in drop_trigger_statements(table):
            conn.exec_driver_sql(sql)
    for (entity, keys), rows in groups.items():
        _upsert(session, MODELS[entity], keys, rows)
    for table, ids in bulk.items():
        param = (json.dumps(ids),)
        for sql in reindex_statements(table):
            conn.exec_driver_sql(sql, param)
        for sql in trigger_statements(table):
            conn.exec_driver_sql(sql)


def _upsert(session: Session, model: type, keys: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    """INSERT ... ON CONFLICT DO UPDATE through the driver's executemany: a
    first full sync writes a hundred thousand rows, and this skips the
    per-row work of SQLAlchemy's statement layer (the values are already
    converted by `column_converters`, as SQLAlchemy would store them)."""
    table = model.__table__
    cols = [table.c[k] for k in keys]
    names = ", ".join(f'"{c.name}"' for c in cols)
    marks = ", ".join("?" for _ in cols)
    sets = ", ".join(f'"{c.name}" = excluded."{c.name}"' for c in cols if c.name not in ("id", "created_at"))
    sql = (f'INSERT INTO "{table.name}" ({names}) VALUES ({marks}) ON CONFLICT (id) DO '
           + (f"UPDATE SET {sets}" if sets else "NOTHING"))
    getter = itemgetter(*keys) if len(keys) > 1 else (lambda r: (r[keys[0]],))
    session.connection().exec_driver_sql(sql, [getter(r) for r in rows])
