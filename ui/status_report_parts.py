"""Pieces of the statusudtalelse dialog: the list of passages to quote, the
row of period fields and a column of captioned widgets."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from app.services.status_model import Quote
from ui.editors.fields import DateEdit, FieldError, with_error


class QuoteList(QListWidget):
    """Passages of recent visit notes, newest visit first; one is picked at a time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("status_quotes")

    def set_quotes(self, quotes: list[Quote]) -> None:
        self.clear()
        for quote in quotes:
            item = QListWidgetItem(f"{quote.day:%d.%m.%Y}: {quote.text}")
            item.setData(Qt.ItemDataRole.UserRole, quote)
            self.addItem(item)
        if not quotes:
            self.addItem(QListWidgetItem("Ingen besøgsnoter at citere fra."))

    def current_quote(self) -> Quote | None:
        item = self.currentItem()
        quote = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return quote if isinstance(quote, Quote) else None


def column(*parts: tuple[str, QWidget] | QWidget) -> QWidget:
    """Captioned widgets (caption, widget) and plain widgets, top to bottom;
    a caption's mnemonic focuses its widget."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for part in parts:
        if isinstance(part, tuple):
            caption, widget = part
            label = QLabel(caption)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget, 1)
        else:
            layout.addWidget(part)
    return box


def period_row(fields: tuple[tuple[str, DateEdit, FieldError], ...], button: QPushButton) -> QGridLayout:
    """Captioned date fields side by side, each with its message under it, then the button."""
    row = QGridLayout()
    for col, (caption, field, error) in enumerate(fields):
        label = QLabel(caption)
        label.setBuddy(field)
        row.addWidget(label, 0, col * 2, Qt.AlignmentFlag.AlignTop)
        error.setMinimumWidth(240)  # a message wraps less, and the next field stays put
        row.addWidget(with_error(field, error), 0, col * 2 + 1, Qt.AlignmentFlag.AlignTop)
    row.addWidget(button, 0, 2 * len(fields), Qt.AlignmentFlag.AlignTop)
    row.setColumnStretch(2 * len(fields) + 1, 1)
    return row
