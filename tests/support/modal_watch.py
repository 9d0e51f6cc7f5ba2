"""Closes a modal dialog that has stood unanswered too long (tests/conftest.py)."""
from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget


class ModalWatch:
    def __init__(self, limit_s: float) -> None:
        self.limit_s = limit_s
        self.closed: list[str] = []
        self._seen: QWidget | None = None
        self._since = 0.0
        self._timer = QTimer()
        self._timer.timeout.connect(self._check)
        self._timer.start(500)

    def _check(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible():
            self._seen = None
        elif widget is not self._seen:
            self._seen, self._since = widget, time.monotonic()
        elif time.monotonic() - self._since > self.limit_s:
            text = widget.text() if isinstance(widget, QMessageBox) else widget.windowTitle()
            self.closed.append(f"{type(widget).__name__}: {text}")
            self._seen = None
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()

    def stop(self) -> list[str]:
        self._timer.stop()
        return self.closed
