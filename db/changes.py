"""Change tracking: every write to a synced table records an outbox entry
in the same transaction.

ORM writes are caught by a `before_flush` hook. Core bulk writes must go
through `bulk_insert` / `bulk_update` here, which write the outbox too: the
ORM's events never see them. Rows applied from the server are written with
`session.info[APPLYING_REMOTE] = True` and record nothing.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event, insert, inspect, update
from sqlalchemy.orm import Session, class_mapper

from db.base import BOOKKEEPING, Base, new_id, utcnow
from db.hlc import HybridClock
from db.models.local import OutboxEntry
from db.values import to_json

APPLYING_REMOTE = "applying_remote"
CLOCK_KEY = "hlc"


def _is_synced(obj: object) -> bool:
    return getattr(type(obj), "__synced__", False)


def _clock(session: Session) -> HybridClock:
    clock = session.info.get(CLOCK_KEY)
    if clock is None:
        raise RuntimeError("session has no hybrid clock; open it through db.engine.Store")
    return clock


def _columns(model: type) -> list[str]:
    return [c.key for c in class_mapper(model).column_attrs]


# An insert carries the row's creation time too: it is when the coach made
# the row, not when the server received it (issue 12, item 7).
SENT_ON_INSERT = frozenset({"created_at"})


def _insert_keys(model: type) -> list[str]:
    return [k for k in _columns(model) if k not in BOOKKEEPING or k in SENT_ON_INSERT]


def _insert_fields(obj: object) -> dict[str, list[Any]]:
    return {key: [None, to_json(getattr(obj, key))] for key in _insert_keys(type(obj))}


def _update_fields(obj: object) -> dict[str, list[Any]]:
    state = inspect(obj)
    changed: dict[str, list[Any]] = {}
    for key in _columns(type(obj)):
        if key in BOOKKEEPING:
            continue
        hist = state.attrs[key].history
        if not hist.has_changes():
            continue
        old = hist.deleted[0] if hist.deleted else None
        new = hist.added[0] if hist.added else None
        if old != new:
            changed[key] = [to_json(old), to_json(new)]
    return changed


def _entry(session: Session, table: str, row_id: str, op: str,
           fields: dict[str, list[Any]], base_version: int) -> dict[str, Any]:
    return {
        "change_id": new_id(),
        "entity": table,
        "row_id": row_id,
        "op": op,
        "fields": json.dumps(fields, ensure_ascii=False),
        "base_version": base_version,
        "hlc": str(_clock(session).now()),
        "created_at": utcnow(),
        "sent": False,
    }


def _prepare_new(obj: Any) -> None:
    # Apply column defaults now (the ORM would only at INSERT) so that the
    # outbox entry carries the values the row will have.
    for key, value in _scalar_defaults(type(obj)).items():
        if getattr(obj, key) is None and value is not None:
            setattr(obj, key, value)
    if obj.id is None:
        obj.id = new_id()
    now = utcnow()
    obj.created_at = obj.created_at or now
    obj.updated_at = obj.updated_at or now
    obj.version = obj.version or 1


@event.listens_for(Session, "before_flush")
def _record_changes(session: Session, _ctx: object, _instances: object) -> None:
    if session.info.get(APPLYING_REMOTE):
        return
    entries = []
    for obj in list(session.new):
        if _is_synced(obj):
            _prepare_new(obj)
            entries.append(_entry(session, obj.__tablename__, obj.id, "insert", _insert_fields(obj), 0))
    for obj in list(session.dirty):
        if not _is_synced(obj) or not session.is_modified(obj, include_collections=False):
            continue
        fields = _update_fields(obj)
        if not fields:
            continue
        op = "delete" if "deleted_at" in fields and fields["deleted_at"][1] is not None else "update"
        base = obj.version or 1
        obj.version = base + 1
        obj.updated_at = utcnow()
        entries.append(_entry(session, obj.__tablename__, obj.id, op, fields, base))
    for obj in session.deleted:
        if _is_synced(obj):
            raise RuntimeError("synced rows are soft-deleted (deleted_at), never removed")
    for values in entries:
        session.add(OutboxEntry(**values))


def _scalar_defaults(model: type[Base]) -> dict[str, Any]:
    out = {}
    for column in model.__table__.columns:
        default = column.default
        if default is not None and default.is_scalar:
            out[column.key] = default.arg
        elif default is None and column.nullable:
            out[column.key] = None
    return out


def bulk_insert(session: Session, model: type[Base], rows: Iterable[dict[str, Any]]) -> int:
    """Core insert of many rows, with their outbox entries, in the caller's transaction.
    Column defaults are filled in first, so the outbox carries every field."""
    now = utcnow()
    prepared, outbox = [], []
    keys = _insert_keys(model)
    defaults = _scalar_defaults(model)
    for original in rows:
        original.setdefault("id", new_id())  # callers read the ids back from their dicts
        row = defaults | original
        row.setdefault("created_at", now)
        row.setdefault("updated_at", now)
        row.setdefault("version", 1)
        row.setdefault("deleted_at", None)
        prepared.append(row)
        fields = {k: [None, to_json(row.get(k))] for k in keys}
        outbox.append(_entry(session, model.__tablename__, row["id"], "insert", fields, 0))
    if prepared:
        session.execute(insert(model), prepared)
        session.execute(insert(OutboxEntry), outbox)
    return len(prepared)


def bulk_update(session: Session, model: type[Base], row_ids: list[str], values: dict[str, Any]) -> int:
    """Core update of many rows to the same values, recording each row's old values."""
    if not row_ids:
        return 0
    table = model.__table__
    cols = [table.c.id, table.c.version] + [table.c[k] for k in values]
    current = session.execute(table.select().with_only_columns(*cols).where(table.c.id.in_(row_ids))).all()
    outbox, changed_ids = [], []
    op = "delete" if values.get("deleted_at") is not None else "update"
    for row in current:
        fields = {k: [to_json(getattr(row, k)), to_json(v)] for k, v in values.items() if getattr(row, k) != v}
        if fields:
            changed_ids.append(row.id)
            outbox.append(_entry(session, model.__tablename__, row.id, op, fields, row.version))
    if not changed_ids:
        return 0
    session.execute(
        update(model).where(table.c.id.in_(changed_ids)).values(
            **values, version=table.c.version + 1, updated_at=utcnow()
        ).execution_options(synchronize_session=False)
    )
    session.execute(insert(OutboxEntry), outbox)
    return len(outbox)
