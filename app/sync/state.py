"""The client's sync position in the local store (table sync_state)."""
from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db.models import Conflict, OutboxEntry, SyncState

CURSOR, EPOCH, LAST_SYNC, DEVICE_ID, NODE = "sync_cursor", "sync_epoch", "last_sync", "device_id", "node_id"


def get(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(SyncState, key)
    return row.value if row is not None else default


def put(session: Session, key: str, value: str | None) -> None:
    row = session.get(SyncState, key)
    if value is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


def cursor(session: Session) -> int:
    return int(get(session, CURSOR, "0") or 0)


def waiting(session: Session) -> int:
    """Changes still to send (not those held after the server refused them)."""
    return session.execute(select(func.count()).select_from(OutboxEntry).where(
        OutboxEntry.sent.is_(False), OutboxEntry.held_reason.is_(None))).scalar_one()


def open_conflicts(session: Session) -> int:
    return session.execute(select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None))).scalar_one()


def start_over(session: Session) -> None:
    """Full resync: pull from the start, and send every change again — the
    server skips those it has (change ids are unique) and re-applies those a
    restore from backup lost."""
    put(session, CURSOR, "0")
    put(session, EPOCH, None)
    session.execute(update(OutboxEntry).where(OutboxEntry.sent.is_(True)).values(sent=False))
