"""Apply one pulled page to the local store and move the cursor in the same
transaction: a crash in between leaves neither, so nothing is missed or
applied twice.

Rows are written with Core upserts (fast for a first full sync) and with
`APPLYING_REMOTE` set, so no outbox entry is made for them. Foreign keys are
not checked while a page is applied: a page holds rows in server order, and a
child may arrive before a parent that changed later.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from app.sync import state
from app.sync.faults import BEFORE_CURSOR, maybe_crash
from app.sync.outbox import pending_fields
from db.base import utcnow
from db.changes import APPLYING_REMOTE
from db.engine import Store
from db.models import MODEL_BY_TABLE, Conflict
from db.values import from_json

MODELS = dict(MODEL_BY_TABLE, conflict=Conflict)


@contextmanager
def remote_session(store: Store) -> Iterator[Session]:
    """A session on its own connection with foreign key checks off."""
    with store.engine.connect() as conn:
        raw = conn.connection.driver_connection
        raw.execute("PRAGMA foreign_keys = OFF")
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
        for (entity, keys), rows in groups.items():
            _upsert(session, MODELS[entity], keys, rows)
        maybe_crash(BEFORE_CURSOR)
        state.put(session, state.CURSOR, str(page["cursor"]))
        state.put(session, state.EPOCH, page["epoch"])
    return applied


def _row(record: dict[str, Any], overlays: list[dict[str, list[Any]]]) -> dict[str, Any] | None:
    model = MODELS.get(record["entity"])
    if model is None:
        return None  # a table this program version does not know
    columns = {c.key: c for c in inspect(model).columns}
    data = dict(record["data"])
    for fields in overlays:
        data.update({name: pair[1] for name, pair in fields.items()})
    row = {k: from_json(columns[k], v) for k, v in data.items() if k in columns and k not in ("id", "version")}
    row["id"] = record["id"]
    if "version" in columns:
        row["version"] = record["version"]
        row["updated_at"] = utcnow()
    if "created_at" in columns and "created_at" not in row:
        row["created_at"] = from_json(columns["created_at"], record["created_at"])
    return row


def _upsert(session: Session, model: type, keys: tuple[str, ...], rows: list[dict[str, Any]]) -> None:
    """INSERT ... ON CONFLICT DO UPDATE through the driver's executemany: a
    first full sync writes a hundred thousand rows, and this skips the
    per-row work of SQLAlchemy's statement layer (values still go through
    each column type's own bind processor, as SQLAlchemy would store them)."""
    table = model.__table__
    dialect = session.get_bind().dialect
    cols = [table.c[k] for k in keys]
    procs = [c.type.dialect_impl(dialect).bind_processor(dialect) for c in cols]
    names = ", ".join(f'"{c.name}"' for c in cols)
    marks = ", ".join("?" for _ in cols)
    sets = ", ".join(f'"{c.name}" = excluded."{c.name}"' for c in cols if c.name not in ("id", "created_at"))
    sql = (f'INSERT INTO "{table.name}" ({names}) VALUES ({marks}) ON CONFLICT (id) DO '
           + (f"UPDATE SET {sets}" if sets else "NOTHING"))
    params = [tuple(p(r[k]) if p else r[k] for p, k in zip(procs, keys)) for r in rows]
    session.connection().exec_driver_sql(sql, params)
