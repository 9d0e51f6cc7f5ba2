"""Apply one pulled page to the local store and move the cursor in the same
transaction: a crash in between leaves neither, so nothing is missed or
applied twice.

Rows are written with Core upserts (fast for a first full sync) and with
`APPLYING_REMOTE` set, so no outbox entry is made for them. A record this
laptop cannot store (an unknown table or field, a value of the wrong type,
a required value missing: db.rowcheck) is set aside in `sync_set_aside`
with the reason, and the rest of the page applies. Foreign keys are
not checked while a page is applied: a page holds rows in server order, and a
child may arrive before a parent that changed later.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.sync import state
from app.sync.faults import BEFORE_CURSOR, maybe_crash
from app.sync.outbox import pending_fields
from app.sync.rowvalues import Convert, column_converters
from db.base import Base, Synced, table_of, utcnow
from db.changes import APPLYING_REMOTE
from db.engine import Store, committing
from db.models import MODEL_BY_TABLE, Conflict, SetAsideRow
from db.rowcheck import row_problem
from db.search_schema import SOURCES, drop_trigger_statements, reindex_statements, trigger_statements

MODELS: dict[str, type[Base] | type[Synced]] = dict(MODEL_BY_TABLE, conflict=Conflict)
BIG_CACHE = -131072  # KiB (128 MB), while a page is applied; random UUID keys touch every index page
INDEXED = {table for table, _, _ in SOURCES.values()}
BULK_INDEX = 500  # from this many rows of a searchable table, re-index set-wise (db.search_schema)


@contextmanager
def remote_session(store: Store) -> Iterator[Session]:
    """A session on its own connection with foreign key checks off."""
    with store.engine.connect() as conn:
        raw: Any = conn.connection.driver_connection  # sqlcipher3 (untyped)
        raw.execute("PRAGMA foreign_keys = OFF")
        cache = raw.execute("PRAGMA cache_size").fetchone()[0]
        raw.execute(f"PRAGMA cache_size = {BIG_CACHE}")
        session = Session(bind=conn, info={APPLYING_REMOTE: True, "hlc": store.clock})
        try:
            with committing(session):
                yield session
        finally:
            raw.execute("PRAGMA foreign_keys = ON")
            raw.execute(f"PRAGMA cache_size = {int(cache)}")


CLOCK_OFFSET = "clock_offset_ms"  # app.store reads it back when the store opens


def apply_page(store: Store, page: dict[str, Any], clock_offset: int | None = None) -> int:
    """Write the page's records; returns how many were applied. With
    `clock_offset`, the offset to the server's clock measured with this
    page is kept too (db.hlc: the stamps made from now on use it)."""
    with remote_session(store) as session:
        overlays = pending_fields(session, [r["id"] for r in page["records"]])
        groups: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = {}
        applied: list[str] = []
        now = utcnow().isoformat()  # one time of applying for the page
        for record in page["records"]:
            row = _row_or_set_aside(session, record, overlays.get(record["id"], []), now)
            if row is None:
                continue
            groups.setdefault((record["entity"], tuple(sorted(row))), []).append(row)
            applied.append(record["id"])
        _write(session, groups)
        _drop_superseded(session, applied)
        maybe_crash(BEFORE_CURSOR)
        state.put(session, state.CURSOR, str(page["cursor"]))
        state.put(session, state.EPOCH, page["epoch"])
        if clock_offset is not None:
            state.put(session, CLOCK_OFFSET, str(clock_offset))
    if clock_offset is not None:
        store.clock.set_offset(clock_offset)
    return len(applied)


def _row_or_set_aside(session: Session, record: dict[str, Any], overlays: list[dict[str, list[Any]]],
                      now: str) -> dict[str, Any] | None:
    """The record as a row to write, or None when it is set aside."""
    try:
        model = MODELS.get(record["entity"])
        reason: str | None
        if model is None:
            reason = "tabellen kendes ikke af denne version af Jobcoach"
        else:
            reason = row_problem(model, record["data"])
            if reason is None:
                return _row(model, record, overlays, now)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        reason = f"posten kunne ikke læses ({type(exc).__name__})"
    set_aside(session, record, reason)
    return None


def apply_again(store: Store, set_aside_id: int) -> bool:
    """Store a set-aside record again (after an update of the program, say);
    False when it is set aside again, with the reason of now."""
    with remote_session(store) as session:
        held = session.get(SetAsideRow, set_aside_id)
        if held is None:
            return True
        record = json.loads(held.record)
        session.delete(held)
        session.flush()
        row = _row_or_set_aside(session, record, pending_fields(session, [record["id"]]).get(record["id"], []),
                                utcnow().isoformat())
        if row is not None:
            _write(session, {(record["entity"], tuple(sorted(row))): [row]})
        return row is not None


def set_aside(session: Session, record: dict[str, Any], reason: str) -> None:
    session.add(SetAsideRow(entity=str(record.get("entity", ""))[:50], row_id=str(record.get("id", ""))[:36],
                            record=json.dumps(record, ensure_ascii=False), reason=reason, at=utcnow()))
    session.flush()


def _drop_superseded(session: Session, applied: list[str]) -> None:
    """A row set aside earlier and now pulled in a form that could be stored
    is no longer waiting for anyone."""
    if not applied or session.execute(select(SetAsideRow.id).limit(1)).first() is None:
        return
    for i in range(0, len(applied), 900):
        session.execute(delete(SetAsideRow).where(SetAsideRow.row_id.in_(applied[i:i + 900])))


def _row(model: type, record: dict[str, Any], overlays: list[dict[str, list[Any]]], now: str) -> dict[str, Any]:
    """The record as a row of stored values; `now` (ISO): its updated_at here."""
    converters = column_converters(model)
    data = record["data"]
    if overlays:
        data = dict(data)
        for fields in overlays:
            data.update({name: pair[1] for name, pair in fields.items()})
    row = {}
    for k, v in data.items():
        if k in converters and k != "version":
            row[k] = _converted(converters, k, v)
    row["id"] = record["id"]
    if "version" in converters:
        row["version"] = record["version"]
        row["updated_at"] = _stored_now(converters["updated_at"], now)
    if "created_at" in converters and "created_at" not in row:
        row["created_at"] = _converted(converters, "created_at", record["created_at"])
    return row


@lru_cache(maxsize=16)
def _stored_now(convert: Any, now: str) -> Any:
    """The time of applying, as stored: converted once per page, not per row."""
    return convert(now) if convert is not None else now


def _converted(converters: dict[str, Convert | None], key: str, value: Any) -> Any:
    convert = converters[key]
    return convert(value) if convert is not None else value


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


def _upsert(session: Session, model: type[Base] | type[Synced], keys: tuple[str, ...],
            rows: list[dict[str, Any]]) -> None:
    """INSERT ... ON CONFLICT DO UPDATE through the driver's executemany: a
    first full sync writes a hundred thousand rows, and this skips the
    per-row work of SQLAlchemy's statement layer (the values are already
    converted by `column_converters`, as SQLAlchemy would store them)."""
    table = table_of(model)
    cols = [table.c[k] for k in keys]
    names = ", ".join(f'"{c.name}"' for c in cols)
    marks = ", ".join("?" for _ in cols)
    sets = ", ".join(f'"{c.name}" = excluded."{c.name}"' for c in cols if c.name not in ("id", "created_at"))
    sql = (f'INSERT INTO "{table.name}" ({names}) VALUES ({marks}) ON CONFLICT (id) DO '
           + (f"UPDATE SET {sets}" if sets else "NOTHING"))
    getter = itemgetter(*keys) if len(keys) > 1 else (lambda r: (r[keys[0]],))
    session.connection().exec_driver_sql(sql, [getter(r) for r in rows])
