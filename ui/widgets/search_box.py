"""A search field that asks for a search shortly after typing stops, so a
fast typist starts one query, not one per key."""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 150


class SearchBox(QLineEdit):
    search_requested = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Søg")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.search_requested.emit(self.text().strip()))
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.flush)

    def flush(self) -> None:
        """Search now (Enter), without waiting for the pause."""
        self._timer.stop()
        self.search_requested.emit(self.text().strip())
