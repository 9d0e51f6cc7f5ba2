"""Automatic and manual encrypted backups of the local store, and restore.

A backup is a copy made with SQLite's online backup API under the store's
own key (db.backup.copy_store), so it is as unreadable without the key as
the store itself. Files are named jobcoach-YYYYmmdd-HHMMSS.db in
paths.backup_dir(); rotation keeps Settings.backup_keep_days days but never
removes the newest good copies.
"""
from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app import paths
from db.backup import copy_store, verify_copy

log = logging.getLogger(__name__)
_NAME = re.compile(r"^jobcoach-(\d{8}-\d{6})(?:-\d+)?\.db$")
_STAMP = "%Y%m%d-%H%M%S"
KEEP_AT_LEAST = 2
START_BACKUP_MIN_AGE = timedelta(hours=4)  # restarts during a day do not pile up copies
DAILY = timedelta(hours=24)


class RestoreError(RuntimeError):
    """The file cannot be restored; the message is Danish and safe to show."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int


def _info(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    return BackupInfo(path, datetime.strptime(match.group(1), _STAMP), path.stat().st_size)


def list_backups(folder: Path | None = None) -> list[BackupInfo]:
    """Automatic/manual backups, newest first."""
    folder = folder or paths.backup_dir()
    found = [_info(p) for p in folder.glob("jobcoach-*.db")]
    return sorted((b for b in found if b), key=lambda b: (b.taken_at, b.path.name), reverse=True)


def _free_name(folder: Path, now: datetime) -> Path:
    base = f"jobcoach-{now.strftime(_STAMP)}"
    candidate, n = folder / f"{base}.db", 1
    while candidate.exists():
        candidate, n = folder / f"{base}-{n}.db", n + 1
    return candidate


def make_backup(key: str, store: Path | None = None, folder: Path | None = None,
                now: datetime | None = None) -> BackupInfo:
    """Copy the store now (safe while the program writes to it)."""
    store = store or paths.store_path()
    dest = _free_name(folder or paths.backup_dir(), now or datetime.now())
    copy_store(store, dest, key)
    log.info("backup written (%d bytes)", dest.stat().st_size)
    return _info(dest)  # type: ignore[return-value]


def rotate(keep_days: int, folder: Path | None = None, now: datetime | None = None) -> int:
    """Remove backups older than keep_days, and all but the newest of each
    earlier day; the newest KEEP_AT_LEAST always stay."""
    now = now or datetime.now()
    limit = now - timedelta(days=max(keep_days, 1))
    removed, days_seen = 0, set()
    for n, info in enumerate(list_backups(folder)):
        day = info.taken_at.date()
        keep = n < KEEP_AT_LEAST or (info.taken_at >= limit and (
            day == now.date() or day not in days_seen))
        days_seen.add(day)
        if not keep:
            info.path.unlink(missing_ok=True)
            removed += 1
    return removed


def backup_due(after: timedelta, folder: Path | None = None, now: datetime | None = None) -> bool:
    newest = next(iter(list_backups(folder)), None)
    return newest is None or (now or datetime.now()) - newest.taken_at >= after


def automatic_backup(key: str, keep_days: int, after: timedelta = START_BACKUP_MIN_AGE) -> BackupInfo | None:
    """The start-up and daily backup: copy when due, then rotate."""
    if not paths.store_path().exists() or not backup_due(after):
        return None
    info = make_backup(key)
    if not verify_copy(info.path, key):  # a copy of a damaged store must not push out good ones
        info.path.unlink(missing_ok=True)
        log.error("automatic backup failed its check; removed")
        return None
    rotate(keep_days)
    return info


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]


def set_aside(store: Path, folder: Path | None = None) -> Path | None:
    """Move the current store (and its WAL) to backups/replaced/; raw bytes, as it may be damaged."""
    if not store.exists():
        return None
    folder = folder or paths.backup_dir() / "replaced"
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{store.stem}-replaced-{datetime.now().strftime(_STAMP)}.db"
    shutil.copy2(store, dest)
    for side in _sidecars(store):
        if side.exists():
            shutil.copy2(side, dest.with_name(dest.name + side.name[len(store.name):]))
    return dest


def restore(file: Path, key: str, store: Path | None = None) -> Path | None:
    """Replace the store with a backup that opens with the key and is intact.

    The replaced store is kept under backups/replaced/. The caller must have
    closed the store and hold the instance lock. Returns the set-aside copy.
    """
    store = store or paths.store_path()
    if not file.is_file():
        raise RestoreError(f"Filen findes ikke: {file.name}")
    if not verify_copy(file, key):
        raise RestoreError("Filen kan ikke bruges: den kan ikke åbnes med databasens nøgle, "
                           "eller den er beskadiget. Databasen er ikke ændret.")
    staged = store.with_name(store.name + ".restore")
    copy_store(file, staged, key)
    kept = set_aside(store)
    # A stale WAL beside the new file would be replayed into it: remove it.
    for side in _sidecars(store):
        side.unlink(missing_ok=True)
    staged.replace(store)
    _resync_after_restore(store, key)
    log.info("store restored from a backup")
    return kept


def _resync_after_restore(store: Path, key: str) -> None:
    """The restored store is a copy of the past, so it becomes a new sync
    node: the server skips, in a pull, rows whose last clean change came
    from the asking node (they are "already there"), and rows this laptop
    wrote after the backup are not in the copy. With a new node id every
    row comes back. The cursor starts at zero and every change in the copy
    is sent again (the server skips those it has by change id)."""
    from app.sync.state import new_identity, start_over
    from db.engine import Store

    opened = Store(store, key, "restore")
    try:
        with opened.unit_of_work() as session:
            new_identity(session)
            start_over(session)
    finally:
        opened.close()
