"""Charts of the Rapporter view, drawn with QPainter (no chart library).
Each bar can be clicked: `clicked(key)` opens the citizens behind it."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.formatting import fmt_number
from app.reports.model import MonthRow
from ui.editors.chart_labels import axis_start, stack, thin_axis

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
        marks = sorted(((self.start, "start", MUTED), (self.goal, "mål", GOAL)), key=lambda m: m[0])
        texts = [f"{label} {fmt_number(mark, 0)} %" for mark, label, _c in marks]
        widths = [p.fontMetrics().horizontalAdvance(t) + 6.0 for t in texts]
        xs = [bar.x() + w * mark / 100 for mark, _l, _c in marks]
        starts = [axis_start(x, width, 0.0, float(self.width())) for x, width in zip(xs, widths)]
        rows = stack(starts, widths, 2)  # close marks: the second label goes one line lower
        for (_mark, _label, color), text, x, start, width, row in zip(marks, texts, xs, starts, widths, rows):
            p.setPen(QPen(color, 2))
            p.drawLine(QPointF(x, bar.top() - 3), QPointF(x, bar.bottom() + 3))
            p.drawText(QRectF(start, bar.bottom() + 2 + 16 * (row or 0), width, 16),
                       Qt.AlignmentFlag.AlignHCenter, text)


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
        metrics = p.fontMetrics()
        widest = max((metrics.horizontalAdvance(label) for _, label, _, _ in self.bars), default=0)
        label_w = min(widest + 20, int(self.width() * 0.5))  # whole labels where there is room
        bar_w = max(self.width() - label_w - 90, 10)
        top = max((v for _, _, v, _ in self.bars), default=0) or 1
        for i, (_, label, value, color) in enumerate(self.bars):
            y = 26 + i * self.ROW
            p.setPen(self.palette().text().color())
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, int(label_w - 12))
            p.drawText(QRectF(8, y, label_w - 12, self.ROW - 4),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, shown)
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
        label_w = p.fontMetrics().horizontalAdvance("00.00") + 4.0
        labelled = set(thin_axis([plot.left() + (i + 0.5) * step for i in range(len(self.months))], label_w,
                                 0.0, float(self.width())))
        for i, m in enumerate(self.months):
            x = plot.left() + i * step
            h = plot.height() * (m.mean_attendance or 0) / top
            p.fillRect(QRectF(x + step * 0.15, plot.bottom() - h, step * 0.7, h), ACCENT)
            if m.intensity is not None:
                line.append(QPointF(x + step / 2, plot.bottom() - plot.height() * m.intensity / 100))
            if i in labelled:  # only labels that fit side by side
                p.setPen(self.palette().text().color())
                left = axis_start(x + step / 2, label_w, 0.0, float(self.width()))
                p.drawText(QRectF(left, plot.bottom() + 2, label_w, 16), Qt.AlignmentFlag.AlignHCenter,
                           f"{m.month:%m.%y}")
        p.setPen(QPen(GOAL, 2))
        p.drawPolyline(line)
        title_end = 8 + QFontMetricsF(bold).horizontalAdvance("Timer og intensitet pr. måned") + 16
        legend_x = max(plot.right() - 250, title_end)  # never over the title
        p.fillRect(QRectF(legend_x, 6, 10, 10), ACCENT)
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(legend_x + 14, 0, 120, 20), Qt.AlignmentFlag.AlignVCenter, "fremmøde t/uge")
        p.setPen(QPen(GOAL, 2))
        p.drawLine(QPointF(legend_x + 135, 11), QPointF(legend_x + 150, 11))
        p.setPen(self.palette().text().color())
        p.drawText(QRectF(legend_x + 154, 0, 100, 20), Qt.AlignmentFlag.AlignVCenter, "intensitet %")
