"""While the program runs: the deferred integrity check, automatic backups
(shortly after start unless one is recent, then whenever the newest is a day
old; rotation keeps Settings.backup_keep_days) and the clean-exit marker.
Copies and checks run off the GUI thread."""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import backups, integrity
from app.context import Context
from app.services.retention import redact_erased_outbox
from ui.worker import run_in_background

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 60 * 60 * 1000


class IntegrityWatch(QObject):
    """Runs the check a clean start skipped; on damage it stops the program."""

    def __init__(self, window: QWidget, ctx: Context, guard) -> None:
        super().__init__(window)
        self._window, self._ctx, self._guard = window, ctx, guard
        self.damaged = False
        app = QApplication.instance()
        assert app is not None  # a watch exists only in the running program
        self.quit = app.quit
        app.aboutToQuit.connect(self._mark_clean)
        if not guard.checked:
            path, key = ctx.store.path, guard.key
            run_in_background(window, lambda: integrity.check_store(path, key), on_done=self._checked,
                              on_error=lambda exc: self._checked(integrity.IntegrityReport(False, str(exc))))

    def _checked(self, report: integrity.IntegrityReport) -> None:
        self._guard.checked = True
        if report.ok:
            return
        from ui.startup_checks import offer_recovery

        self.damaged = True
        log.error("store damaged; found by the background check")
        self._ctx.close()
        restored = offer_recovery(self._window, self._guard.key, report.problem)
        QMessageBox.information(self._window, "Jobcoach",
                                "Databasen er gendannet. Start programmet igen." if restored else
                                "Programmet lukker, så der ikke skrives mere i den beskadigede fil.")
        self.quit()

    def _mark_clean(self) -> None:
        from ui.startup_checks import clean_marker

        if not self.damaged:
            clean_marker().write_text("ok")


class BackupScheduler(QObject):
    def __init__(self, parent: QWidget, ctx: Context, guard, watch: IntegrityWatch) -> None:
        super().__init__(parent)
        self._ctx, self._guard, self._watch, self._busy = ctx, guard, watch, False
        self._window = parent
        self._timer = QTimer(self)
        self._timer.timeout.connect(lambda: self.run(backups.DAILY))
        self._timer.start(CHECK_EVERY_MS)
        QTimer.singleShot(2000, self, lambda: self.run(backups.START_BACKUP_MIN_AGE))  # not after self is gone

    def run(self, after) -> None:
        if self._watch.damaged:
            return
        if not self._guard.checked:  # never copy a store not yet known to be intact
            QTimer.singleShot(5000, self, lambda: self.run(after))
            return
        if self._busy:
            return
        self._busy = True
        keep, key = self._ctx.settings.backup_keep_days, self._guard.key

        def work():
            redact_erased_outbox(self._ctx)  # values of erased citizens sent since last time
            return backups.automatic_backup(key, keep, after)

        run_in_background(self._window, work, on_done=self._done, on_error=self._failed)

    def _done(self, _info) -> None:
        self._busy = False

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        log.error("automatic backup failed: %s", type(exc).__name__)
