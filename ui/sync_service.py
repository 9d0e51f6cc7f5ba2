"""Sync rounds, one at a time: every Settings.sync_interval_minutes while
this laptop is logged in (from start, whichever page is open), and when the
user asks on the Synkronisering page. Rounds run off the GUI thread; rows
that arrived are announced on the change bus, so the pages refresh."""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.context import Context
from app.settings import Settings
from app.sync import conflicts
from ui import changes
from ui.worker import run_in_background

log = logging.getLogger(__name__)


class SyncService(QObject):
    started = Signal()
    finished = Signal(object)      # the SyncReport
    failed = Signal(object, bool)  # the exception, quiet (an automatic round)

    def __init__(self, ctx: Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.running = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.auto)
        self.apply(ctx.settings)

    def apply(self, settings: Settings) -> None:
        """A new interval counts from now."""
        self.timer.start(max(1, settings.sync_interval_minutes) * 60_000)

    def auto(self) -> None:
        if not self.running and conflicts.status(self.ctx).logged_in:
            self.run(quiet=True)

    def run(self, quiet: bool = False) -> bool:
        """Start a round unless one runs; True when started."""
        if self.running:
            return False
        from app.sync.client import sync_round

        self.running = True
        self.started.emit()
        run_in_background(None, lambda: sync_round(self.ctx), on_done=self._done,
                          on_error=lambda exc: self._failed(exc, quiet))
        return True

    def _done(self, report: Any) -> None:
        self.running = False
        if getattr(report, "pulled", 0):
            changes.announce({changes.SYNC})
        self.finished.emit(report)

    def _failed(self, exc: Exception, quiet: bool) -> None:
        self.running = False
        log.warning("sync failed: %s", type(exc).__name__)
        self.failed.emit(exc, quiet)
