"""Retention: ended cases are kept Settings.retention_days after they ended,
then their personal data is erased.

Erasing scrubs the citizen's name, CPR and contact fields and the text (and
figures) of their placements, visits, skånehensyn, actions, hours, ... and
tombstones every row, through the ORM and db.changes.bulk_update so the
outbox carries it to the server and, from there, to the other laptops. The
access log keeps its entries (citizen id, time, user, action; never a name)
and gains one for the erasure. Afterwards the search index is compacted so
no deleted word stays in it; SQLCipher's secure_delete (on by default)
zeroes the freed pages.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import Context
from app.services import audit
from app.services.crud import NotFound
from app.services.erasure_plan import CITIZEN_SCRUB, ERASED_NAME, SCRUB, related_ids
from app.services.outbox_redaction import (
    ERASE_DETAIL,
    drop_conflicts,
    drop_set_aside,
    drop_unpushed,
    erased_citizens,
    redact_sent,
)
from db.base import utcnow
from db.changes import bulk_update
from db.enums import CitizenStatus
from db.models import Citizen

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetentionCandidate:
    id: str
    name: str
    ended_on: date | None
    due_since: date


def _end_of_case(row: Citizen) -> date | None:
    if row.ended_on is not None:
        return row.ended_on
    return row.deleted_at.date() if row.deleted_at is not None else None


def due_for_erasure(ctx: Context, today: date | None = None) -> list[RetentionCandidate]:
    """Ended (or deleted) cases whose retention period has run out."""
    today = today or date.today()
    keep = timedelta(days=ctx.settings.retention_days)
    out: list[RetentionCandidate] = []
    with ctx.uow() as s:
        rows = s.scalars(select(Citizen).where(
            (Citizen.status == CitizenStatus.ENDED.value) | Citizen.deleted_at.is_not(None)))
        for row in rows:
            end = _end_of_case(row)
            if row.name == ERASED_NAME or end is None:
                continue
            if row.deleted_at is None and row.status != CitizenStatus.ENDED.value:
                continue
            if end + keep < today:
                out.append(RetentionCandidate(row.id, row.name, row.ended_on, end + keep))
    return sorted(out, key=lambda c: c.due_since)


def _scrub(s: Session, citizen_id: str) -> list[str]:
    """Scrub and tombstone everything; return every touched row id."""
    citizen = s.get(Citizen, citizen_id)
    if citizen is None:
        raise NotFound("Borgeren findes ikke.")
    now = utcnow()
    for key, value in CITIZEN_SCRUB.items():
        setattr(citizen, key, value)
    citizen.deleted_at = citizen.deleted_at or now
    touched = [citizen_id]
    for model, ids in related_ids(s, citizen_id).items():
        bulk_update(s, model, ids, SCRUB[model] | {"deleted_at": now})
        touched += ids
    s.flush()
    return touched


def erase_citizen(ctx: Context, citizen_id: str) -> int:
    """Erase one citizen's personal data; returns the number of rows scrubbed."""
    with ctx.uow() as s:
        touched = _scrub(s, citizen_id)
        audit.record(s, ctx, "delete", citizen_id, "citizen", citizen_id, ERASE_DETAIL)
        s.flush()
        drop_unpushed(s, touched)
        drop_set_aside(s, touched)
        redact_sent(s, touched)
        drop_conflicts(s, touched)
    compact(ctx)
    log.info("citizen erased (%d rows scrubbed)", len(touched))
    return len(touched)


def redact_erased_outbox(ctx: Context) -> int:
    """After a sync round: blank the values of sent outbox entries of erased citizens."""
    with ctx.uow() as s:
        total = 0
        for citizen_id in erased_citizens(s):
            total += redact_sent(s, [citizen_id] + sum(related_ids(s, citizen_id).values(), []))
        return total


def compact(ctx: Context) -> None:
    """Merge the search index (drops deleted terms) and checkpoint the WAL."""
    raw = ctx.store.engine.raw_connection()
    try:
        conn: Any = raw.driver_connection  # sqlcipher3 (untyped); autocommit (see db.engine._on_connect)
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
