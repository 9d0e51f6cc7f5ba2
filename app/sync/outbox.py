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
from bisect import bisect_right
from dataclasses import dataclass
from datetime import timedelta
from itertools import accumulate
from typing import Any, cast

from sqlalchemy import Connection, CursorResult, delete, select, update
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import OutboxEntry


@dataclass(frozen=True)
class Batch:
    key: str
    seqs: list[int]
    change_ids: list[str]
    raw: bytes  # the changes as a JSON array in UTF-8, built from the stored JSON without parsing it

    @property
    def changes(self) -> list[dict[str, Any]]:
        return json.loads(self.raw)


# A first full sync sends 130,000 changes: SQLite writes each as JSON,
# around its `fields`, which are stored as JSON text already and go as they
# are (parsing and writing them again cost more than reading them), and
# hands it over as bytes, ready to send and to measure. json_quote() quotes
# and escapes the other values; format() writes the head of a change at once
# (a chain of || copied the growing text at every step: 0.06 s CPU more in a
# first full push). Stored text with a NaN or an Infinity, which JSON has
# not, is passed through SQLite's json(), which writes them as null and 9e999
# (rare: a note that says so).
def _change_sql(fields: str) -> str:
    return ("CAST(format('{\"change_id\": %s, \"entity\": %s, \"row_id\": %s, \"op\": %s, "
            "\"base_version\": %s, \"hlc\": %s, \"fields\": ', json_quote(change_id), json_quote(entity), "
            "json_quote(row_id), json_quote(op), CAST(base_version AS INTEGER), json_quote(hlc))"
            f" || {fields} || '}}' AS BLOB)")


_CHANGES = (f"SELECT seq, change_id, {_change_sql('fields')} FROM outbox "
            "WHERE sent = 0 AND held_reason IS NULL AND seq > ? ORDER BY seq LIMIT ?")
_STRICT = f"SELECT {_change_sql('json(fields)')} FROM outbox WHERE seq = ?"


def _holds(text: bytes, word: bytes) -> bool:
    """`word in text`, quicker for a word whose first letter is rare (a
    capital): the letter is looked for with memchr, not the whole word."""
    first = word[:1]
    at = text.find(first)
    while at >= 0:
        if text.startswith(word, at):
            return True
        at = text.find(first, at + 1)
    return False


def _not_json(text: bytes) -> bool:
    return _holds(text, b"NaN") or _holds(text, b"Infinity")


# A batch is also cut by size in bytes, so a reverse proxy with a limit of a
# few MB in front of the server passes it (the server itself takes 16 MB).
BATCH_BYTES = 4 * 1024 * 1024


# The connection that pushes keeps the pages of the last batches it read in
# its page cache: marking a batch sent, after the next one is read, then
# finds its pages decrypted already (the pool hands a thread the connection
# it just used back; see db.engine). A batch is about 4 MB of pages, and
# SQLite's default cache of 8 MB held too few of them: 0.3 s CPU more in
# a first full push. The connection keeps the larger cache (at most 24 MB
# more, and only once the pages are read).
PUSH_CACHE_KIB = 32 * 1024


def _push_connection(session: Session) -> Connection:
    conn = session.connection()
    if -conn.exec_driver_sql("PRAGMA cache_size").scalar_one() < PUSH_CACHE_KIB:
        conn.exec_driver_sql(f"PRAGMA cache_size = -{PUSH_CACHE_KIB}")
    return conn


def next_batch(session: Session, node: str, size: int, after: int = 0,
               max_bytes: int | None = None) -> Batch | None:
    """The oldest unsent entries (after outbox seq `after`: the batch before
    this one may still be on its way, not yet marked sent), at most `size`
    of them and about `max_bytes` of JSON (always at least one)."""
    conn = _push_connection(session)
    # The driver's cursor, in the session's transaction: SQLAlchemy's rows
    # (a Row object each, 5000 a batch) are not needed for three columns.
    cursor = conn.connection.cursor()
    try:
        rows = cursor.execute(_CHANGES, (after, size)).fetchall()
    finally:
        cursor.close()
    if not rows:
        return None
    texts: list[bytes] = [row[2] for row in rows]
    if _not_json(b"".join(texts)):  # perhaps in a change's fields: no harm done by json()
        texts = [conn.exec_driver_sql(_STRICT, (row[0],)).scalar_one() if _not_json(text) else text
                 for row, text in zip(rows, texts)]
    ends = list(accumulate(len(text) + 1 for text in texts))  # each with its comma
    count = max(bisect_right(ends, max_bytes or BATCH_BYTES), 1)
    ids = [row[1] for row in rows[:count]]
    digest = hashlib.sha256("\n".join(ids).encode()).hexdigest()[:40]
    return Batch(key=f"{node}-{digest}", seqs=[row[0] for row in rows[:count]], change_ids=ids,
                 raw=b"[" + b",".join(texts[:count]) + b"]")


# The driver's SQL (what select(...).where(sent.is_(False)) renders), not the
# ORM's: asked once per pulled page, and answered from the index of `sent`.
_UNSENT_BEYOND = f'SELECT 1 FROM "{OutboxEntry.__tablename__}" WHERE sent IS 0 LIMIT 1 OFFSET ?'


def unsent_beyond(session: Session, count: int) -> bool:
    """Whether more than `count` entries are unsent (held ones too): read
    from the index of `sent` alone, not counted row by row."""
    return session.connection().exec_driver_sql(_UNSENT_BEYOND, (count,)).first() is not None


def mark_sent(session: Session, seqs: list[int]) -> None:
    """Mark exactly these entries sent. A run of consecutive seqs (a batch
    is one, mostly: entries are made in seq order) goes as one range, which
    SQLite walks in its primary key; a list of 900 ids cost it a search
    each, and SQLAlchemy a bound parameter each."""
    scattered: list[int] = []
    for first, last in _runs(sorted(set(seqs))):
        if last - first >= _RUN:
            # (>= and <=, not BETWEEN, which SQLAlchemy cannot apply to loaded entries itself)
            session.execute(update(OutboxEntry).where(OutboxEntry.seq >= first, OutboxEntry.seq <= last)
                            .values(sent=True))
        else:
            scattered.extend(range(first, last + 1))
    for i in range(0, len(scattered), 900):
        session.execute(update(OutboxEntry).where(OutboxEntry.seq.in_(scattered[i:i + 900])).values(sent=True))


_RUN = 20  # consecutive seqs beyond this many go as a range


def _runs(seqs: list[int]) -> list[tuple[int, int]]:
    """Sorted distinct seqs as (first, last) of each run of consecutive ones."""
    if seqs and seqs[-1] - seqs[0] == len(seqs) - 1:
        return [(seqs[0], seqs[-1])]  # the usual batch: one run
    runs: list[tuple[int, int]] = []
    for seq in seqs:
        if runs and seq == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], seq)
        else:
            runs.append((seq, seq))
    return runs


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
    _push_connection(session)
    held = {seq: refused[cid] for seq, cid in zip(batch.seqs, batch.change_ids) if cid in refused}
    for seq, reason in held.items():
        session.execute(update(OutboxEntry).where(OutboxEntry.seq == seq).values(held_reason=reason[:500]))
    mark_sent(session, [seq for seq in batch.seqs if seq not in held])
    return len(held)


def pending_fields(session: Session, row_ids: list[str]) -> dict[str, list[dict[str, list[Any]]]]:
    """Unsent local edits of these rows, oldest first: they are laid over a
    pulled row so that typing done during a sync is not undone by it."""
    found: dict[str, list[dict[str, list[Any]]]] = {}
    if not unsent_beyond(session, 0):
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
