"""Passages of recent visit notes the coach may quote in the assessment.

The notes are cut into paragraphs and sentences; the coach picks single
passages. Nothing here hands over a visit's notes in whole: only a note
that is a single sentence is itself one passage, and a passage is at most
`MAX_PASSAGE` characters.
"""
from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.context import Context
from app.services.status_model import Quote
from db.enums import VisitStatus
from db.models import Visit

RECENT_VISITS = 8
PASSAGES_PER_VISIT = 12
MIN_PASSAGE = 15
MAX_PASSAGE = 300
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9»\"(-])")


def passages(notes: str) -> list[str]:
    """Paragraphs, each cut into sentences; very long sentences shortened."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n|\n", (notes or "").replace("\r\n", "\n")):
        for sentence in _SENTENCE_END.split(block.strip()):
            clean = " ".join(sentence.split()).lstrip("-•* ")
            if len(clean) < MIN_PASSAGE:
                continue
            if len(clean) > MAX_PASSAGE:
                clean = clean[:MAX_PASSAGE].rsplit(" ", 1)[0] + " …"
            out.append(clean)
    return out


def recent_quotes(ctx: Context, citizen_id: str, until: date) -> list[Quote]:
    """Passages from the citizen's most recent held visits up to `until`,
    newest visit first."""
    with ctx.uow() as s:
        rows = s.execute(select(Visit.at, Visit.notes).where(
            Visit.citizen_id == citizen_id, Visit.deleted_at.is_(None),
            Visit.status == VisitStatus.HELD.value,
            Visit.at < datetime.combine(until + timedelta(days=1), time.min),
        ).order_by(Visit.at.desc()).limit(RECENT_VISITS)).all()
    quotes: list[Quote] = []
    for at, notes in rows:
        quotes += [Quote(at.date(), p) for p in passages(notes)[:PASSAGES_PER_VISIT]]
    return quotes
