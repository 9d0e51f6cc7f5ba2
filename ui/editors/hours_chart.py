"""Hours per week over time (attendance, paid, ordinary) with the milestones
marked as vertical lines, drawn with QPainter (no plotting library)."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.services.dto import HoursDTO, MilestoneDTO
from db.enums import MilestoneStatus
from ui.editors.chart_labels import axis_start, stack, thin_axis

SERIES = (("attendance_hours", "Fremmødetimer", QColor("#1f77b4")),
          ("paid_hours", "Løntimer", QColor("#ff7f0e")),
          ("ordinary_hours", "Ordinære timer", QColor("#2ca02c")))
MILESTONE_COLORS: dict[str, QColor] = {
    MilestoneStatus.PLANNED: QColor("#777777"), MilestoneStatus.ACHIEVED: QColor("#2ca02c"),
    MilestoneStatus.MISSED: QColor("#b00020")}
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 44, 16, 30, 34


class HoursChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hours: list[HoursDTO] = []
        self.milestones: list[MilestoneDTO] = []
        self.setMinimumHeight(200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Graf over timer pr. uge")

    def set_data(self, hours: list[HoursDTO], milestones: list[MilestoneDTO]) -> None:
        self.hours = sorted(hours, key=lambda h: h.week_start)
        self.milestones = milestones
        self.update()

    def _span(self) -> tuple[date, date]:
        days = [h.week_start for h in self.hours] + [m.target_date for m in self.milestones]
        first, last = min(days), max(days)
        return first, last if last > first else date.fromordinal(first.toordinal() + 7)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        plot = QRectF(MARGIN_LEFT, MARGIN_TOP, self.width() - MARGIN_LEFT - MARGIN_RIGHT,
                      self.height() - MARGIN_TOP - MARGIN_BOTTOM)
        if not self.hours and not self.milestones:
            painter.setPen(QColor("#555555"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Ingen timer registreret endnu")
            return
        first, last = self._span()
        top = max([37.0 / 4] + [getattr(h, key) for h in self.hours for key, _l, _c in SERIES]) * 1.1

        def x_of(day: date) -> float:
            return plot.left() + plot.width() * (day - first).days / (last - first).days

        def y_of(value: float) -> float:
            return plot.bottom() - plot.height() * value / top

        self._axes(painter, plot, first, last, top, x_of, y_of)
        self._milestones(painter, plot, x_of)
        for key, _label, color in SERIES:
            painter.setPen(QPen(color, 2))
            points = [QPointF(x_of(h.week_start), y_of(getattr(h, key))) for h in self.hours]
            for a, b in zip(points, points[1:]):
                painter.drawLine(a, b)
            for p in points:
                painter.drawEllipse(p, 2.5, 2.5)
        self._legend(painter)

    def _axes(self, painter: QPainter, plot: QRectF, first: date, last: date, top: float, x_of, y_of) -> None:
        painter.setFont(QFont(painter.font().family(), 8))
        grid, text = QPen(QColor("#e0e0e0")), QPen(QColor("#333333"))
        step = 5 if top <= 40 else 10
        for value in range(0, int(top) + 1, step):
            y = y_of(value)
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            painter.drawText(QRectF(0, y - 8, MARGIN_LEFT - 6, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{value} t")
        weeks = [h.week_start for h in self.hours] or [first, last]
        width = painter.fontMetrics().horizontalAdvance("00.00.00") + 4.0
        for i in thin_axis([x_of(d) for d in weeks], width, 0.0, float(self.width())):
            left = axis_start(x_of(weeks[i]), width, 0.0, float(self.width()))
            painter.drawText(QRectF(left, plot.bottom() + 4, width, 14), Qt.AlignmentFlag.AlignHCenter,
                             weeks[i].strftime("%d.%m.%y"))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())

    def _milestones(self, painter: QPainter, plot: QRectF, x_of) -> None:
        ordered = sorted(self.milestones, key=lambda m: m.target_date)
        texts = [("✓ " if m.status == "naaet" else "◆ ") + (m.text or "Delmål")[:22] for m in ordered]
        metrics = painter.fontMetrics()
        widths = [min(160.0, metrics.horizontalAdvance(t) + 4.0) for t in texts]
        # a label right of its line, or left of it when it would leave the chart
        starts = [min(x_of(m.target_date) + 3, plot.right() - w) for m, w in zip(ordered, widths)]
        rows = stack(starts, widths, 3)  # close milestones: stacked; no room: the line alone
        for m, text, start, width, row in zip(ordered, texts, starts, widths, rows):
            color = MILESTONE_COLORS.get(m.status, QColor("#777777"))
            painter.setPen(QPen(color, 1.5, Qt.PenStyle.DashLine))
            x = x_of(m.target_date)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            if row is not None:
                painter.setPen(color)
                painter.drawText(QRectF(start, plot.top() + 14 * row, width, 14), Qt.AlignmentFlag.AlignLeft,
                                 text)

    def _legend(self, painter: QPainter) -> None:
        x = MARGIN_LEFT
        for _key, label, color in SERIES:
            painter.setPen(QPen(color, 3))
            painter.drawLine(QPointF(x, 12), QPointF(x + 18, 12))
            painter.setPen(QColor("#333333"))
            painter.drawText(QPointF(x + 22, 16), label)
            x += 40 + painter.fontMetrics().horizontalAdvance(label)

