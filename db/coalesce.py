"""Autosaves travel as one change. Each autosave of a visit's notes is an
ordinary change with an outbox entry; while the entry before it (of the same
row) has not been sent, the two are folded into the newer one: the oldest
old value, the newest new value, the older entry's base version (and op:
an unsent insert stays an insert). One editing session, from opening the
dialog to closing it, thus leaves one outbox entry, not one per save.

The newer entry is kept and the older one removed, never the other way
round: a batch already on its way marks entries sent by their seq, so
the entry that carries the newest text must not be one it took along.
"""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from db.models.local import OutboxEntry


def fold_pending(session: Session, entity: str, row_id: str, model: Any) -> bool:
    """Fold the row's newest outbox entry into the unsent one before it.
    `model` is the row's mapped class (its version is set back to match)."""
    last_two = session.execute(select(OutboxEntry).where(
        OutboxEntry.entity == entity, OutboxEntry.row_id == row_id)
        .order_by(OutboxEntry.seq.desc()).limit(2)).scalars().all()
    if len(last_two) < 2:
        return False
    newer, older = last_two
    if newer.sent or older.sent or newer.op != "update" or older.op == "delete" or older.held_reason:
        return False
    merged: dict[str, list[Any]] = json.loads(older.fields)
    for name, (old, new) in json.loads(newer.fields).items():
        merged[name] = [merged[name][0] if name in merged else old, new]
    if older.op == "update":
        merged = {name: pair for name, pair in merged.items() if pair[0] != pair[1]}
    version = 1 if older.op == "insert" else older.base_version + 1
    if not merged:  # typed and taken back: nothing to send
        session.execute(delete(OutboxEntry).where(OutboxEntry.seq.in_([older.seq, newer.seq])))
        version = older.base_version
    else:
        _keep_newer(session, newer, older, merged)
    session.execute(update(model.__table__).where(model.__table__.c.id == row_id).values(version=version))
    session.expire_all()
    return True


def _keep_newer(session: Session, newer: OutboxEntry, older: OutboxEntry, merged: dict[str, list[Any]]) -> None:
    newer.fields = json.dumps(merged, ensure_ascii=False)
    newer.op, newer.base_version = older.op, older.base_version
    session.flush()
    session.execute(delete(OutboxEntry).where(OutboxEntry.seq == older.seq))
