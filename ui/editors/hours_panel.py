"""The weekly hours log: a table of weeks and a form to add a week or change
one (select the row). Paid hours = attendance x intensity, shown as typed."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.formatting import fmt_date, fmt_hours
from app.rules.errors import ValidationError
from app.rules.hours import NeedsConfirmation, attendance_hours, paid_hours
from app.rules.terms import has_intensity
from app.services import progression
from app.services.dto import HoursDTO
from app.services.placements import get_placement
from ui.editors.fields import DateEdit, FormErrors, NumberEdit, add_row, read_date, read_number, submit
from ui.widgets.table import read_only_table

COLUMNS = ("Uge (mandag)", "Fremmøde", "Løntimer", "Ordinære")


class HoursPanel(QWidget):
    changed = Signal()

    def __init__(self, ctx: Context, placement_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.placement_id = ctx, placement_id
        self.items: list[HoursDTO] = []
        self.errors = FormErrors()
        self.table = read_only_table(COLUMNS)
        self.table.currentCellChanged.connect(lambda row, *_: self._load_row(row))
        self.week = DateEdit(progression.monday(date.today()))
        self.attendance, self.ordinary = NumberEdit(), NumberEdit()
        self.intensity = QSpinBox()
        self.intensity.setRange(1, 100)
        self.intensity.setSuffix(" %")
        self.intensity.setValue(100)
        self.intensity.setMaximumWidth(130)
        # Småjob hours are ordinary hours: paid in full, no intensity.
        self.intensity.setEnabled(has_intensity(get_placement(ctx, placement_id).placement_type))
        self.paid = QLabel("–")
        self.save_button = QPushButton("&Gem uge")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        e = self.errors.add
        add_row(form, "&Uge:", self.week, e("week", self.week))
        add_row(form, "&Fremmødetimer:", self.attendance, e("attendance_hours", self.attendance))
        add_row(form, "&Intensitet:", self.intensity, e("work_intensity", self.intensity))
        add_row(form, "&Ordinære timer:", self.ordinary, e("ordinary_hours", self.ordinary))
        form.addRow("Løntimer:", self.paid)
        self.errors.fallback = e("paid_hours", self.attendance)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.errors.fallback)
        layout.addLayout(row)
        for signal in (self.attendance.textChanged, self.intensity.valueChanged):
            signal.connect(self._update_paid)
        for line in (self.week, self.attendance, self.ordinary):
            line.returnPressed.connect(self.save)

    def set_items(self, items: list[HoursDTO], intensity: int | None) -> None:
        self.items = items
        if intensity:
            self.intensity.setValue(intensity)  # from the wage agreement in force
        self.table.setRowCount(len(items))
        for i, h in enumerate(items):
            cells = (fmt_date(h.week_start), fmt_hours(h.attendance_hours), fmt_hours(h.paid_hours),
                     fmt_hours(h.ordinary_hours))
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def _load_row(self, row: int) -> None:
        if not 0 <= row < len(self.items):
            return
        h = self.items[row]
        self.week.set_date(h.week_start)
        self.attendance.set_value(h.attendance_hours)
        self.ordinary.set_value(h.ordinary_hours)
        if h.attendance_hours:
            self.intensity.setValue(max(1, round(100 * h.paid_hours / h.attendance_hours)))

    def _update_paid(self) -> None:
        value = read_number(self.attendance, "a", {})
        self.paid.setText("–" if value is None or value < 0 else
                          fmt_hours(paid_hours(value, self.intensity.value())))

    def save(self) -> None:
        errors: dict[str, str] = {}
        week = read_date(self.week, "week", errors, True, "Ugen")
        attendance = read_number(self.attendance, "attendance_hours", errors)
        ordinary = read_number(self.ordinary, "ordinary_hours", errors, required=False) or 0.0
        def write() -> None:
            if week is None or attendance is None:  # both required: submit reported them, no write
                return
            confirmed = self._confirmed(attendance)  # asked only once the values are readable
            progression.record_hours(self.ctx, self.placement_id, week, attendance, self.intensity.value(),
                                     ordinary, confirmed=confirmed)

        if not submit(self, self.errors, errors, write):
            return
        self.errors.clear()
        self.attendance.clear()
        self.ordinary.clear()
        self.changed.emit()

    def _confirmed(self, attendance: float) -> bool:
        try:
            attendance_hours(attendance)
        except NeedsConfirmation as exc:
            message = exc.errors["attendance_hours"]
            answer = QMessageBox.question(self, "Bekræft timetal", message)
            if answer != QMessageBox.StandardButton.Yes:
                raise
            return True
        except ValidationError:
            return False  # reported by the service with the other fields
        return False
