"""Autosaves travel as one change. Each autosave of a visit's notes is an
ordinary change with an outbox entry; while the entry before it (of the same
row) has not been sent, the two are folded into the newer one: the oldest
old value, the newest new value, the older entry's base version (and op:
an unsent insert stays an insert). One editing session, from opening the
dialog to closing it, thus leaves one outbox entry, not one per save.

Nothing is folded while this store pushes (`pushing`): a batch on its way
holds unsent entries that the server applies, and is marked sent by their
seqs when its answer comes. Folding an autosave into such an entry would
lose the autosave (typed and taken back: the server keeps what was typed),
and removing the store's newest entries would let the next entry take a
seq that the answer then marks sent, though it was never sent. The
autosaves made meanwhile travel as changes of their own.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.orm import Session

from db.models.local import OutboxEntry

_pushing: dict[int, int] = {}  # id(engine) -> pushes running on it
_guard = threading.Lock()


@contextmanager
def pushing(engine: Engine) -> Iterator[None]:
    """No folding on `engine` while this runs. The push must take the write
    lock once before it reads its first batch (every write transaction
    begins IMMEDIATE): an autosave that began before the flag was set, and
    did not see it, has then committed, and the batch reads its result."""
    with _guard:
        _pushing[id(engine)] = _pushing.get(id(engine), 0) + 1
    try:
        yield
    finally:
        with _guard:
            _pushing[id(engine)] -= 1
            if not _pushing[id(engine)]:
                del _pushing[id(engine)]


def _is_pushing(session: Session) -> bool:
    bind = session.get_bind()
    return id(getattr(bind, "engine", bind)) in _pushing


def fold_pending(session: Session, entity: str, row_id: str, model: Any) -> bool:
    """Fold the row's newest outbox entry into the unsent one before it.
    `model` is the row's mapped class (its version is set back to match)."""
    if _is_pushing(session):
        return False
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
