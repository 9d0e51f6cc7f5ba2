"""Login throttling, kept in the database (several server processes share
it): after MAX_FAILURES failed logins within WINDOW, per user name and per
client address, every further attempt — the right password too — is refused
with 429 until the oldest of those failures leaves the window. And password
hashing is bounded per process: argon2 takes 64 MiB a hash, so a flood of
logins queues here instead of exhausting memory."""
from __future__ import annotations

import math
import threading
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.orm import Session

from server.models import LoginAttempt, utcnow

MAX_FAILURES = 10
WINDOW = timedelta(minutes=15)
HASHING_AT_ONCE = 4  # per process: at most 4 x 64 MiB for argon2
hashing = threading.BoundedSemaphore(HASHING_AT_ONCE)


def keys(username: str, address: str | None) -> list[str]:
    return [f"user:{username[:150]}", f"addr:{(address or '?')[:150]}"]


def retry_after(session: Session, names: list[str], now: datetime | None = None) -> int | None:
    """Seconds until an attempt is allowed again, or None if it is now."""
    now = now or utcnow()
    since = now - WINDOW
    longest: int | None = None
    for key in names:
        count, oldest_of_last = _recent(session, key, since)
        if count >= MAX_FAILURES and oldest_of_last is not None:
            wait = math.ceil((oldest_of_last + WINDOW - now).total_seconds())
            longest = max(longest or 0, max(wait, 1))
    return longest


def _recent(session: Session, key: str, since: datetime) -> tuple[int, datetime | None]:
    """How many failures in the window, and when the window frees one slot:
    the MAX_FAILURES-th newest failure (older ones do not matter)."""
    count = session.execute(select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.key == key, LoginAttempt.at > since)).scalar_one()
    if count < MAX_FAILURES:
        return count, None
    at = session.execute(select(LoginAttempt.at).where(LoginAttempt.key == key, LoginAttempt.at > since)
                         .order_by(LoginAttempt.at.desc()).offset(MAX_FAILURES - 1).limit(1)).scalar_one()
    return count, at


def record_failure(engine: Engine, names: list[str]) -> None:
    """In its own transaction: the request's own is rolled back with its 401."""
    now = utcnow()
    with engine.begin() as conn:
        conn.execute(delete(LoginAttempt).where(LoginAttempt.key.in_(names), LoginAttempt.at <= now - WINDOW))
        conn.execute(insert(LoginAttempt), [{"key": k, "at": now} for k in names])
