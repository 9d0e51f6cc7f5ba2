"""The Mon–Sun grid of a citizen's week: one row per hour, one column per
weekday; a cell names the placement that has that hour, in its colour."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.rules.schedule import WEEKDAYS

FIRST_HOUR, LAST_HOUR = 6, 20  # rows 06:00 .. 20:00
PALETTE = ("#cfe8ff", "#d8f5d0", "#ffe7c2", "#f3d4f5", "#fff6b3", "#d4f1f2")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class GridSlot:
    weekday: int
    start: time
    end: time
    placement_id: str
    label: str


class ScheduleGridModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.slots: list[GridSlot] = []
        self.colours: dict[str, str] = {}

    def set_slots(self, slots: list[GridSlot]) -> None:
        self.beginResetModel()
        self.slots = list(slots)
        ids = list(dict.fromkeys(s.placement_id for s in slots))
        self.colours = {pid: PALETTE[i % len(PALETTE)] for i, pid in enumerate(ids)}
        self.endResetModel()

    def slot_at(self, row: int, weekday: int) -> GridSlot | None:
        start = time(FIRST_HOUR + row)
        end = time(FIRST_HOUR + row + 1) if FIRST_HOUR + row + 1 < 24 else time(23, 59)
        for slot in self.slots:
            if slot.weekday == weekday and slot.start < end and start < slot.end:
                return slot
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else LAST_HOUR - FIRST_HOUR + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        slot = self.slot_at(index.row(), index.column())
        if slot is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return slot.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{slot.label}: {slot.start:%H:%M}-{slot.end:%H:%M}"
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(self.colours.get(slot.placement_id, PALETTE[0]))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#1a1a1a")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < 7:
            return WEEKDAYS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < self.rowCount():
            return f"{FIRST_HOUR + section:02d}:00"
        return None
