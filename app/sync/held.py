"""Outgoing changes set aside by this laptop itself (a team move): held in
the outbox like the changes the server refuses (`held_reason`, see
app/sync/outbox.py and app/sync/setaside.py), so they are kept, not sent,
and listed in Synkronisering with the reason and Prøv igen / Kassér."""
from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from db.models import OutboxEntry


def held(session: Session) -> dict[int, str]:
    """Held outbox entries: seq -> reason."""
    rows = session.execute(select(OutboxEntry.seq, OutboxEntry.held_reason)
                           .where(OutboxEntry.held_reason.is_not(None))).all()
    return {seq: reason or "" for seq, reason in rows}  # never None: the query asks for set ones


def set_aside(session: Session, seqs: list[int], reason: str) -> int:
    for i in range(0, len(seqs), 900):
        session.execute(update(OutboxEntry).where(OutboxEntry.seq.in_(seqs[i:i + 900]),
                                                  OutboxEntry.held_reason.is_(None))
                        .values(held_reason=reason[:500]))
    return len(seqs)
