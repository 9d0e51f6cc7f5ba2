"""Progression of one placement: milestones, the weekly hours log, a chart
of hours per week with the milestones marked, and whether step 3 (30
ordinary hours a month) is reached."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from app.context import Context
from app.services import progression, wages
from ui import changes
from ui.editors.hours_chart import HoursChart
from ui.editors.hours_panel import HoursPanel
from ui.editors.milestones_panel import MilestonesPanel
from ui.editors.step3 import step3_status
from ui.worker import run_in_background


def _boxed(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    QVBoxLayout(box).addWidget(widget)
    return box


class ProgressionWidget(QWidget):
    changed = Signal()  # something was saved (the owner may refresh other views)
    loaded = Signal()   # the data is on screen

    def __init__(self, ctx: Context, placement_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.placement_id = ctx, placement_id
        self.milestones = MilestonesPanel(ctx, placement_id)
        self.hours = HoursPanel(ctx, placement_id)
        self.chart = HoursChart()
        self.step3 = QLabel()
        self.step3.setWordWrap(True)
        self.step3_reached = False
        self.milestones.changed.connect(self._saved)
        self.hours.changed.connect(self._saved)
        top = QHBoxLayout()
        top.addWidget(_boxed("Delmål", self.milestones), 3)
        top.addWidget(_boxed("Timer pr. uge", self.hours), 2)
        upper = QWidget()
        upper.setLayout(top)
        lower = QWidget()
        chart_layout = QVBoxLayout(lower)
        chart_layout.addWidget(self.step3)
        chart_layout.addWidget(self.chart, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.refresh()

    def refresh(self) -> None:
        """Read milestones, hours and the wage in force off the GUI thread."""
        ctx, pid = self.ctx, self.placement_id

        def load():
            wage = wages.current_wage(ctx, pid)
            return progression.milestones(ctx, pid), progression.hours_log(ctx, pid), wage

        run_in_background(self, load, on_done=self._show)

    def _show(self, data) -> None:
        if not shiboken6.isValid(self):
            return  # closed while the data was read
        milestones, hours, wage = data
        self.milestones.set_items(milestones)
        self.hours.set_items(hours, wage.work_intensity if wage else None)
        self.chart.set_data(hours, milestones)
        self.step3_reached, text = step3_status(hours)
        self.step3.setText(("✔ " if self.step3_reached else "") + text)
        self.step3.setStyleSheet("color: #1b7a1b; font-weight: bold;" if self.step3_reached else "")
        self.loaded.emit()

    def _saved(self) -> None:
        self.changed.emit()
        self.refresh()
        changes.announce({changes.MILESTONE, changes.HOURS_RECORD}, {self.placement_id})
