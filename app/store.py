"""Open the local store: key from the keyring (or a passphrase), schema
upgraded after a backup copy, and the local user present."""
from __future__ import annotations

import getpass
import logging
from dataclasses import dataclass
from pathlib import Path

from app import paths, secrets
from db.engine import Store, StoreError, check_key
from db.migrate import upgrade
from db.models import Coach, SyncState, Team

log = logging.getLogger(__name__)
NODE_KEY = "node_id"
CLOCK_OFFSET_KEY = "clock_offset_ms"
ME_KEY = "local_coach_id"


@dataclass
class OpenedStore:
    store: Store
    coach_id: str
    username: str
    migration_backup: str | None


def store_key(passphrase: str | None = None) -> str:
    """The key for this user's store: from the keyring, or from a passphrase."""
    if passphrase is not None:
        salt_file = paths.passphrase_salt_file()
        if not salt_file.exists():
            salt_file.write_bytes(secrets.new_key().encode()[:32])
        return secrets.derive_key_from_passphrase(passphrase, salt_file.read_bytes())
    key, created = secrets.get_or_create_db_key()
    if created and paths.store_path().exists():
        raise StoreError(
            "Der findes en database, men nøglen til den mangler i nøgleringen. "
            "Gendan nøglen eller brug en sikkerhedskopi."
        )
    return key


def open_store(path: Path | None = None, key: str | None = None) -> OpenedStore:
    path = path or paths.store_path()
    key = key or store_key()
    if path.exists():
        check_key(path, key)
    store = Store(path, key, node="local")
    try:
        backup = upgrade(store.engine, paths.migrations_dir(), key, path, paths.migration_backup_dir())
        node = _ensure_node(store)
        store.clock.set_node(node)  # known only once the store is open
        store.clock.offset_ms = _clock_offset(store)
        coach_id, username = _ensure_local_user(store)
    except BaseException:
        store.close()
        raise
    return OpenedStore(store, coach_id, username, backup)


def _ensure_node(store: Store) -> str:
    from db.base import new_id

    with store.unit_of_work() as session:
        row = session.get(SyncState, NODE_KEY)
        if row is None:
            row = SyncState(key=NODE_KEY, value=new_id().replace("-", "")[-12:])
            session.add(row)
        return row.value


def _clock_offset(store: Store) -> int:
    """The offset to the server's clock measured at the last pull (app.sync.client)."""
    with store.unit_of_work() as session:
        row = session.get(SyncState, CLOCK_OFFSET_KEY)
        try:
            return int(row.value) if row is not None else 0
        except ValueError:
            return 0


def _ensure_local_user(store: Store) -> tuple[str, str]:
    """The first start makes a local team and coach from the OS login."""
    with store.unit_of_work() as session:
        me = session.get(SyncState, ME_KEY)
        coach = session.get(Coach, me.value) if me else None
        if coach is None:
            username = _os_user()
            team = Team(name="Mit team")
            session.add(team)
            session.flush()
            coach = Coach(team_id=team.id, username=username, full_name=username, role="coach")
            session.add(coach)
            session.flush()
            session.merge(SyncState(key=ME_KEY, value=coach.id))
        return coach.id, coach.username


def _os_user() -> str:
    try:
        return getpass.getuser() or "jobcoach"
    except (OSError, KeyError):
        return "jobcoach"
