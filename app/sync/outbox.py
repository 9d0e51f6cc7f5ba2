"""Batches of unsent outbox entries, in the order they were made.

A batch's idempotency key is derived from its change ids, so a client that
died before it heard the answer sends the same key again after restart and
gets the server's stored answer.

A change the server refuses is held (`held_reason`): it stays in the outbox,
is not sent again, and no longer holds up the changes made after it.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, select, text, update
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import OutboxEntry


@dataclass(frozen=True)
class Batch:
    key: str
    seqs: list[int]
    change_ids: list[str]
    raw: str  # the changes as a JSON array, built from the stored JSON without parsing it

    @property
    def changes(self) -> list[dict[str, Any]]:
        return json.loads(self.raw)


# A first full sync sends 130,000 changes: each is written as JSON text
# here, around its `fields`, which are stored as JSON text already and go as
# they are (parsing and writing them again cost more than reading them).
# Stored text with a NaN or an Infinity, which JSON has not, is passed
# through SQLite's json(), which writes them as null and 9e999.
_CHANGES = text(
    "SELECT seq, change_id, entity, row_id, op, base_version, hlc, fields "
    "FROM outbox WHERE sent = 0 AND held_reason IS NULL AND seq > :after ORDER BY seq LIMIT :size")
_STRICT = text("SELECT json(:fields)")
_PLAIN = re.compile(r"[0-9A-Za-z_:-]*")  # ids, entity names, ops and stamps as they are made


def _change_json(change_id: str, entity: str, row_id: str, op: str, base_version: int, hlc: str,
                 fields: str) -> str:
    if _PLAIN.fullmatch(change_id + entity + row_id + op + hlc) is None:  # not as made here: quoted in full
        change_id, entity, row_id, op, hlc = (json.dumps(v, ensure_ascii=False)[1:-1]
                                              for v in (change_id, entity, row_id, op, hlc))
    return (f'{{"change_id": "{change_id}", "entity": "{entity}", "row_id": "{row_id}", "op": "{op}", '
            f'"base_version": {int(base_version)}, "hlc": "{hlc}", "fields": {fields}}}')


# A batch is also cut by size in bytes, so a reverse proxy with a limit of a
# few MB in front of the server passes it (the server itself takes 16 MB).
BATCH_BYTES = 4 * 1024 * 1024


def next_batch(session: Session, node: str, size: int, after: int = 0,
               max_bytes: int | None = None) -> Batch | None:
    """The oldest unsent entries (after outbox seq `after`: the batch before
    this one may still be on its way, not yet marked sent), at most `size`
    of them and about `max_bytes` of JSON (always at least one)."""
    rows = session.execute(_CHANGES, {"after": after, "size": size}).all()
    if not rows:
        return None
    budget = max_bytes or BATCH_BYTES
    total, texts = 0, list[str]()
    for row in rows:
        fields = row[7]
        if "NaN" in fields or "Infinity" in fields:  # rare (a note that says so): no harm done by json()
            fields = session.execute(_STRICT, {"fields": fields}).scalar_one()
        change = _change_json(row[1], row[2], row[3], row[4], row[5], row[6], fields)
        total += len(change.encode("utf-8")) + 1
        if total > budget and texts:
            break
        texts.append(change)
    rows = rows[:len(texts)]
    digest = hashlib.sha256("\n".join(r.change_id for r in rows).encode()).hexdigest()[:40]
    return Batch(key=f"{node}-{digest}", seqs=[r.seq for r in rows], change_ids=[r.change_id for r in rows],
                 raw="[" + ",".join(texts) + "]")


def mark_sent(session: Session, seqs: list[int]) -> None:
    for i in range(0, len(seqs), 900):
        session.execute(update(OutboxEntry).where(OutboxEntry.seq.in_(seqs[i:i + 900])).values(sent=True))


# Acknowledged entries are kept this long, then removed: after a restore of
# the server from a backup up to this old, a laptop sends them again (410,
# full resync) and nothing is lost; beyond it the outbox keeps no history.
KEEP_SENT = timedelta(days=14)


def prune_acknowledged(session: Session, keep: timedelta = KEEP_SENT) -> int:
    """Remove sent entries older than `keep`; returns how many."""
    cutoff = utcnow() - keep
    # Entries are made in seq order: while the first sent one is younger than
    # the cutoff, nothing is looked at (the DELETE reads every sent entry, a
    # third of a second after a first full sync, on every round). Should the
    # clock have gone back, a later entry is pruned a little later; never early.
    first = session.execute(select(OutboxEntry.created_at).where(OutboxEntry.sent.is_(True))
                            .order_by(OutboxEntry.seq).limit(1)).scalar()
    if first is None or first >= cutoff:
        return 0
    # A DELETE returns a CursorResult; Session.execute is typed as plain Result.
    return cast(CursorResult[Any], session.execute(delete(OutboxEntry).where(
        OutboxEntry.sent.is_(True), OutboxEntry.created_at < cutoff))).rowcount


def mark_answered(session: Session, batch: Batch, refused: dict[str, str]) -> int:
    """After the server's answer, in one transaction: refused changes are
    held with their reason, the others are sent. Returns how many were held."""
    held = {seq: refused[cid] for seq, cid in zip(batch.seqs, batch.change_ids) if cid in refused}
    for seq, reason in held.items():
        session.execute(update(OutboxEntry).where(OutboxEntry.seq == seq).values(held_reason=reason[:500]))
    mark_sent(session, [seq for seq in batch.seqs if seq not in held])
    return len(held)


def pending_fields(session: Session, row_ids: list[str]) -> dict[str, list[dict[str, list[Any]]]]:
    """Unsent local edits of these rows, oldest first: they are laid over a
    pulled row so that typing done during a sync is not undone by it."""
    found: dict[str, list[dict[str, list[Any]]]] = {}
    if session.execute(select(OutboxEntry.seq).where(OutboxEntry.sent.is_(False)).limit(1)).first() is None:
        return found  # nothing unsent (a first sync's pull): no need to ask per id
    for i in range(0, len(row_ids), 900):
        part = row_ids[i:i + 900]
        rows = session.execute(
            select(OutboxEntry.row_id, OutboxEntry.fields)
            .where(OutboxEntry.sent.is_(False), OutboxEntry.row_id.in_(part)).order_by(OutboxEntry.seq)
        ).all()
        for row_id, fields in rows:
            found.setdefault(row_id, []).append(json.loads(fields))
    return found
