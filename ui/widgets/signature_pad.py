"""A pad to sign on with mouse, finger or pen. Strokes are kept as lists of
points in the pad's own coordinates, so the PDF can draw them as lines."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QTabletEvent, QTouchEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

Stroke = list[tuple[float, float]]


class SignaturePad(QWidget):
    """Emits `changed` after each finished stroke, *Ryd* and *Fortryd*."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[Stroke] = []
        self._current: Stroke | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setMinimumSize(320, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAccessibleName("Underskriftsfelt")

    # -- the strokes -----------------------------------------------------------
    def strokes(self) -> list[Stroke]:
        return [list(s) for s in self._strokes]

    def is_empty(self) -> bool:
        return not self._strokes

    def to_data(self) -> dict:
        """JSON-ready: the pad's size and every stroke's points (0.1 px)."""
        points = [p for s in self._strokes for p in s]
        # A pad made smaller after writing still holds every point in the box.
        width = max([float(self.width())] + [x for x, _ in points])
        height = max([float(self.height())] + [y for _, y in points])
        return {"w": round(width, 1), "h": round(height, 1),
                "strokes": [[[round(x, 1), round(y, 1)] for x, y in s] for s in self._strokes]}

    def clear(self) -> None:
        self._strokes, self._current = [], None
        self.update()
        self.changed.emit()

    def undo(self) -> None:
        if self._strokes:
            self._strokes.pop()
            self.update()
            self.changed.emit()

    def _begin(self, point: QPointF) -> None:
        self._current = [(point.x(), point.y())]
        self._strokes.append(self._current)
        self.update()

    def _extend(self, point: QPointF) -> None:
        if self._current is None:
            return
        x = min(max(point.x(), 0.0), float(self.width()))
        y = min(max(point.y(), 0.0), float(self.height()))
        if (x, y) != self._current[-1]:
            self._current.append((x, y))
            self.update()

    def _end(self, point: QPointF) -> None:
        if self._current is None:
            return
        self._extend(point)
        self._current = None
        self.changed.emit()

    # -- input: mouse, pen and touch -------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end(event.position())

    def tabletEvent(self, event: QTabletEvent) -> None:
        # Accepting the pen's events stops Qt from also sending them as mouse events.
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end(event.position())
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            points = event.points()
            if points:  # one finger writes; a second one is ignored
                where = points[0].position()
                {QEvent.Type.TouchBegin: self._begin, QEvent.Type.TouchUpdate: self._extend,
                 QEvent.Type.TouchEnd: self._end}[kind](where)
            event.accept()
            return True
        if kind == QEvent.Type.TouchCancel:
            self._current = None
            event.accept()
            return True
        return super().event(event)

    # -- painting --------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QPen(QColor("#9aa5b1"), 1, Qt.PenStyle.DashLine))
        base = self.height() * 0.78
        painter.drawLine(QPointF(12, base), QPointF(self.width() - 12, base))
        painter.setPen(QPen(QColor("#b0b8c1"), 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        if self.is_empty():
            painter.setPen(QColor("#9aa5b1"))
            painter.drawText(QRectF(12, base + 2, self.width() - 24, self.height() - base - 2),
                             Qt.AlignmentFlag.AlignLeft, "Skriv under her")
        pen = QPen(QColor("#1a2733"), 2.2, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            path = QPainterPath(QPointF(*stroke[0]))
            for x, y in stroke[1:] or stroke[:1]:
                path.lineTo(x, y)
            if len(stroke) == 1:  # a dot
                painter.drawPoint(QPointF(*stroke[0]))
            else:
                painter.drawPath(path)
        painter.end()
