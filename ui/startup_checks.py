"""The privacy and reliability steps around opening the store at start:

1. one program per store (OS file lock), else a clear Danish message;
2. the key (keyring, or the passphrase where no keyring works);
3. an integrity check: a damaged store is never opened silently; the newest
   good backup is offered with what would be lost. quick_check takes seconds
   on a large store, so it runs before opening only when the last session
   did not end cleanly (a crash, a flat battery); after a clean exit the
   store is opened at once and checked in the background (ui.privacy_runtime);
4. after the window shows: automatic backups and the idle lock.

application.py calls `open_store_guarded`; ui/runtime.py starts what runs meanwhile; the key stays
in memory here (as it does in the open engine), never on disk.
"""
from __future__ import annotations

import logging
import sys
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app import backups, integrity, paths
from app.context import Context
from app.instance_lock import AlreadyRunning, InstanceLock
from app.secrets import KeyringUnavailable
from app.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Guard:
    lock: InstanceLock
    key: str
    passphrase_mode: bool
    checked: bool  # False: the integrity check still has to run (in the background)


_guard: Guard | None = None


def current_guard() -> Guard | None:
    return _guard


def clean_marker():
    return paths.data_dir() / "clean-shutdown"


def _key(smoke_test: bool) -> tuple[str, bool] | None:
    from app.store import store_key

    try:
        return store_key(), False
    except KeyringUnavailable:
        if smoke_test:
            raise
        return _key_from_passphrase()


def _key_from_passphrase() -> tuple[str, bool] | None:
    """The passphrase dialog, or the plain truth when no passphrase can help."""
    from app.passphrase import KEYRING_GONE, StoreKeyState, key_state
    from ui.passphrase_dialog import PassphraseDialog

    state = key_state()
    if state is StoreKeyState.KEYRING_GONE:
        QMessageBox.critical(None, "Jobcoach – nøgleringen mangler", KEYRING_GONE)
        return None
    dialog = PassphraseDialog(new=state is StoreKeyState.NEW)
    return (dialog.key, True) if dialog.exec() == QDialog.DialogCode.Accepted else None


def offer_recovery(parent: QWidget | None, key: str, problem: str) -> bool:
    """Tell the user, offer the newest good backup; True when the user chose it."""
    offer = integrity.recovery_offer(key)
    if offer is None:
        QMessageBox.critical(parent, "Jobcoach", f"{problem}\n\nDer findes ingen brugbar sikkerhedskopi. "
                             "Kontakt IT; filen er ikke ændret.")
        return False
    answer = QMessageBox.question(
        parent, "Jobcoach – databasen er beskadiget",
        f"{problem}\n\n{offer.message()}\n\nVil du gendanne fra sikkerhedskopien?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    backups.restore(offer.backup.path, key)
    return True


def _lock(smoke_test: bool) -> InstanceLock | None:
    try:
        return InstanceLock().acquire()
    except AlreadyRunning as exc:
        if smoke_test:
            print(f"smoke-test fejlede: {exc}", file=sys.stderr)
        else:
            QMessageBox.warning(None, "Jobcoach", str(exc))
        return None


def _checked_now(key: str, smoke_test: bool) -> bool | None:
    """Run the check before opening when needed: True checked, False deferred, None refused."""
    marker = clean_marker()
    deferred = marker.exists()
    marker.unlink(missing_ok=True)  # written again at a clean exit
    report = integrity.check_store(paths.store_path(), key, level="open" if deferred else "quick")
    if report.ok:
        return not deferred
    if smoke_test:
        print(f"smoke-test fejlede: {report.problem}", file=sys.stderr)
        return None
    return True if offer_recovery(None, key, report.problem) else None


def open_store_guarded(smoke_test: bool = False) -> Context | None:
    """Lock, key, integrity check, open. None means: do not start (told the user)."""
    global _guard
    lock = _lock(smoke_test)
    if lock is None:
        return None
    try:
        found = _key(smoke_test)
        checked = _checked_now(found[0], smoke_test) if found else None
        if found is None or checked is None:
            lock.release()
            return None
        from app.store import open_store

        opened = open_store(key=found[0])
    except BaseException:
        lock.release()
        raise
    _guard = Guard(lock, found[0], found[1], checked)
    return Context(opened.store, opened.coach_id, opened.username, Settings.load())


def mark_clean_exit() -> None:
    """A clean end of a session (the smoke test's too): the next start may
    open at once and check in the background."""
    clean_marker().write_text("ok")
