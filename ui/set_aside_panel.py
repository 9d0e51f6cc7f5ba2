"""What sync has set aside, in *Synkronisering*: changes the server refused
and rows from the server this laptop could not store, each with the reason
in Danish; "Prøv igen" and "Kassér" (which asks first). Everything else
syncs on meanwhile."""
from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.formatting import fmt_datetime
from app.sync import setaside
from ui.conflict_dialog import field_label
from ui.widgets.table import fit_columns, read_only_table

DISCARD_TEXT = {
    setaside.OUTGOING: ("Kassér ændringen? Den sendes aldrig, og den fortrydes på denne computer, "
                        "så posten står som på serveren. Det kan ikke fortrydes."),
    setaside.INCOMING: ("Kassér posten fra serveren? Den gemmes ikke på denne computer; "
                        "ændres den senere på serveren, hentes den igen."),
}


def readable(reason: str) -> str:
    """Column names in a reason as the screens call them (postal_code -> Postnummer)."""
    return re.sub(r"feltet '([a-z][a-z0-9_]*)'", lambda m: f"feltet »{field_label(m.group(1))}«", reason)


class SetAsidePanel(QWidget):
    """Calls `on_change(message)` after a retry or discard."""

    def __init__(self, ctx: Context, on_change: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self._on_change = ctx, on_change
        self.items: list[setaside.SetAside] = []
        self.title = QLabel()
        self.table = read_only_table(("Hvad", "Årsag", "Tidspunkt"))
        self.table.itemSelectionChanged.connect(self._enable)
        self.retry_button = QPushButton("Prøv igen")
        self.discard_button = QPushButton("Kassér …")
        self.retry_button.clicked.connect(self.retry)
        self.discard_button.clicked.connect(self.discard)
        buttons = QVBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(row)
        self.setMaximumHeight(190)

    def refresh(self) -> None:
        self.items = setaside.list_set_aside(self.ctx)
        self.title.setText("<b>Sat til side</b> – sendes eller gemmes ikke, før du vælger"
                           if self.items else "<b>Sat til side</b> – intet")
        self.table.setRowCount(len(self.items))
        for n, item in enumerate(self.items):
            for col, text in enumerate((item.what, readable(item.reason), fmt_datetime(item.at))):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(n, col, cell)
        fit_columns(self.table)
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 620))
        for widget in (self.table, self.retry_button, self.discard_button):
            widget.setVisible(bool(self.items))  # nothing set aside: one line, the room goes to conflicts
        self._enable()

    def selected(self) -> setaside.SetAside | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.items[min(rows)] if rows else None

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.retry_button.setEnabled(chosen)
        self.discard_button.setEnabled(chosen)

    def retry(self) -> None:
        item = self.selected()
        if item is None:
            return
        setaside.retry(self.ctx, item.key)
        self._on_change("Ændringen sendes igen ved næste synkronisering." if item.direction == setaside.OUTGOING
                        else "Posten er forsøgt gemt igen.")

    def discard(self) -> None:
        item = self.selected()
        if item is None or not self.confirm(item):
            return
        setaside.discard(self.ctx, item.key)
        self._on_change("Kasseret.")

    def confirm(self, item: setaside.SetAside) -> bool:
        answer = QMessageBox.question(self, "Kassér", DISCARD_TEXT[item.direction],
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes
