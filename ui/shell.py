"""The main window's frame, on screen before the store is open.

A start spends most of its time importing SQLAlchemy, the models and the
services and opening the store. So the program first shows the frame
(navigation on the left, "Åbner databasen …" where the page will be),
which only needs Qt, and opens the store on a worker thread meanwhile;
the frame takes input (the navigation moves) while it waits. MainWindow
(ui/main_window.py) is this frame plus the pages, menus and status bar,
added by `MainWindow.attach(ctx)` once the store is open.

Whatever needs the user (another program holds the store, no keyring, a
damaged store) is left to ui/startup_checks.py on the GUI thread, as before.
"""
from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import QEventLoop, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
)

from ui.icons import page_icon
from ui.qsettings import window_settings
from ui.views.page_ids import TITLES, Page
from ui.widgets.fit import fit
from ui.worker import run_in_background, wait_for_all

OPENING = "Åbner databasen …"
MENUS = ("&Filer", "&Rediger", "&Gå til", "&Hjælp")  # as ui/views/window_actions.py builds them
PRELOAD = ("app.services.status", "ui.views.browse_pages", "ui.views.today_page", "ui.views.undo",
           "ui.widgets.status_bar")
NEEDS_USER = object()  # the quiet opening stopped where the user must answer


class ShellFrame(QMainWindow):
    """Navigation and an empty page area; no store needed."""

    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Jobcoach")
        self.names = [Page.TODAY, Page.CITIZENS, Page.COMPANIES, Page.PLACEMENTS, Page.REPORTS, Page.SYNC]
        self.pages: dict[Page, Any] = {}
        self._shown = False  # the I dag overview is fetched once the window is on screen
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        for name in self.names:
            QListWidgetItem(page_icon(name), TITLES[name], self.nav)
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setSpacing(2)
        self.nav.setStyleSheet("QListWidget#navigation { font-size: 11pt; }"
                               " QListWidget#navigation::item { padding: 5px 4px; }")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        nav_width = self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 12  # every name whole
        self.nav.setMinimumWidth(nav_width)
        self.stack = QStackedWidget()
        for _ in self.names:
            self.stack.addWidget(self._placeholder())
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.split = QSplitter()
        self.split.setObjectName("main_split")
        self.split.addWidget(self.nav)
        self.split.addWidget(self.stack)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([nav_width, 1366 - nav_width])
        self.setCentralWidget(self.split)
        # Menu bar and status bar there from the start, so that the page area
        # keeps its place when the pages come; the menus work once it is open.
        for title in MENUS:
            self.menuBar().addMenu(title).setEnabled(False)
        self.statusBar()
        fit(self, 1280, 680)
        self._restore_state()
        self.nav.setCurrentRow(0)

    def _placeholder(self) -> QLabel:
        label = QLabel(OPENING)
        label.setObjectName("opening_state")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def add_name(self, name: Page) -> None:
        """A page known only once the store is open (e.g. the team leader's)."""
        self.names.append(name)
        QListWidgetItem(page_icon(name), TITLES[name], self.nav)
        self.nav.setMinimumWidth(max(self.nav.minimumWidth(),
                                     self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 12))
        self.stack.addWidget(self._placeholder())

    def opened(self) -> None:
        """The store is open: the real menus replace the frame's (call before
        building them); a page not built yet says nothing instead."""
        self.menuBar().clear()
        for label in self.stack.findChildren(QLabel, "opening_state"):
            label.clear()

    def is_opening(self) -> bool:
        return not hasattr(self, "ctx")

    def _restore_state(self) -> None:
        settings = window_settings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        split = settings.value("main/split")
        if split is not None:
            self.split.restoreState(split)


def _open_quietly(smoke_test: bool) -> Any:
    """On the worker thread: the imports and the opening. Never raises: an
    error is returned and raised again (and shown) on the GUI thread."""
    try:
        from app.logsetup import setup_logging

        setup_logging()  # here, not before the frame: logging.handlers is a slow import
        from ui import startup_checks

        _preload()
        try:
            return startup_checks.open_store_guarded(smoke_test, interactive=False)
        except startup_checks.NeedsUser:
            return NEEDS_USER
    except Exception as exc:
        return exc


def _preload() -> None:
    """What MainWindow.attach and the first page import, imported here so
    that the GUI thread does not wait for it."""
    for name in PRELOAD:
        importlib.import_module(name)


def open_in_shell(window: ShellFrame, smoke_test: bool) -> Any:
    """Show the frame and open the store behind it: the Context, or None
    when the program must not start (the user was told). A StoreError or
    KeyringUnavailable is raised as from ui.startup_checks.open_store_guarded."""
    window.show()
    loop = QEventLoop()
    result: list[Any] = []  # filled by the worker itself: read even if the loop ends early

    def start() -> None:
        run_in_background(None, lambda: result.append(_open_quietly(smoke_test)), on_done=lambda _: loop.quit(),
                          on_error=lambda _: loop.quit())

    # Started from the loop, after what is already queued (the first paint):
    # the worker's imports hold the GIL much of the time.
    QTimer.singleShot(0, start)
    loop.exec()  # the frame paints and takes input meanwhile
    if not result:  # the program was asked to quit (the frame closed) while opening
        wait_for_all(60_000)
    value = result[0]
    if isinstance(value, BaseException):
        raise value
    if value is NEEDS_USER:
        from ui.startup_checks import open_store_guarded
        return open_store_guarded(smoke_test)
    return value
