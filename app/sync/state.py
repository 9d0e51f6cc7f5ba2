"""The client's sync position in the local store (table sync_state)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from db.base import utcnow
from db.models import Conflict, OutboxEntry, SyncState

CURSOR, EPOCH, LAST_SYNC, DEVICE_ID, NODE = "sync_cursor", "sync_epoch", "last_sync", "device_id", "node_id"
TEAM = "sync_team"            # the server account's team, as the server last said
FULL_PULL = "sync_full_pull"  # "1": pull everything, this node's own rows included
APART = "sync_apart_since"    # when a resync from zero last left the replicas apart
LEFTOVERS = "sync_leftovers"  # JSON list: rows kept from a team this laptop has left


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
    query = select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None))
    return session.execute(query).scalar_one()


def new_node_id() -> str:
    from db.base import new_id

    return new_id().replace("-", "")[-12:]


def new_identity(session: Session) -> str:
    """A new HLC node id for this store (after a restore from a copy: the
    old id's rows on the server may be newer than the copy's)."""
    node = new_node_id()
    put(session, NODE, node)
    return node


def pull_node(session: Session) -> str | None:
    """The node id a pull names (its rows are skipped), or None during a
    full pull, which must bring back this store's own rows too."""
    return None if get(session, FULL_PULL) else get(session, NODE)


def reset_cursor(session: Session) -> None:
    """Pull everything from the start, this store's own rows included."""
    put(session, CURSOR, "0")
    put(session, EPOCH, None)
    put(session, FULL_PULL, "1")


def start_over(session: Session) -> None:
    """Full resync: pull from the start, and send every change again — the
    server skips those it has (change ids are unique) and re-applies those a
    restore from backup lost."""
    reset_cursor(session)
    session.execute(update(OutboxEntry).where(OutboxEntry.sent.is_(True)).values(sent=False))


def leftovers(session: Session) -> set[str]:
    """Rows kept after a team move (unsynced work and what it refers to):
    not the new team's, so neither compared with its checksum nor sent."""
    return set(json.loads(get(session, LEFTOVERS, "[]") or "[]"))


def add_leftovers(session: Session, row_ids: set[str]) -> None:
    put(session, LEFTOVERS, json.dumps(sorted(leftovers(session) | row_ids)) if row_ids else get(session, LEFTOVERS))


RESYNC_PAUSE = timedelta(hours=1)


def apart_recently(session: Session) -> bool:
    """A resync from zero left the replicas apart within the last hour: the
    next is not started every round (a full resync of a large team takes a
    while), only after the pause."""
    since = get(session, APART)
    if not since:
        return False
    try:
        return datetime.fromisoformat(since) > utcnow() - RESYNC_PAUSE
    except ValueError:
        return False


def pull_done(session: Session) -> None:
    """A pull reached the server's end: later pulls may skip this node's rows."""
    put(session, FULL_PULL, None)
