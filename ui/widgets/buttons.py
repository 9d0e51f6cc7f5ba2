"""Buttons set up the same way in every screen: a row of named buttons (the
object name is how the tests find them)."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QHBoxLayout, QPushButton

Slot = Callable[[], object]


def button_row(buttons: Iterable[tuple[str, str, Slot]]) -> QHBoxLayout:
    """Push buttons (text, object name, slot) from the left; the free room is on their right."""
    row = QHBoxLayout()
    for text, name, slot in buttons:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        row.addWidget(button)
    row.addStretch(1)
    return row

