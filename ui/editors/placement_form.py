"""The fields of the placement editor, laid out in two columns that fit a
1366x768 screen; the dialog (placement_editor.py) does the saving."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.labels import PLACEMENT_STATUS, PLACEMENT_TYPES
from ui.editors.choosers import CompanyCombo, code_combo
from ui.editors.fields import HINT_STYLE, DateEdit, FieldError, FormErrors, add_row
from ui.editors.schedule_editor import ScheduleEditor


def _text_box(height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


class PlacementForm(QWidget):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FormErrors()
        self.placement_type = code_combo(PLACEMENT_TYPES)
        self.company = CompanyCombo(ctx)
        self.internal_unit = QLineEdit()
        self.contact = QComboBox()
        self.coach = QComboBox()
        self.status = code_combo(PLACEMENT_STATUS)
        self.start = DateEdit()
        self.planned_end = DateEdit()
        self.learning_hint = QLabel()
        self.learning_hint.setWordWrap(True)
        self.learning_hint.setStyleSheet(HINT_STYLE)
        self.end = DateEdit()
        self.job_title = QLineEdit()
        self.tasks = _text_box()
        self.tasks_not = _text_box()
        self.schedule = ScheduleEditor()
        left, right = QFormLayout(), QFormLayout()
        e = self.errors.add
        add_row(left, "&Type:", self.placement_type, e("placement_type", self.placement_type))
        add_row(left, "&Virksomhed:", self.company, e("company_id", self.company))
        add_row(left, "Intern &enhed:", self.internal_unit, e("internal_unit", self.internal_unit))
        add_row(left, "&Kontaktperson:", self.contact, e("contact_person_id", self.contact))
        add_row(left, "&Jobcoach:", self.coach, e("coach_id", self.coach))
        add_row(left, "&Start:", self.start, e("start_date", self.start))
        add_row(left, "&Planlagt slut:", self.planned_end, e("planned_end", self.planned_end),
                self.learning_hint)
        add_row(left, "S&lutdato:", self.end, e("end_date", self.end))
        add_row(left, "St&atus:", self.status, e("status", self.status))
        add_row(right, "J&obtitel:", self.job_title, e("job_title", self.job_title))
        add_row(right, "Arbejds&opgaver:", self.tasks, e("tasks", self.tasks))
        add_row(right, "Opgaver, der &ikke skal laves:", self.tasks_not,
                e("tasks_not_to_do", self.tasks_not))
        add_row(left, "&Ugeskema:", self.schedule, e("schedule", self.schedule.weekday)).setBuddy(
            self.schedule.weekday)
        self.general_error = FieldError()
        self.errors.fallback = self.general_error
        self.schedule.problem.connect(self.errors.fields["schedule"][1].show_message)
        columns = QHBoxLayout()
        left_box = QVBoxLayout()
        left_box.addLayout(left)
        left_box.addStretch(1)
        columns.addLayout(left_box, 1)
        columns.addSpacing(16)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(columns)
        layout.addWidget(self.general_error)
        self._tab_order()

    def _tab_order(self) -> None:
        chain = [self.placement_type, self.company, self.internal_unit, self.contact, self.coach,
                 self.start, self.planned_end, self.end, self.status, self.schedule.weekday,
                 self.schedule.start, self.schedule.end, self.schedule.add_button, self.schedule.rows,
                 self.schedule.remove_button, self.job_title, self.tasks, self.tasks_not]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
