"""Batches of unsent outbox entries, in the order they were made.

A batch's idempotency key is derived from its change ids, so a client that
died before it heard the answer sends the same key again after restart and
gets the server's stored answer.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import OutboxEntry


@dataclass(frozen=True)
class Batch:
    key: str
    seqs: list[int]
    raw: str  # the changes as a JSON array, built from the stored JSON without parsing it

    @property
    def changes(self) -> list[dict[str, Any]]:
        return json.loads(self.raw)


def _change_json(r: Any) -> str:
    head = json.dumps({"change_id": r.change_id, "entity": r.entity, "row_id": r.row_id, "op": r.op,
                       "base_version": r.base_version, "hlc": r.hlc}, ensure_ascii=False)
    return head[:-1] + ', "fields": ' + r.fields + "}"


def next_batch(session: Session, node: str, size: int) -> Batch | None:
    t = OutboxEntry.__table__
    rows = session.execute(
        select(t.c.seq, t.c.change_id, t.c.entity, t.c.row_id, t.c.op, t.c.fields, t.c.base_version, t.c.hlc)
        .where(t.c.sent.is_(False)).order_by(t.c.seq).limit(size)
    ).all()
    if not rows:
        return None
    digest = hashlib.sha256("\n".join(r.change_id for r in rows).encode()).hexdigest()[:40]
    raw = "[" + ",".join(_change_json(r) for r in rows) + "]"
    return Batch(key=f"{node}-{digest}", seqs=[r.seq for r in rows], raw=raw)


def mark_sent(session: Session, seqs: list[int]) -> None:
    for i in range(0, len(seqs), 900):
        session.execute(update(OutboxEntry).where(OutboxEntry.seq.in_(seqs[i:i + 900])).values(sent=True))


def pending_fields(session: Session, row_ids: list[str]) -> dict[str, list[dict[str, list[Any]]]]:
    """Unsent local edits of these rows, oldest first: they are laid over a
    pulled row so that typing done during a sync is not undone by it."""
    found: dict[str, list[dict[str, list[Any]]]] = {}
    for i in range(0, len(row_ids), 900):
        part = row_ids[i:i + 900]
        rows = session.execute(
            select(OutboxEntry.row_id, OutboxEntry.fields)
            .where(OutboxEntry.sent.is_(False), OutboxEntry.row_id.in_(part)).order_by(OutboxEntry.seq)
        ).all()
        for row_id, fields in rows:
            found.setdefault(row_id, []).append(json.loads(fields))
    return found
