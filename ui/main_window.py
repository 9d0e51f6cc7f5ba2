"""The main window: navigation on the left, one page at a time (built when
first shown), menus and shortcuts, and the status bar."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Callable

from PySide6.QtWidgets import QTableView, QWidget

from ui.errors import show_error
from ui.qsettings import window_settings
from ui.shell import ShellFrame
from ui.views.optional import page_or_placeholder
from ui.views.window_actions import WindowActions
from ui.views.window_commands import (ACCESS_LOG, CITIZENS, COMPANIES, PLACEMENTS, REPORTS, SYNC, TODAY,
                                      WindowCommands)
from ui.widgets.table import save_header

if TYPE_CHECKING:  # SQLAlchemy and the services load after the frame is on screen (ui/shell.py)
    from app.context import Context

log = logging.getLogger(__name__)
EXTERNAL = {REPORTS: ("ui.reports_view", "ReportsView"), SYNC: ("ui.sync_view", "SyncView"),
            ACCESS_LOG: ("ui.access_log_view", "AccessLogView")}


class MainWindow(WindowCommands, ShellFrame):
    """MainWindow(ctx) at once, or MainWindow() as the frame shown while the
    store opens and attach(ctx) when it is open (ui/shell.py)."""

    def __init__(self, ctx: Context | None = None) -> None:
        super().__init__()  # the frame: navigation, page area, size and saved layout
        if ctx is not None:
            self.attach(ctx)

    def attach(self, ctx: Context) -> None:
        """The store is open: pages, menus, status bar."""
        from app.services import status
        from ui.views.undo import DeletionUndo
        from ui.widgets.status_bar import StatusParts

        self.ctx = ctx
        self.undo = DeletionUndo(ctx, self)
        if _safe(lambda: status.is_team_leader(ctx), False):
            self.add_name(ACCESS_LOG)
        self.opened()
        self.status_parts = StatusParts(ctx, self.statusBar())
        self.actions_ = WindowActions(self)
        self.undo.changed.connect(self._undo_changed)
        self.status_parts.undo_button.clicked.connect(self.undo_delete)
        self.nav.currentRowChanged.connect(self._show_page)
        self._show_page(self.nav.currentRow())

    # --- pages ----------------------------------------------------------------
    def page(self, name: str) -> QWidget:
        """The page, built the first time it is needed."""
        if name not in self.pages:
            self.pages[name] = widget = self._build(name)
            index = self.names.index(name)
            old = self.stack.widget(index)
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(old)
            old.deleteLater()
        return self.pages[name]

    def _build(self, name: str) -> QWidget:
        from ui.views.browse_pages import CitizensPage, CompaniesPage, PlacementsPage
        from ui.views.today_page import TodayPage

        if name in EXTERNAL:
            page = page_or_placeholder(*EXTERNAL[name], name, self.ctx)
            if hasattr(page, "citizen_requested"):  # the citizens behind a report figure
                page.citizen_requested.connect(self.open_citizen)
            return page
        if name == TODAY:
            page = TodayPage(self.ctx)
            page.open_citizen.connect(self.open_citizen)
            page.changed.connect(self.status_parts.refresh)
            return page
        cls = {CITIZENS: CitizensPage, COMPANIES: CompaniesPage, PLACEMENTS: PlacementsPage}[name]
        page = cls(self.ctx, self.undo)
        if hasattr(page, "open_citizen") and name != CITIZENS:
            page.open_citizen.connect(self.open_citizen)
        if hasattr(page, "print_requested"):
            page.print_requested.connect(self.print_addendum)
        if name == CITIZENS:
            page.view.print_requested.connect(self.print_addendum)
        page.refresh()
        return page

    def _show_page(self, row: int) -> None:
        if 0 <= row < len(self.names):
            # Before the window is up nobody can answer a dialog (e.g. --smoke-test): log only.
            page = _safe(lambda: self.page(self.names[row]), None, self if self._shown else None)
            if page is not None:
                self.stack.setCurrentWidget(page)
                if self.names[row] == TODAY and self._shown and not page.items:
                    page.refresh()

    def go(self, name: str) -> QWidget:
        self.nav.setCurrentRow(self.names.index(name))
        return self.page(name)

    def current_name(self) -> str:
        return self.names[self.nav.currentRow()]

    def open_citizen(self, citizen_id: str, via: str = "view") -> None:
        self.go(CITIZENS).open_citizen(citizen_id, via)

    # --- window state -------------------------------------------------------
    def after_show(self) -> None:
        """Work that may wait until the window is on screen."""
        self._shown = True
        self.status_parts.start()
        if self.current_name() == TODAY:
            self.page(TODAY).refresh()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        from ui.worker import wait_for_all

        if self.is_opening():  # closed before the store was open: ui/shell.py ends the start
            super().closeEvent(event)
            return
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
        self.status_parts.timer.stop()
        wait_for_all(5000)
        super().closeEvent(event)


def _safe(func: Callable, default, parent: QWidget | None = None):
    try:
        return func()
    except Exception as exc:  # noqa: BLE001 (the window must come up)
        if parent is not None:
            show_error(parent, exc)
        else:
            log.error("main window: %s", type(exc).__name__, exc_info=exc)
        return default
