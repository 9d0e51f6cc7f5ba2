"""The program's one runtime, created with the main window: it owns what
runs on its own while the window is open — periodic sync, the status
poll, and (for a store opened through ui/startup_checks) the deferred
integrity check, automatic backups and the idle lock — and applies a
changed setting to them at once (the change bus's `settings_changed`,
emitted by Indstillinger). Pages never own timers of their own."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from app.context import Context
from app.settings import Settings
from ui import changes
from ui.sync_service import SyncService

if TYPE_CHECKING:
    from ui.lock_screen import IdleLock
    from ui.main_window import MainWindow
    from ui.privacy_runtime import BackupScheduler, IntegrityWatch
    from ui.startup_checks import Guard

log = logging.getLogger(__name__)
STATUS_POLL_MS = 15_000
_NAME = "jobcoach_runtime"


class Runtime(QObject):
    def __init__(self, window: MainWindow, ctx: Context) -> None:
        super().__init__(window)
        self.setObjectName(_NAME)
        self.window, self.ctx = window, ctx
        self.sync = SyncService(ctx, self)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(STATUS_POLL_MS)
        self.status_timer.timeout.connect(window.status_parts.refresh)
        self.guard: Guard | None = None
        self.watch: IntegrityWatch | None = None
        self.backups: BackupScheduler | None = None
        self.idle_lock: IdleLock | None = None
        changes.bus().settings_changed.connect(self.apply)

    def start(self, guard: Guard | None) -> None:
        """Once the window is on screen. Without a guard (a store not opened
        through the start-up checks, as in most tests) there is no key to
        back up or unlock with: sync and the status poll only."""
        self.window.status_parts.refresh()
        self.status_timer.start()
        if guard is None or self.guard is not None:
            return
        from ui.privacy_runtime import BackupScheduler, IntegrityWatch

        self.guard = guard
        self.watch = IntegrityWatch(self.window, self.ctx, guard)
        self.backups = BackupScheduler(self.window, self.ctx, guard, self.watch)
        self._follow_lock(self.ctx.settings.idle_lock_minutes)

    def apply(self, settings: Settings) -> None:
        """A changed setting takes effect now, not at the next start."""
        self.ctx.settings = settings
        self.sync.apply(settings)
        self._follow_lock(settings.idle_lock_minutes)
        # Backups read ctx.settings.backup_keep_days each time they run.

    def _follow_lock(self, minutes: int) -> None:
        """The lock is made at start (also when it is off, so that a lock flag
        left by a locked stop is honoured) and follows the setting after."""
        from ui.lock_install import follow_settings, install_idle_lock

        if self.idle_lock is not None:
            follow_settings(self.ctx)  # 0 turns it off
            return
        if self.guard is not None:
            self.idle_lock = install_idle_lock(self.window, self.ctx, self.guard)

    def stop(self) -> None:
        self.status_timer.stop()
        self.sync.timer.stop()
        changes.bus().settings_changed.disconnect(self.apply)


def current() -> Runtime | None:
    """The running program's runtime (None before the main window exists)."""
    app = QApplication.instance()
    for window in app.topLevelWidgets() if isinstance(app, QApplication) else ():
        found = window.findChild(Runtime, _NAME)
        if found is not None:
            return found
    return None


def sync_service(ctx: Context, owner: QObject) -> SyncService:
    """The runtime's sync service; a page built without a main window (a
    test) gets one of its own that ends with `owner`."""
    runtime = current()
    if runtime is not None and runtime.ctx is ctx:
        return runtime.sync
    return SyncService(ctx, owner)
