"""Personal values must not outlive an erasure in the outbox, which keeps
each change's old and new values.

- Rows the server never received (their insert is still unsent) lose all
  their outbox entries: there is nothing to delete on the server.
- Entries already sent keep their shape but lose their values.
- Unsent entries for rows the server has keep their values until they are
  sent: the server needs the old values to merge the erasure cleanly. Call
  `redact_sent` after a sync round (and at start) to finish the job.
- What sync set aside (changes the server refused, rows this laptop could
  not store) is dropped: it would never be sent or stored unasked.
"""
from __future__ import annotations

import json
from typing import Any, cast

from sqlalchemy import CursorResult, Result, delete, select, update
from sqlalchemy.orm import Session

from db.models import AccessLog, Conflict, OutboxEntry, SetAsideRow

ERASE_DETAIL = "personoplysninger slettet"
_CHUNK = 500


def _chunks(ids: list[str]):
    for i in range(0, len(ids), _CHUNK):
        yield ids[i:i + _CHUNK]


def drop_unpushed(s: Session, row_ids: list[str]) -> int:
    dropped = 0
    for chunk in _chunks(row_ids):
        never_sent = list(s.scalars(select(OutboxEntry.row_id).where(
            OutboxEntry.row_id.in_(chunk), OutboxEntry.op == "insert", OutboxEntry.sent.is_(False))))
        if never_sent:
            dropped += _count(s.execute(delete(OutboxEntry).where(OutboxEntry.row_id.in_(never_sent))))
    return dropped


def redact_sent(s: Session, row_ids: list[str]) -> int:
    redacted = 0
    for chunk in _chunks(row_ids):
        rows = s.execute(select(OutboxEntry.seq, OutboxEntry.fields).where(
            OutboxEntry.row_id.in_(chunk), OutboxEntry.sent.is_(True))).all()
        for seq, fields in rows:
            blank = json.dumps({key: [None, None] for key in json.loads(fields)})
            if blank != fields:
                s.execute(update(OutboxEntry).where(OutboxEntry.seq == seq).values(fields=blank))
                redacted += 1
    return redacted


def drop_set_aside(s: Session, row_ids: list[str]) -> int:
    dropped = 0
    for chunk in _chunks(row_ids):
        dropped += _count(s.execute(delete(OutboxEntry).where(OutboxEntry.row_id.in_(chunk),
                                                              OutboxEntry.held_reason.is_not(None))))
        dropped += _count(s.execute(delete(SetAsideRow).where(SetAsideRow.row_id.in_(chunk))))
    return dropped


def drop_conflicts(s: Session, row_ids: list[str]) -> int:
    return sum(_count(s.execute(delete(Conflict).where(Conflict.row_id.in_(chunk))))
               for chunk in _chunks(row_ids))


def _count(result: Result[Any]) -> int:
    # A DELETE returns a CursorResult; Session.execute is typed as plain Result.
    return cast(CursorResult[Any], result).rowcount


def erased_citizens(s: Session) -> list[str]:
    return list(s.scalars(select(AccessLog.citizen_id).where(
        AccessLog.action == "delete", AccessLog.entity == "citizen",
        AccessLog.detail == ERASE_DETAIL).distinct()))
