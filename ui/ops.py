"""One way to run a write from a widget:

    run_write(self, lambda ctx: visits.record(ctx, ...), kinds={changes.VISIT},
              ids={citizen_id}, on_done=self.accept, on_error=self.show_field_errors)

`fn(ctx)` runs on the store's writer; on success the change is announced on
the change bus (every page showing those kinds refreshes itself), then
`on_done(result)` is called. On failure `on_error(exc)` is called, or the
error is shown (ui/errors.py: a Danish message, an unexpected one logged).

The writer is the GUI thread by default: a local write takes milliseconds,
and a dialog can keep what was typed and close only when the row is
stored. `background=True` runs the write on one dedicated writer thread
(long writes such as an import); writes there run one at a time, in order.
Reads in the background keep using ui/worker.py.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from app.context import Context
from ui import changes
from ui.errors import show_error
from ui.worker import run_in_background

log = logging.getLogger(__name__)
Done = Callable[[Any], None]
Failed = Callable[[Exception], None]


def _context_of(parent: QWidget | None) -> Context:
    widget = parent
    while widget is not None:
        ctx = getattr(widget, "ctx", None)
        if isinstance(ctx, Context):
            return ctx
        widget = widget.parentWidget()
    raise RuntimeError("run_write: no widget above holds the store context (.ctx)")


def run_write(parent: QWidget | None, fn: Callable[[Context], Any], *, kinds: Iterable[str],
              ids: Iterable[str] = (), on_done: Done | None = None, on_error: Failed | None = None,
              ctx: Context | None = None, background: bool = False) -> bool:
    """Run the write `fn(ctx)`, announce the change, then call back.
    Returns True when a foreground write succeeded (always False while a
    background write is still running)."""
    ctx = ctx if ctx is not None else _context_of(parent)
    change = changes.Changes.of(kinds, ids)  # a wrong kind fails before anything is written
    if background:
        _run_background(parent, fn, ctx, change, on_done, on_error)
        return False
    try:
        result = fn(ctx)
    except Exception as exc:
        _failed(parent, exc, on_error)
        return False
    _succeeded(change, result, on_done)
    return True


def _succeeded(change: changes.Changes, result: Any, on_done: Done | None) -> None:
    changes.bus().changed.emit(change)
    if on_done is not None:
        on_done(result)


def _failed(parent: QWidget | None, exc: Exception, on_error: Failed | None) -> None:
    if on_error is not None:
        on_error(exc)
    else:
        show_error(parent, exc)


def run_dialog(parent: QWidget | None, dialog_cls: Callable[..., Any], *args: Any,
               kinds: Iterable[str] = (), ids: Iterable[str] = ()) -> bool:
    """Open a dialog that writes (an editor) modally. When it was accepted,
    announce `kinds` (editors that save as they go announce each write
    themselves and pass no kinds). True when accepted."""
    from PySide6.QtWidgets import QDialog

    change = changes.Changes.of(kinds, ids)
    try:
        accepted = dialog_cls(*args, parent=parent).exec() == QDialog.DialogCode.Accepted
    except Exception as exc:
        show_error(parent, exc)
        return False
    if accepted and change.kinds:
        changes.bus().changed.emit(change)
    return accepted


def writer_pool() -> QThreadPool:
    """The one writer thread: background writes run one at a time, in order."""
    app = QApplication.instance()
    pool = app.findChild(QThreadPool, "jobcoach_writer") if app is not None else None
    if pool is None:
        pool = QThreadPool(app)
        pool.setObjectName("jobcoach_writer")
        pool.setMaxThreadCount(1)
    return pool


def _run_background(parent: QWidget | None, fn: Callable[[Context], Any], ctx: Context,
                    change: changes.Changes, on_done: Done | None, on_error: Failed | None) -> None:
    def alive() -> bool:
        return parent is None or shiboken6.isValid(parent)

    def done(result: Any) -> None:
        changes.bus().changed.emit(change)  # the data changed even if the window closed meanwhile
        if on_done is not None and alive():
            on_done(result)

    def failed(exc: Exception) -> None:
        if alive():
            _failed(parent, exc, on_error)
        else:
            log.warning("background write failed after its window closed: %s", type(exc).__name__)

    # No parent for the job itself: the change must be announced even when the window has gone.
    run_in_background(None, lambda: fn(ctx), on_done=done, on_error=failed, pool=writer_pool())


def wait_for_writes(timeout_ms: int = 10_000) -> bool:
    """For tests and shutdown: wait until no background write is running."""
    return writer_pool().waitForDone(timeout_ms)
