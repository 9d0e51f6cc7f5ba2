"""The one module that knows every path the program uses.

`JOBCOACH_DATA_DIR` moves everything (store, backups, logs, settings) under
one folder; tests always set it so that no real user's data is touched.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "Jobcoach"
APP_AUTHOR = "Jobcoach"
DATA_DIR_ENV = "JOBCOACH_DATA_DIR"


def _override() -> Path | None:
    value = os.environ.get(DATA_DIR_ENV)
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    base = _override() or Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    base.mkdir(parents=True, exist_ok=True)
    return base


def config_dir() -> Path:
    override = _override()
    base = override / "config" if override else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    base.mkdir(parents=True, exist_ok=True)
    return base


def log_dir() -> Path:
    override = _override()
    base = override / "logs" if override else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    base.mkdir(parents=True, exist_ok=True)
    return base


def store_path() -> Path:
    return data_dir() / "jobcoach.db"


def backup_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def migration_backup_dir() -> Path:
    path = backup_dir() / "before-migration"
    path.mkdir(parents=True, exist_ok=True)
    return path


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
