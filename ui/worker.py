"""The one helper for background work: run a function off the GUI thread,
then call back on the GUI thread with its result or its error. A progress
dialog appears only if the work takes longer than ~0.5 s.

    run_in_background(self, lambda: services.search(ctx, text),
                      on_done=self.show_hits, on_error=self.show_error)

The function must not touch widgets. Each job opens its own session (the
services do), so SQLite sees one connection per thread.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)
PROGRESS_DELAY_MS = 500


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(float, str)


class Job(QRunnable):
    def __init__(self, func: Callable[..., Any], with_progress: bool) -> None:
        super().__init__()
        self.func = func
        self.with_progress = with_progress
        self.signals = _Signals()
        self.cancelled = False
        self.setAutoDelete(False)

    def report(self, fraction: float, message: str = "") -> None:
        """Called from the worker thread; safe (queued signal)."""
        self.signals.progress.emit(fraction, message)

    def run(self) -> None:
        try:
            result = self.func(self.report) if self.with_progress else self.func()
        except Exception as exc:
            log.exception("background job failed")
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_jobs: set[Job] = set()


def run_in_background(parent: QWidget | None, func: Callable[..., Any],
                      on_done: Callable[[Any], None] | None = None,
                      on_error: Callable[[Exception], None] | None = None,
                      progress_label: str | None = None,
                      cancellable: bool = False, pool: QThreadPool | None = None) -> Job:
    """Start `func` on the thread pool. With `progress_label`, `func` gets a
    `report(fraction, message)` argument and a dialog shows after 0.5 s.
    `pool`: another thread pool (ui/ops.py's writer thread)."""
    job = Job(func, with_progress=progress_label is not None)
    _jobs.add(job)
    dialog: QProgressDialog | None = None
    if progress_label is not None:
        dialog = QProgressDialog(progress_label, "Annullér" if cancellable else "", 0, 100, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(lambda: setattr(job, "cancelled", True))
        def show_progress(fraction: float, message: str, shown: QProgressDialog = dialog) -> None:
            shown.setValue(int(fraction * 100))
            shown.setLabelText(message or progress_label)

        job.signals.progress.connect(show_progress)

    def finish() -> None:
        _jobs.discard(job)
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.reset()
            dialog.deleteLater()

    def parent_gone() -> bool:
        # The window that asked was closed meanwhile: nobody to tell.
        return parent is not None and not shiboken6.isValid(parent)

    def done(result: Any) -> None:
        finish()
        if on_done is not None and not parent_gone():
            on_done(result)

    def failed(exc: Exception) -> None:
        finish()
        if parent_gone():
            log.warning("background job failed after its window closed: %s", type(exc).__name__)
        elif on_error is not None:
            on_error(exc)
        else:
            from ui.errors import show_error
            show_error(parent, exc)

    job.signals.done.connect(done, Qt.ConnectionType.QueuedConnection)
    job.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    (pool or QThreadPool.globalInstance()).start(job)
    return job


def wait_for_all(timeout_ms: int = 10_000) -> bool:
    """For tests and shutdown: wait until no job is running."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


def later(ms: int, func: Callable[[], None]) -> None:
    QTimer.singleShot(ms, func)
