"""Wage agreement editor: the versions so far, and a form for a NEW version
(older versions are never overwritten). Paid hours and an estimated monthly
wage are computed as the user types."""
from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.formatting import fmt_date, fmt_hours, fmt_kr, fmt_percent
from app.labels import PAYERS
from app.rules.errors import ValidationError
from app.rules.hours import NeedsConfirmation, attendance_hours, monthly_wage_ore, paid_hours
from app.rules.terms import SUBSIDY_KINDS, has_intensity, payer_for_kind
from app.services import wages
from app.services.placements import get_placement
from db.enums import PlacementType
from ui.editors.choosers import code_combo, select_data
from ui.editors.fields import (
    DateEdit,
    FormErrors,
    MoneyEdit,
    NumberEdit,
    add_row,
    read_date,
    read_number,
    read_ore,
    submit,
)
from ui.widgets.buttons import save_cancel
from ui.widgets.fit import fit
from ui.widgets.table import read_only_table

NO_WAGE_KIND = PlacementType.INTERNSHIP
COLUMNS = ("Version", "Gælder fra", "Timeløn", "Fremmøde", "Intensitet", "Løntimer")


class WageEditor(QDialog):
    def __init__(self, ctx: Context, placement_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.placement_id = ctx, placement_id
        self.placement = get_placement(ctx, placement_id)
        self.setWindowTitle(f"Lønaftale – {self.placement.citizen_name}")
        self.errors = FormErrors()
        self.versions = read_only_table(COLUMNS)
        self.versions.setMaximumHeight(150)
        self.valid_from, self.hourly = DateEdit(), MoneyEdit()
        self.overenskomst = QLineEdit()
        self.attendance = NumberEdit()
        self.intensity = QSpinBox()
        self.intensity.setRange(1, 100)
        self.intensity.setSuffix(" %")
        self.intensity.setMaximumWidth(130)
        self.payer = code_combo(PAYERS)
        self.subsidy = MoneyEdit()
        self.ordinary = NumberEdit()
        self.paid_label, self.monthly_label = QLabel(), QLabel()
        self._build_layout()
        for signal in (self.hourly.textChanged, self.attendance.textChanged, self.intensity.valueChanged):
            signal.connect(self._update_computed)
        self._fill()
        self.attendance.setFocus()
        fit(self, 720, 600)

    def _build_layout(self) -> None:
        form = QFormLayout()
        e = self.errors.add
        rows = (("Gælder &fra:", self.valid_from, "valid_from"), ("&Timeløn (kr.):", self.hourly, "hourly_wage"),
                ("&Overenskomst:", self.overenskomst, "overenskomst"),
                ("Fremmøde&timer pr. uge:", self.attendance, "attendance_hours"),
                ("Arbejds&intensitet:", self.intensity, "work_intensity"),
                ("O&rdinære timer pr. uge:", self.ordinary, "ordinary_hours"),
                ("&Hvem betaler:", self.payer, "payer"), ("Til&skud pr. time (kr.):", self.subsidy, "subsidy"))
        for label, widget, name in rows:
            add_row(form, label, widget, e(name, widget))
        form.addRow("Løntimer pr. uge:", self.paid_label)
        form.addRow("Anslået månedsløn:", self.monthly_label)
        self.errors.fallback = e("note", self.overenskomst)
        buttons, self.save_button = save_cancel(self, self.save, "&Gem ny version")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{self.placement.company_name}</b> – {self.placement.job_title}"))
        layout.addWidget(QLabel("Versioner (en ny version erstatter aldrig en gammel):"))
        layout.addWidget(self.versions)
        layout.addWidget(QLabel("<b>Ny version</b>"))
        layout.addLayout(form)
        layout.addWidget(self.errors.fallback)
        layout.addStretch(1)
        layout.addWidget(buttons)
        chain = [self.valid_from, self.hourly, self.overenskomst, self.attendance, self.intensity,
                 self.ordinary, self.payer, self.subsidy]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _fill(self) -> None:
        rows = wages.wage_versions(self.ctx, self.placement_id)
        self.versions.setRowCount(len(rows))
        for i, v in enumerate(rows):
            cells = (str(v.version_no), fmt_date(v.valid_from), fmt_kr(v.hourly_wage_ore),
                     fmt_hours(v.attendance_hours), fmt_percent(v.work_intensity), fmt_hours(v.paid_hours))
            for j, text in enumerate(cells):
                self.versions.setItem(i, j, QTableWidgetItem(text))
        self.versions.resizeColumnsToContents()
        last = rows[-1] if rows else None
        self.valid_from.set_date(max(date.today(), self.placement.start_date))
        kind = self.placement.placement_type
        self.intensity.setEnabled(has_intensity(kind))  # småjob: ordinary hours, paid in full
        self.subsidy.setEnabled(kind in SUBSIDY_KINDS)
        self.hourly.setEnabled(kind != NO_WAGE_KIND)  # a praktik has no wage: the citizen keeps the benefit
        if kind == NO_WAGE_KIND:
            self.hourly.set_ore(0)
        if last is None:
            self.intensity.setValue(100)
            select_data(self.payer, str(payer_for_kind(kind)))
            self._update_computed()
            return
        self.hourly.set_ore(last.hourly_wage_ore)  # a new version starts from the latest terms
        self.overenskomst.setText(last.overenskomst)
        self.attendance.set_value(last.attendance_hours)
        self.intensity.setValue(last.work_intensity)
        select_data(self.payer, last.payer)
        self.subsidy.set_ore(last.subsidy_per_hour_ore or None)
        self.ordinary.set_value(last.ordinary_hours)

    def _update_computed(self) -> None:
        scratch: dict[str, str] = {}
        attendance = read_number(self.attendance, "a", scratch)
        hourly = read_ore(self.hourly, "h", scratch)
        if attendance is None or attendance < 0:
            self.paid_label.setText("–")
            self.monthly_label.setText("–")
            return
        paid = paid_hours(attendance, self.intensity.value())
        self.paid_label.setText(f"{fmt_hours(paid)} ({fmt_hours(attendance)} × {fmt_percent(self.intensity.value())})")
        self.monthly_label.setText(fmt_kr(monthly_wage_ore(hourly, paid)) if hourly is not None else "–")

    def values(self, errors: dict[str, str]) -> dict[str, Any]:
        return {
            "valid_from": read_date(self.valid_from, "valid_from", errors, True, "Datoen"),
            "hourly_wage_ore": read_ore(self.hourly, "hourly_wage", errors),
            "overenskomst": self.overenskomst.text(),
            "attendance_hours": read_number(self.attendance, "attendance_hours", errors,
                                            message="Skriv fremmødetimer pr. uge som et tal, fx 12,5."),
            "work_intensity": self.intensity.value(), "payer": self.payer.currentData(),
            "subsidy_per_hour_ore": read_ore(self.subsidy, "subsidy", errors, required=False) or 0,
            "ordinary_hours": read_number(self.ordinary, "ordinary_hours", errors, required=False,
                                          message="Skriv ordinære timer pr. uge som et tal, fx 2,5.") or 0,
        }

    def save(self) -> None:
        errors: dict[str, str] = {}
        values = self.values(errors)
        if submit(self, self.errors, errors, lambda: self._add(values)):
            self.accept()

    def _add(self, values: dict[str, Any]) -> None:
        confirmed = False
        try:
            attendance_hours(values["attendance_hours"])
        except NeedsConfirmation as exc:  # above 37 hours: allowed once the user confirms
            if not self._confirm(exc.errors["attendance_hours"]):
                raise
            confirmed = True
        except ValidationError:
            pass  # the service reports it with the other fields
        wages.add_wage_version(self.ctx, self.placement_id, confirmed=confirmed, **values)

    def _confirm(self, message: str) -> bool:
        answer = QMessageBox.question(self, "Bekræft timetal", message,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes
