"""Edit one placement's weekly schedule: weekday, from, to. An overlap with
the citizen's other placements is refused with the service's message, and
the rows stay as typed."""
from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.rules.errors import ValidationError
from app.rules.schedule import WEEKDAYS, Slot
from app.services import placements
from app.services.dto import SlotDTO
from ui.editors.fields import ERROR_STYLE
from ui.errors import show_error
from ui.widgets.buttons import standard_save_cancel


class ScheduleDialog(QDialog):
    def __init__(self, ctx: Context, placement_id: str, slots: list[SlotDTO],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.placement_id = ctx, placement_id
        self.setWindowTitle("Ugeskema for forløbet")
        self.rows: list[tuple[QComboBox, QTimeEdit, QTimeEdit, QPushButton]] = []
        self.grid = QGridLayout()
        for col, text in enumerate(("Ugedag", "Fra", "Til", "")):
            self.grid.addWidget(QLabel(f"<b>{text}</b>"), 0, col)
        add = QPushButton("&Tilføj dag")
        add.clicked.connect(lambda: self.add_row(len(self.rows) % 7, time(8), time(12)))
        self.error = QLabel()
        self.error.setObjectName("schedule_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = standard_save_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for s in slots:
            self.add_row(s.weekday, s.start_time, s.end_time)

    def add_row(self, weekday: int, start: time, end: time) -> None:
        day = QComboBox()
        day.addItems(WEEKDAYS)
        day.setCurrentIndex(weekday)
        edits = []
        for value in (start, end):
            edit = QTimeEdit(QTime(value.hour, value.minute))
            edit.setDisplayFormat("HH:mm")
            edits.append(edit)
        remove = QPushButton("Fjern")
        entry = (day, edits[0], edits[1], remove)
        remove.clicked.connect(lambda: self.remove_row(entry))
        self.rows.append(entry)
        r = len(self.rows)
        for col, widget in enumerate(entry):
            self.grid.addWidget(widget, r, col)

    def remove_row(self, entry) -> None:
        self.rows.remove(entry)
        for widget in entry:
            widget.hide()
            widget.deleteLater()

    def slots(self) -> list[Slot]:
        def t(edit: QTimeEdit) -> time:
            q = edit.time()
            return time(q.hour(), q.minute())
        return [Slot(day.currentIndex(), t(a), t(b), self.placement_id) for day, a, b, _ in self.rows]

    def save(self) -> None:
        try:
            placements.set_schedule(self.ctx, self.placement_id, self.slots())
        except ValidationError as exc:
            self.error.setText("\n".join(exc.errors.values()))
            self.error.show()
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.accept()
