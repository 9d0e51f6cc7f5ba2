"""The weekly schedule of one placement: weekday + from/to rows."""
from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.formatting import fmt_hours
from app.rules.schedule import WEEKDAYS, Slot, weekly_hours


def _time_edit(hour: int) -> QTimeEdit:
    edit = QTimeEdit(QTime(hour, 0))
    edit.setDisplayFormat("HH:mm")
    return edit


def slot_text(slot: Slot) -> str:
    return f"{WEEKDAYS[slot.weekday]}  {slot.start:%H:%M}–{slot.end:%H:%M}"


class ScheduleEditor(QWidget):
    """Rows are added with the little form and removed with "Fjern"."""

    changed = Signal()
    problem = Signal(str)  # a Danish message for the schedule field ('' clears it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weekday = QComboBox()
        self.weekday.addItems(WEEKDAYS)
        self.weekday.setAccessibleName("Ugedag")
        self.start, self.end = _time_edit(8), _time_edit(12)
        self.start.setAccessibleName("Fra")
        self.end.setAccessibleName("Til")
        self.add_button = QPushButton("Tilføj &dag")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_current)
        self.rows = QListWidget()
        self.rows.setMaximumHeight(90)
        self.remove_button = QPushButton("&Fjern dag")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_current)
        self.total = QLabel()
        form = QHBoxLayout()
        for label, widget in (("", self.weekday), ("fra", self.start), ("til", self.end)):
            if label:
                form.addWidget(QLabel(label))
            form.addWidget(widget)
        form.addWidget(self.add_button)
        form.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total, 1)
        bottom.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.rows)
        layout.addLayout(bottom)
        self._slots: list[Slot] = []
        self._refresh()

    def slots(self) -> list[Slot]:
        return list(self._slots)

    def set_slots(self, slots: list[Slot]) -> None:
        self._slots = sorted(slots, key=lambda s: (s.weekday, s.start))
        self._refresh()

    def add_current(self) -> None:
        start, end = _as_time(self.start.time()), _as_time(self.end.time())
        if end <= start:
            self.problem.emit("Sluttidspunktet skal ligge efter starttidspunktet.")
            return
        self.problem.emit("")
        self.set_slots(self._slots + [Slot(self.weekday.currentIndex(), _minute(start), _minute(end))])
        self.weekday.setCurrentIndex(min(self.weekday.currentIndex() + 1, 4))
        self.changed.emit()

    def remove_current(self) -> None:
        row = self.rows.currentRow()
        if 0 <= row < len(self._slots):
            del self._slots[row]
            self._refresh()
            self.changed.emit()

    def _refresh(self) -> None:
        self.rows.clear()
        for slot in self._slots:
            self.rows.addItem(QListWidgetItem(slot_text(slot)))
        hours = weekly_hours(self._slots)
        self.total.setText(f"I alt {fmt_hours(hours)} om ugen" if self._slots else "Ingen dage endnu")


def _as_time(value: QTime) -> time:
    return time(value.hour(), value.minute(), value.second())


def _minute(value: time) -> time:
    return value.replace(second=0, microsecond=0)
