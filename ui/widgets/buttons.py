"""Buttons set up the same way in every screen: a row of named buttons (the
object name is how the tests find them), and a dialog's
Gem / Annullér box."""
from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QPushButton

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


def save_cancel(dialog: QDialog, save: Slot, save_text: str = "&Gem") -> tuple[QDialogButtonBox, QPushButton]:
    """An editor's box: the save button (the default; Enter saves) runs
    `save`, Annullér rejects the dialog. Returns the box and the save button."""
    box = QDialogButtonBox()
    save_button = box.addButton(save_text, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton("Annullér", QDialogButtonBox.ButtonRole.RejectRole)
    save_button.setDefault(True)
    box.accepted.connect(save)
    box.rejected.connect(dialog.reject)
    return box, save_button


def standard_save_cancel(dialog: QDialog, save: Slot) -> QDialogButtonBox:
    """A settings-style dialog's box: Qt's standard Save and Cancel, in Danish;
    Gem runs `save`, Annullér rejects the dialog."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Save).setText("&Gem")
    box.button(QDialogButtonBox.StandardButton.Cancel).setText("&Annullér")
    box.accepted.connect(save)
    box.rejected.connect(dialog.reject)
    return box
