"""The main window: navigation on the left, one page at a time."""
from __future__ import annotations

from ui.qsettings import window_settings
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QMainWindow, QStackedWidget,
                               QWidget)

from app.context import Context

PAGES = ("I dag", "Borgere", "Virksomheder", "Forløb", "Rapporter", "Synkronisering")


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("Jobcoach")
        self.nav = QListWidget()
        self.nav.addItems(PAGES)
        self.nav.setFixedWidth(180)
        self.stack = QStackedWidget()
        for name in PAGES:
            self.stack.addWidget(QLabel(f"{name} – kommer snart"))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.resize(1280, 720)
        self._restore_geometry()

    def _restore_geometry(self) -> None:
        geometry = window_settings().value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def after_show(self) -> None:
        """Work that may wait until the window is on screen."""

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        window_settings().setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)
