"""The main window: navigation on the left, one page at a time (built when
first shown), menus and shortcuts, and the status bar. Every page is a
plain import: a broken page fails the tests and the build, not the user."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSplitter, QStackedWidget, QTableView, QWidget

from app.context import Context
from app.services import status
from ui import changes
from ui.access_log_view import AccessLogView
from ui.errors import show_error
from ui.icons import page_icon
from ui.qsettings import window_settings
from ui.reports_view import ReportsView
from ui.runtime import Runtime
from ui.startup_checks import current_guard
from ui.sync_view import SyncView
from ui.views.browse_pages import CitizensPage, CompaniesPage, PlacementsPage
from ui.views.page_ids import TITLES, Page
from ui.views.today_page import TodayPage
from ui.views.undo import DeletionUndo
from ui.views.window_actions import WindowActions
from ui.views.window_commands import WindowCommands
from ui.widgets.fit import fit
from ui.widgets.status_bar import StatusParts
from ui.widgets.table import save_header

log = logging.getLogger(__name__)


class MainWindow(WindowCommands):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("Jobcoach")
        self.undo = DeletionUndo(ctx, self)
        self.names = [Page.TODAY, Page.CITIZENS, Page.COMPANIES, Page.PLACEMENTS, Page.REPORTS, Page.SYNC]
        if _safe(lambda: status.is_team_leader(ctx), False):
            self.names.append(Page.ACCESS_LOG)
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
            self.stack.addWidget(QWidget())
        self.nav.currentRowChanged.connect(self._show_page)
        self.split = QSplitter()
        self.split.setObjectName("main_split")
        self.split.addWidget(self.nav)
        self.split.addWidget(self.stack)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([nav_width, 1366 - nav_width])
        self.setCentralWidget(self.split)
        self.status_parts = StatusParts(ctx, self.statusBar())
        self.actions_ = WindowActions(self)
        self.undo.changed.connect(self._undo_changed)
        changes.follow(self, changes.ALL, self.status_parts.refresh)  # unsynced count
        self.runtime = Runtime(self, ctx)
        self.status_parts.undo_button.clicked.connect(self.undo_delete)
        fit(self, 1280, 680)
        self._restore_state()
        self.nav.setCurrentRow(0)

    # --- pages ----------------------------------------------------------------
    def page(self, name: Page) -> Any:
        """The page, built the first time it is needed."""
        if name not in self.pages:
            self.pages[name] = widget = self._build(name)
            index = self.names.index(name)
            old = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            if old is not None:
                self.stack.removeWidget(old)
                old.deleteLater()
        return self.pages[name]

    def _build(self, name: Page) -> QWidget:
        if name == Page.REPORTS:
            reports = ReportsView(self.ctx)
            reports.citizen_requested.connect(self.open_citizen)  # the citizens behind a figure
            return reports
        if name == Page.SYNC:
            return SyncView(self.ctx)
        if name == Page.ACCESS_LOG:
            return AccessLogView(self.ctx)
        if name == Page.TODAY:
            today = TodayPage(self.ctx)
            today.open_citizen.connect(self.open_citizen)
            return today
        if name == Page.CITIZENS:
            citizens = CitizensPage(self.ctx, self.undo)
            citizens.view.print_requested.connect(self.print_addendum)
            citizens.refresh()
            return citizens
        if name == Page.COMPANIES:
            companies = CompaniesPage(self.ctx, self.undo)
            companies.open_citizen.connect(self.open_citizen)
            companies.refresh()
            return companies
        placements = PlacementsPage(self.ctx, self.undo)
        placements.open_citizen.connect(self.open_citizen)
        placements.print_requested.connect(self.print_addendum)
        placements.refresh()
        return placements

    def _show_page(self, row: int) -> None:
        if 0 <= row < len(self.names):
            # Before the window is up nobody can answer a dialog (e.g. --smoke-test): log only.
            page = _safe(lambda: self.page(self.names[row]), None, self if self._shown else None)
            if page is not None:
                self.stack.setCurrentWidget(page)
                if self.names[row] == Page.TODAY and self._shown and not page.items:
                    page.refresh()

    def go(self, name: Page) -> Any:
        self.nav.setCurrentRow(self.names.index(name))
        return self.page(name)

    def current_name(self) -> Page:
        return self.names[self.nav.currentRow()]

    def open_citizen(self, citizen_id: str, via: str = "view") -> None:
        self.go(Page.CITIZENS).open_citizen(citizen_id, via)

    # --- window state -------------------------------------------------------
    def _restore_state(self) -> None:
        settings = window_settings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        split = settings.value("main/split")
        if split is not None:
            self.split.restoreState(split)

    def after_show(self) -> None:
        """Work that may wait until the window is on screen."""
        self._shown = True
        self.runtime.start(current_guard())
        if self.current_name() == Page.TODAY:
            self.page(Page.TODAY).refresh()

    def closeEvent(self, event) -> None:
        from ui.ops import wait_for_writes
        from ui.worker import wait_for_all

        settings = window_settings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/split", self.split.saveState())
        for page in self.pages.values():
            if hasattr(page, "save_state"):
                page.save_state()
        for view in self.findChildren(QTableView):
            if view.objectName():
                save_header(view)
        settings.sync()
        self.runtime.stop()
        wait_for_all(5000)
        wait_for_writes(5000)
        super().closeEvent(event)


def _safe(func: Callable, default, parent: QWidget | None = None):
    try:
        return func()
    except Exception as exc:
        if parent is not None:
            show_error(parent, exc)
        else:
            log.error("main window: %s", type(exc).__name__, exc_info=exc)
        return default
