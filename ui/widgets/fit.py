"""Window sizes that fit a 1366×768 screen with a title bar and a task bar.

The smallest screen we design for leaves 728 px for a window including its
title bar (about 30 px), so a window's own height stays at or below 690 px.
On a smaller screen the size is shrunk further to the screen's free area."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MAX_HEIGHT = 690  # 768 - 40 (task bar) - 38 (title bar and frame)
MAX_WIDTH = 1350  # 1366 - the frame


def fitted(width: int, height: int, widget: QWidget | None = None) -> tuple[int, int]:
    """(width, height) no bigger than the design screen or the real one."""
    width, height = min(width, MAX_WIDTH), min(height, MAX_HEIGHT)
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width() - 16), min(height, free.height() - 38)
    return max(width, 320), max(height, 240)


def fit(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to at most (width, height), kept within the screen."""
    widget.resize(*fitted(width, height, widget))
