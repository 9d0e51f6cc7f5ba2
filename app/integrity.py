"""The start-up check: a damaged store is never opened silently.

`check_store` runs PRAGMA quick_check (integrity_check on request) on the
encrypted file before the program opens it. When it fails, `recovery_offer`
finds the newest backup that passes the check and says what restoring it
would lose: the changes in the damaged store's outbox made after the backup
that were never sent to the server (when that part can still be read).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from app import backups, paths
from app.formatting import fmt_datetime
from db.engine import StoreError, WrongKeyError, _connect_factory

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    problem: str = ""  # Danish, for the user; never contains data


@dataclass(frozen=True)
class RecoveryOffer:
    backup: backups.BackupInfo
    unsynced_since: int | None  # None: the damaged store could not tell

    def message(self) -> str:
        lost = ("Det kunne ikke læses, hvor mange ændringer der går tabt."
                if self.unsynced_since is None else
                f"{self.unsynced_since} ikke-synkroniserede ændringer fra efter kopien går tabt.")
        return (f"Den nyeste gode sikkerhedskopi er fra {fmt_datetime(self.backup.taken_at)}. "
                f"{lost} Den beskadigede database gemmes ved siden af, så intet slettes.")


_PRAGMAS = {"open": "PRAGMA schema_version", "quick": "PRAGMA quick_check",
            "full": "PRAGMA integrity_check"}


def check_store(path: Path, key: str, full: bool = False, level: str | None = None) -> IntegrityReport:
    """Open the file with the key and check it: "open" (the key works and the
    schema reads, milliseconds), "quick" (quick_check, seconds on a large
    store) or "full" (integrity_check)."""
    if not path.exists():
        return IntegrityReport(True)
    level = level or ("full" if full else "quick")
    pragma = _PRAGMAS[level]
    try:
        conn = _connect_factory(path, key)()
    except (sqlcipher.DatabaseError, StoreError):
        return IntegrityReport(False, "Databasefilen kan ikke åbnes.")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        rows = conn.execute(pragma).fetchall()
    except sqlcipher.DatabaseError:
        return IntegrityReport(False, WrongKeyError().args[0])
    finally:
        conn.close()
    if rows and (rows[0][0] == "ok" or level == "open"):
        return IntegrityReport(True)
    log.error("store integrity check failed (%d problems)", len(rows))
    return IntegrityReport(False, "Databasen er beskadiget (integritetskontrollen fejlede).")


def newest_good_backup(key: str, folder: Path | None = None) -> backups.BackupInfo | None:
    for info in backups.list_backups(folder):
        if check_store(info.path, key, level="quick").ok:  # the restore itself runs the full check
            return info
    return None


def unsynced_since(path: Path, key: str, since: datetime) -> int | None:
    """Unsent outbox entries made after `since`, if the damaged file lets us read them."""
    try:
        conn = _connect_factory(path, key)()
        try:
            row = conn.execute("SELECT count(*) FROM outbox WHERE sent = 0 AND created_at > ?",
                               (since.isoformat(sep=" "),)).fetchone()
            return int(row[0])
        finally:
            conn.close()
    except (sqlcipher.DatabaseError, StoreError):
        return None


def recovery_offer(key: str, store: Path | None = None) -> RecoveryOffer | None:
    store = store or paths.store_path()
    good = newest_good_backup(key)
    if good is None:
        return None
    # Backup names are local time; the outbox stores naive UTC.
    since = good.taken_at.astimezone(UTC).replace(tzinfo=None)
    return RecoveryOffer(good, unsynced_since(store, key, since))
