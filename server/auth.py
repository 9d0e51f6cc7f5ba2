"""Accounts, passwords (argon2) and device tokens (random, stored as SHA-256)."""
from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import String, bindparam, select, update
from sqlalchemy.orm import Session

from server import throttle
from server.models import Account, Device, ServerMeta, utcnow

_hasher = PasswordHasher()
# Verified when the user is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-password")


@dataclass(frozen=True)
class Caller:
    device_id: str
    account_id: int
    username: str
    team: str
    leader: bool
    epoch: str  # the server's (server_meta), read with the token: a push's epoch is checked against it


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(session: Session, username: str, team: str, password: str, leader: bool = False,
             profile: dict[str, str] | None = None) -> Account:
    """Create or update an account; `profile` (full_name, phone, email) only
    changes what it names."""
    if not username or not team or not password:
        raise ValueError("brugernavn, team og adgangskode skal udfyldes")
    account = session.execute(select(Account).where(Account.username == username)).scalar_one_or_none()
    if account is None:
        account = Account(username=username, team=team, password_hash=_hasher.hash(password), leader=leader)
        session.add(account)
    else:
        account.team, account.leader = team, leader
        account.password_hash = _hasher.hash(password)
    for key, value in (profile or {}).items():
        if key in ("full_name", "phone", "email") and value is not None:
            setattr(account, key, value.strip())
    session.flush()
    return account


def check_password(session: Session, username: str, password: str) -> Account | None:
    account = session.execute(select(Account).where(Account.username == username)).scalar_one_or_none()
    with throttle.hashing:  # bounded per process (memory)
        try:
            _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
        except (VerificationError, InvalidHashError):
            return None
    return account


def set_password(session: Session, username: str, password: str) -> int | None:
    """A new password; every device of the user is revoked (they log in
    again). Returns how many devices were revoked, None for an unknown user."""
    account = session.execute(select(Account).where(Account.username == username)).scalar_one_or_none()
    if account is None:
        return None
    account.password_hash = _hasher.hash(password)
    devices = session.execute(select(Device).where(Device.account_id == account.id,
                                                   Device.revoked_at.is_(None))).scalars().all()
    for device in devices:
        device.revoked_at = utcnow()
    return len(devices)


def register_device(session: Session, account: Account, name: str) -> tuple[Device, str]:
    """A new device and its token; only the token's hash is stored."""
    token = secrets.token_urlsafe(32)
    device = Device(id=str(uuid.uuid4()), account_id=account.id, name=name[:200], token_hash=token_hash(token))
    session.add(device)
    session.flush()
    return device, token


TOKEN_IDLE_LIMIT = timedelta(days=90)   # a device unused this long must log in again
SEEN_EVERY = timedelta(hours=1)         # last_seen is written at most this often


_device, _account, _meta = Device.__table__.c, Account.__table__.c, ServerMeta.__table__.c
# Every request asks this: built once (building it cost more CPU than running it).
_BY_TOKEN = (select(_device.id, _device.revoked_at, _account.id, _account.username, _account.team, _account.leader,
                    _device.created_at, _device.last_seen,
                    select(_meta.epoch).where(_meta.id == 1).scalar_subquery())
             .join_from(Device.__table__, Account.__table__, _account.id == _device.account_id)
             .where(_device.token_hash == bindparam("token_hash", type_=String())))


def caller_for_token(session: Session, token: str) -> Caller | None:
    row = session.execute(_BY_TOKEN, {"token_hash": token_hash(token)}).first()
    if row is None or row[1] is not None:
        return None
    now = utcnow()
    seen = row[7] or row[6]
    if now - seen > TOKEN_IDLE_LIMIT:
        return None
    if row[7] is None or now - row[7] > SEEN_EVERY:
        _seen(session, row[0], now)
    return Caller(device_id=row[0], account_id=row[2], username=row[3], team=row[4], leader=row[5], epoch=row[8])


def _seen(session: Session, device_id: str, now: datetime) -> None:
    """Renews the token. Committed here: a pull never commits, and a push
    takes its lock with its own first statement after this."""
    session.execute(update(Device).where(Device.id == device_id).values(last_seen=now))
    session.commit()


def revoke(session: Session, device_id: str) -> bool:
    device = session.get(Device, device_id)
    if device is None:
        return False
    if device.revoked_at is None:
        device.revoked_at = utcnow()
    return True
