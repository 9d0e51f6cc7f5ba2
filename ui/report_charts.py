"""Charts of the Rapporter view, drawn with QPainter (no chart library).
Each bar can be clicked: `clicked(key)` opens the citizens behind it."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.formatting import fmt_number
from app.reports.model import MonthRow

ACCENT = QColor("#2f6f8f")
LATE = QColor("#c0504d")
GOAL = QColor("#2e7d32")
MUTED = QColor("#8a8a8a")


class ShareBar(QWidget):
    """A share out of 100 % with the pilot's start and goal marked."""

    clicked = Signal(str)

    def __init__(self, key: str, title: str, start: float, goal: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.title, self.start, self.goal = key, title, start, goal
        self.share: float | None = None
        self.caption = ""
        self.setMinimumHeight(86)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_value(self, share: float | None, caption: str) -> None:
        self.share, self.caption = share, caption
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(400, 86)

    def mousePressEvent(self, event) -> None:
        self.clicked.emit(self.key)

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w = self.width() - 16
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        value = "–" if self.share is None else f"{fmt_number(self.share, 1)} %"
        p.drawText(QRectF(8, 0, w, 20), Qt.AlignmentFlag.AlignLeft, f"{self.title}: {value}")
        p.setFont(self.font())
        p.drawText(QRectF(8, 0, w, 20), Qt.AlignmentFlag.AlignRight, self.caption)
        bar = QRectF(8, 26, w, 22)
        p.fillRect(bar, QColor("#e8eef2"))
        if self.share:
            p.fillRect(QRectF(bar.x(), bar.y(), w * min(self.share, 100) / 100, bar.height()), ACCENT)
        for mark, label, color in ((self.start, "start", MUTED), (self.goal, "mål", GOAL)):
            x = bar.x() + w * mark / 100
            p.setPen(QPen(color, 2))
            p.drawLine(QPointF(x, bar.top() - 3), QPointF(x, bar.bottom() + 3))
            p.drawText(QRectF(x - 60, bar.bottom() + 4, 120, 18), Qt.AlignmentFlag.AlignHCenter,
                       f"{label} {mark:.0f} %")


class BarChart(QWidget):
    """Horizontal bars, one per (key, label, value); a click emits the key."""

    clicked = Signal(str)
    ROW = 24

    def __init__(self, title: str, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title, self.unit = title, unit
        self.bars: list[tuple[str, str, float, QColor]] = []
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[tuple[str, str, float]], colors: list[QColor] | None = None) -> None:
        colors = colors or [ACCENT] * len(bars)
        self.bars = [(k, label, v, c) for (k, label, v), c in zip(bars, colors)]
        self.setFixedHeight(28 + self.ROW * max(len(self.bars), 1))
        self.update()

    def _row_at(self, y: float) -> int:
        return int((y - 26) // self.ROW)

    def mousePressEvent(self, event) -> None:
        row = self._row_at(event.position().y())
        if 0 <= row < len(self.bars):
            self.clicked.emit(self.bars[row][0])

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(8, 0, self.width() - 16, 20), Qt.AlignmentFlag.AlignLeft, self.title)
        p.setFont(self.font())
        label_w = min(230, self.width() // 2.6)
        bar_w = self.width() - label_w - 90
        top = max((v for _, _, v, _ in self.bars), default=0) or 1
        for i, (_, label, value, color) in enumerate(self.bars):
            y = 26 + i * self.ROW
            p.setPen(self.palette().text().color())
            p.drawText(QRectF(8, y, label_w - 12, self.ROW - 4),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, label)
            p.fillRect(QRectF(label_w, y + 3, bar_w * value / top, self.ROW - 10), color)
            p.drawText(QRectF(label_w + bar_w * value / top + 6, y, 90, self.ROW - 4),
                       Qt.AlignmentFlag.AlignVCenter, f"{fmt_number(value, 0)} {self.unit}")


class MonthChart(QWidget):
    """Bars: mean hours present per citizen-week; line: intensity (right axis)."""

    clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months: list[MonthRow] = []
        self.setMinimumHeight(210)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_months(self, months: list[MonthRow]) -> None:
        self.months = list(months)
        self.update()

    def _plot(self) -> QRectF:
        return QRectF(36, 26, self.width() - 80, self.height() - 52)

    def mousePressEvent(self, event) -> None:
        plot = self._plot()
        if self.months and plot.left() <= event.position().x() <= plot.right():
            i = int((event.position().x() - plot.left()) / (plot.width() / len(self.months)))
            month = self.months[min(i, len(self.months) - 1)].month
            self.clicked.emit(f"month:{month:%Y-%m}")

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        bold = QFont(self.font())
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(8, 0, self.width(), 20), Qt.AlignmentFlag.AlignLeft,
                   "Timer og intensitet pr. måned")
        p.setFont(self.font())
        plot = self._plot()
        p.setPen(QPen(MUTED, 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not any(m.weeks for m in self.months):
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "Ingen timer registreret i perioden")
            return
        top = max([m.mean_attendance or 0 for m in self.months] + [1.0]) * 1.15
        step = plot.width() / len(self.months)
        for label, frac in ((f"{top:.0f} t", 1.0), ("0", 0.0)):
            p.drawText(QRectF(0, plot.bottom() - plot.height() * frac - 8, 32, 16),
                       Qt.AlignmentFlag.AlignRight, label)
        p.drawText(QRectF(plot.right() + 4, plot.top() - 8, 44, 16), Qt.AlignmentFlag.AlignLeft, "100 %")
        line: list[QPointF] = []
        for i, m in enumerate(self.months):
            x = plot.left() + i * step
            h = plot.height() * (m.mean_attendance or 0) / top
            p.fillRect(QRectF(x + step * 0.15, plot.bottom() - h, step * 0.7, h), ACCENT)
            if m.intensity is not None:
                line.append(QPointF(x + step / 2, plot.bottom() - plot.height() * m.intensity / 100))
            if len(self.months) <= 14 or i % 2 == 0:
                p.setPen(self.palette().text().color())
                p.drawText(QRectF(x - 10, plot.bottom() + 2, step + 20, 16), Qt.AlignmentFlag.AlignHCenter,
                           f"{m.month:%m.%y}")
        p.setPen(QPen(GOAL, 2))
        p.drawPolyline(line)
        legend_x = plot.right() - 250
        p.fillRect(QRectF(legend_x, 6, 10, 10), ACCENT)
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(legend_x + 14, 0, 120, 20), Qt.AlignmentFlag.AlignVCenter, "fremmøde t/uge")
        p.setPen(QPen(GOAL, 2))
        p.drawLine(QPointF(legend_x + 135, 11), QPointF(legend_x + 150, 11))
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(legend_x + 154, 0, 100, 20), Qt.AlignmentFlag.AlignVCenter, "intensitet %")
