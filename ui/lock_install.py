"""Setting up the idle lock at start and following Indstillinger while the
program runs: the PIN is asked for when the lock is first turned on, and a
program that was locked when it stopped starts locked."""
from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMainWindow, QMessageBox, QWidget

from app import paths, unlock
from app.context import Context
from app.idle import LockFlag
from app.services import first_start
from ui import changes
from ui.lock_screen import IdleLock, LockOverlay

_state: dict = {}  # the running window's lock, or what is needed to make it later


def _ensure_pin(window: QWidget) -> bool:
    if unlock.has_pin():
        return True
    pin, ok = QInputDialog.getText(
        window, "Jobcoach – pinkode til skærmlås",
        "Programmet låser sig selv, når du ikke har brugt det et stykke tid.\n"
        f"Vælg en pinkode (mindst {unlock.MIN_LENGTH} tegn), som du skal bruge for at låse op:",
        QLineEdit.EchoMode.Password)
    if not ok:
        return False
    try:
        unlock.set_pin(pin)
    except ValueError as exc:
        QMessageBox.warning(window, "Jobcoach", "\n".join(getattr(exc, "errors", {}).values()) or str(exc))
        return False
    return True


def install_idle_lock(window: QMainWindow, ctx: Context, guard) -> IdleLock | None:
    previous: IdleLock | None = _state.get("lock")
    if previous is not None and shiboken6.isValid(previous):  # its window may be gone (tests)
        previous.stop()
    _state.clear()
    _state.update(window=window, ctx=ctx, guard=guard)
    _listen(ctx)
    flag = LockFlag(paths.idle_lock_flag())
    minutes = ctx.settings.idle_lock_minutes
    if minutes <= 0 and not flag.is_set():
        return None  # made when the setting is turned on (follow_settings)
    if not guard.passphrase_mode and not unlock.has_pin() and first_start.should_show(ctx):
        return None  # the first start's guide comes first; the PIN is asked for after it
    if guard.passphrase_mode:
        overlay = LockOverlay(window, lambda text: unlock.verify_passphrase(text, guard.key), "Adgangsfrase")
    elif unlock.has_pin() or _ensure_pin(window):
        overlay = LockOverlay(window, unlock.verify_pin, "Pinkode")
    else:
        QMessageBox.information(window, "Jobcoach", "Skærmlåsen er slået fra, indtil du vælger en pinkode.")
        return None
    lock = IdleLock(window, overlay, minutes, flag)
    _state["lock"] = window._idle_lock = lock  # type: ignore[attr-defined]
    if flag.is_set():
        lock.lock()  # it was locked when the program stopped
    return lock


def _listen(ctx: Context) -> None:
    """Follow Indstillinger through the change bus (connected once per application)."""
    bus = changes.bus()
    if not bus.property("idle_lock_listens"):
        bus.setProperty("idle_lock_listens", True)
        bus.changed.connect(lambda change: _on_changes(change))


def _on_changes(change: changes.Changes) -> None:
    if changes.SETTINGS in change.kinds and "ctx" in _state:
        follow_settings(_state["ctx"])


def follow_settings(ctx: Context) -> None:
    """Apply a changed idle time at once (called after Indstillinger is saved)."""
    lock: IdleLock | None = _state.get("lock")
    if lock is not None and shiboken6.isValid(lock):
        lock.set_minutes(ctx.settings.idle_lock_minutes)
    elif ctx.settings.idle_lock_minutes > 0 and "window" in _state and shiboken6.isValid(_state["window"]):
        install_idle_lock(_state["window"], ctx, _state["guard"])
