"""Accounts, passwords (argon2) and device tokens (random, stored as SHA-256)."""
from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import Account, Device, utcnow

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
    try:
        _hasher.verify(account.password_hash if account else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return account


def register_device(session: Session, account: Account, name: str) -> tuple[Device, str]:
    """A new device and its token; only the token's hash is stored."""
    token = secrets.token_urlsafe(32)
    device = Device(id=str(uuid.uuid4()), account_id=account.id, name=name[:200], token_hash=token_hash(token))
    session.add(device)
    session.flush()
    return device, token


def caller_for_token(session: Session, token: str) -> Caller | None:
    row = session.execute(
        select(Device.id, Device.revoked_at, Account.id, Account.username, Account.team, Account.leader)
        .join(Account, Account.id == Device.account_id)
        .where(Device.token_hash == token_hash(token))
    ).first()
    if row is None or row[1] is not None:
        return None
    return Caller(device_id=row[0], account_id=row[2], username=row[3], team=row[4], leader=row[5])


def revoke(session: Session, device_id: str) -> bool:
    device = session.get(Device, device_id)
    if device is None:
        return False
    if device.revoked_at is None:
        device.revoked_at = utcnow()
    return True
