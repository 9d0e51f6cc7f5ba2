"""The one module that knows every path the program uses.

`JOBCOACH_DATA_DIR` moves everything (store, backups, logs, settings) under
one folder; tests always set it so that no real user's data is touched.
"""
from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

import platformdirs

APP_NAME = "Jobcoach"
APP_AUTHOR = "Jobcoach"
DATA_DIR_ENV = "JOBCOACH_DATA_DIR"


def _override() -> Path | None:
    value = os.environ.get(DATA_DIR_ENV)
    return Path(value).expanduser() if value else None


POSIX = os.name == "posix"
PRIVATE_DIR, PRIVATE_FILE = 0o700, 0o600


def _private(path: Path) -> Path:
    """A folder of ours, readable by the user only (POSIX; Windows keeps
    the profile's own ACLs)."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if POSIX and (path.stat().st_mode & 0o777) != PRIVATE_DIR:
        path.chmod(PRIVATE_DIR)
    return path


def data_dir() -> Path:
    return _private(_override() or Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)))


def config_dir() -> Path:
    override = _override()
    return _private(override / "config" if override else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)))


def log_dir() -> Path:
    override = _override()
    return _private(override / "logs" if override else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)))


def make_private() -> None:
    """At start: files made from now on are the user's only (umask 077:
    the store's -wal/-shm, backups, logs, settings), and what an older
    version left readable to others is closed."""
    if not POSIX:
        return
    os.umask(0o077)
    for top in (data_dir(), config_dir(), log_dir()):
        for path in [top, *top.rglob("*")]:
            try:
                wanted = PRIVATE_DIR if path.is_dir() else PRIVATE_FILE
                if not path.is_symlink() and (path.stat().st_mode & 0o777) != wanted:
                    path.chmod(wanted)
            except OSError:
                continue  # a file that vanished meanwhile


def store_path() -> Path:
    return data_dir() / "jobcoach.db"


def overridden() -> bool:
    return _override() is not None


def store_id() -> str:
    """The store's identity, kept beside it (`store.id`): its keyring
    entries are named by it, so two data folders on one OS account never
    share a key or a device token."""
    path = data_dir() / "store.id"
    try:
        value = path.read_text(encoding="ascii").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        value = ""
    if len(value) == 32 and all(c in "0123456789abcdef" for c in value):
        return value
    value = uuid.uuid4().hex
    tmp = path.with_suffix(".tmp")
    tmp.write_text(value, encoding="ascii")
    if POSIX:
        tmp.chmod(PRIVATE_FILE)
    tmp.replace(path)
    return value


def backup_dir() -> Path:
    return _private(data_dir() / "backups")


def migration_backup_dir() -> Path:
    return _private(backup_dir() / "before-migration")


def settings_file() -> Path:
    return config_dir() / "settings.json"


def passphrase_salt_file() -> Path:
    """Salt for the passphrase mode; a salt is not a secret."""
    return data_dir() / "passphrase.salt"


def idle_lock_flag() -> Path:
    """Present while the screen lock is on (see app/idle.LockFlag)."""
    return data_dir() / "screen-locked.flag"


def lock_file() -> Path:
    return data_dir() / "jobcoach.lock"


def resources_dir() -> Path:
    """Shipped files: inside a PyInstaller bundle they sit under sys._MEIPASS."""
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def migrations_dir() -> Path:
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "db" / "migrations"
    return Path(__file__).resolve().parent.parent / "db" / "migrations"
