"""The list of citizens behind one figure of the Rapporter view."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.formatting import fmt_number
from app.services.reports import CitizenLine
from ui.widgets.fit import fit


class CitizensDialog(QDialog):
    """The citizens behind one figure (the opening is already logged)."""

    def __init__(self, title: str, lines: list[CitizenLine], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        fit(self, 640, 480)
        table = QTableWidget(len(lines), 3)
        table.setHorizontalHeaderLabels(["Borger", "Jobcoach", "Detaljer"])
        for row, line in enumerate(lines):
            for col, text in enumerate((line.name, line.coach, line.detail)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, line.id)
                table.setItem(row, col, item)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table = table
        buttons = QDialogButtonBox()
        buttons.addButton("Luk", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{fmt_number(len(lines), 0)} borgere. Visningen er skrevet i adgangsloggen."))
        layout.addWidget(table)
        layout.addWidget(buttons)
