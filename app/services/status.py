"""What the status bar shows: changes not yet synced, whether the sync
server answers, and the local user's role (the team leader sees more)."""
from __future__ import annotations

import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import func, select

from app.context import Context
from db.enums import CoachRole
from db.models import Coach, OutboxEntry


@dataclass(frozen=True)
class Status:
    unsynced: int
    server_configured: bool
    online: bool


def unsynced_count(ctx: Context) -> int:
    """Changes the user made (outbox entries) not yet accepted by the server.

    The team and coach the first start makes from the OS login are in the
    outbox too (the server needs them), but they are not the user's work:
    an untouched store shows no unsynchronised changes."""
    with ctx.uow() as s:
        coach = s.get(Coach, ctx.coach_id)
        setup = [ctx.coach_id] + ([coach.team_id] if coach is not None and coach.team_id else [])
        return s.scalar(select(func.count()).select_from(OutboxEntry)
                        .where(OutboxEntry.sent.is_(False),
                               ~(OutboxEntry.row_id.in_(setup) & (OutboxEntry.op == "insert")))) or 0


def server_reachable(url: str, timeout: float = 1.0) -> bool:
    """A TCP connect to the sync server's host and port; no data is sent."""
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


def current_status(ctx: Context, probe: bool = True) -> Status:
    url = ctx.settings.sync_server_url.strip()
    online = bool(url) and probe and server_reachable(url)
    return Status(unsynced_count(ctx), bool(url), online)


def is_team_leader(ctx: Context) -> bool:
    with ctx.uow() as s:
        coach = s.get(Coach, ctx.coach_id)
        return coach is not None and coach.role == CoachRole.LEADER.value
