"""Notes saved as they are typed: 1 s after the last keystroke, and at the
latest 1.8 s after the first unsaved one while typing goes on, and whenever
the field loses focus. A crash or a flat battery loses at most ~2 s.

The save runs on the GUI thread on purpose: it is one small UPDATE (a few
ms even for 100,000 characters), and being synchronous means the text on
disk is never older than the timers promise, also when the process dies
right after."""
from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

log = logging.getLogger(__name__)
DEBOUNCE_MS = 1000
MAX_WAIT_MS = 1800  # under 2 s, leaving room for a busy event loop


class NotesAutosaver(QObject):
    saved = Signal(float)        # wall time of the save
    failed = Signal(object)      # the exception; the text stays unsaved and is retried

    def __init__(self, editor: QPlainTextEdit, save: Callable[[str], object],
                 debounce_ms: int = DEBOUNCE_MS, max_wait_ms: int = MAX_WAIT_MS) -> None:
        super().__init__(editor)
        self.editor, self._save = editor, save
        self.last_saved = editor.toPlainText()
        self.last_duration_ms = 0.0
        self._debounce = self._timer(debounce_ms)
        self._max_wait = self._timer(max_wait_ms)
        editor.textChanged.connect(self._changed)
        editor.installEventFilter(self)

    def _timer(self, ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(self.flush)
        return timer

    @property
    def dirty(self) -> bool:
        return self.editor.toPlainText() != self.last_saved

    def _changed(self) -> None:
        self._debounce.start()              # restarts with every keystroke
        if not self._max_wait.isActive():   # but never waits longer than this
            self._max_wait.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False

    def flush(self) -> bool:
        """Save now if anything changed; True when the text on disk is current."""
        self._debounce.stop()
        self._max_wait.stop()
        text = self.editor.toPlainText()
        if text == self.last_saved:
            return True
        started = time.perf_counter()
        try:
            self._save(text)
        except Exception as exc:
            log.warning("autosave of notes failed: %s", type(exc).__name__)
            self._max_wait.start()
            self.failed.emit(exc)
            return False
        self.last_duration_ms = (time.perf_counter() - started) * 1000
        self.last_saved = text
        self.saved.emit(time.time())
        return True
