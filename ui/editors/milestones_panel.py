"""Milestones (delmål) of a placement: the table, a line to add one, and for
the selected one: mark achieved, change (the form shows it) or delete."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.formatting import fmt_date
from app.labels import MILESTONE_KINDS, MILESTONE_STATUS, label
from app.rules.errors import ValidationError
from app.services import progression
from app.services.dto import MilestoneDTO
from ui.editors.choosers import code_combo
from ui.editors.fields import DateEdit, FormErrors, add_row, read_date, submit
from ui.errors import show_error
from ui.widgets.table import read_only_table

COLUMNS = ("Måldato", "Slags", "Delmål", "Status")


class MilestonesPanel(QWidget):
    changed = Signal()

    def __init__(self, ctx: Context, placement_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.placement_id = ctx, placement_id
        self.items: list[MilestoneDTO] = []
        self.errors = FormErrors()
        self.table = read_only_table(COLUMNS)
        self.kind = code_combo(MILESTONE_KINDS)
        self.text, self.target = QLineEdit(), DateEdit()
        self.text.setPlaceholderText("fx 15 timer om ugen")
        self.add_button = QPushButton("Tilføj &delmål")
        self.achieve_button = QPushButton("Markér som &nået")
        self.update_button = QPushButton("&Ret delmål")
        self.delete_button = QPushButton("Sle&t delmål")
        for button in (self.add_button, self.achieve_button, self.update_button, self.delete_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.achieve_button.clicked.connect(self.achieve_selected)
        self.update_button.clicked.connect(self.update_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.currentCellChanged.connect(lambda row, *_: self._load_row(row))
        self.text.returnPressed.connect(self.add)
        self.target.returnPressed.connect(self.add)
        form = QFormLayout()
        add_row(form, "&Slags:", self.kind, self.errors.add("kind", self.kind))
        add_row(form, "&Beskrivelse:", self.text, self.errors.add("text", self.text))
        add_row(form, "&Måldato:", self.target, self.errors.add("target_date", self.target))
        buttons = QHBoxLayout()
        buttons.addWidget(self.achieve_button)
        buttons.addWidget(self.update_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)

    def set_items(self, items: list[MilestoneDTO]) -> None:
        self.items = items
        self.table.setRowCount(len(items))
        for i, m in enumerate(items):
            cells = (fmt_date(m.target_date), label(MILESTONE_KINDS, m.kind), m.text,
                     label(MILESTONE_STATUS, m.status) + (f" {fmt_date(m.achieved_on)}" if m.achieved_on else ""))
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _selected(self) -> MilestoneDTO | None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.items):
            self.errors.show({"text": "Vælg først et delmål i tabellen."})
            return None
        return self.items[row]

    def _load_row(self, row: int) -> None:
        """The selected milestone in the form, ready to be changed."""
        if 0 <= row < len(self.items):
            item = self.items[row]
            self.kind.setCurrentIndex(self.kind.findData(item.kind))
            self.text.setText(item.text)
            self.target.set_date(item.target_date)

    def _form_values(self) -> dict:
        errors: dict[str, str] = {}
        target = read_date(self.target, "target_date", errors, True, "Måldatoen")
        if errors:
            raise ValidationError(errors)
        return {"kind": self.kind.currentData(), "text": self.text.text().strip(), "target_date": target}

    def _save(self, write) -> None:
        if not submit(self, self.errors, {}, lambda: write(self._form_values())):
            return
        self.errors.clear()
        self.text.clear()
        self.target.clear()
        self.changed.emit()

    def add(self) -> None:
        self._save(lambda values: progression.add_milestone(self.ctx, self.placement_id, **values))

    def update_selected(self) -> None:
        item = self._selected()
        if item is not None:
            self._save(lambda values: progression.update_milestone(self.ctx, item.id, **values))

    def delete_selected(self) -> None:
        item = self._selected()
        if item is None:
            return
        answer = QMessageBox.question(self, "Slet delmål", f"Slet delmålet »{item.text[:80]}«?",
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            progression.delete_milestone(self.ctx, item.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self.changed.emit()

    def achieve_selected(self) -> None:
        item = self._selected()
        if item is None:
            return
        try:
            progression.achieve_milestone(self.ctx, item.id, date.today())
        except Exception as exc:
            show_error(self, exc)
            return
        self.changed.emit()
