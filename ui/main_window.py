"""The main window: navigation on the left, one page at a time (built when
first shown), menus and shortcuts, and the status bar."""
from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QListWidget, QMainWindow, QSplitter, QStackedWidget, QTableView, QWidget

from app.context import Context
from app.services import status
from ui.errors import show_error
from ui.qsettings import window_settings
from ui.views.optional import page_or_placeholder, run_editor
from ui.views.undo import DeletionUndo
from ui.widgets.status_bar import StatusParts
from ui.widgets.table import save_header
from ui.views.window_actions import WindowActions

TODAY, CITIZENS, COMPANIES, PLACEMENTS, REPORTS, SYNC, ACCESS_LOG = (
    "I dag", "Borgere", "Virksomheder", "Forløb", "Rapporter", "Synkronisering", "Adgangslog")
EXTERNAL = {REPORTS: ("ui.reports_view", "ReportsView"), SYNC: ("ui.sync_view", "SyncView"),
            ACCESS_LOG: ("ui.access_log_view", "AccessLogView")}


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("Jobcoach")
        self.undo = DeletionUndo(ctx, self)
        self.names = [TODAY, CITIZENS, COMPANIES, PLACEMENTS, REPORTS, SYNC]
        if _safe(lambda: status.is_team_leader(ctx), False):
            self.names.append(ACCESS_LOG)
        self.pages: dict[str, QWidget] = {}
        self._shown = False  # the I dag overview is fetched once the window is on screen
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.addItems(self.names)
        self.nav.setMinimumWidth(150)
        self.stack = QStackedWidget()
        for _ in self.names:
            self.stack.addWidget(QWidget())
        self.nav.currentRowChanged.connect(self._show_page)
        self.split = QSplitter()
        self.split.setObjectName("main_split")
        self.split.addWidget(self.nav)
        self.split.addWidget(self.stack)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([170, 1100])
        self.setCentralWidget(self.split)
        self.status_parts = StatusParts(ctx, self.statusBar())
        self.actions_ = WindowActions(self)
        self.undo.changed.connect(self._undo_changed)
        self.status_parts.undo_button.clicked.connect(self.undo_delete)
        self.resize(1280, 720)
        self._restore_state()
        self.nav.setCurrentRow(0)

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
            return page_or_placeholder(*EXTERNAL[name], name, self.ctx)
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
            page = _safe(lambda: self.page(self.names[row]), None, self)
            if page is not None:
                self.stack.setCurrentWidget(page)
                if self.names[row] == TODAY and self._shown and not page.model.rows:
                    page.refresh()

    def go(self, name: str) -> QWidget:
        self.nav.setCurrentRow(self.names.index(name))
        return self.page(name)

    def current_name(self) -> str:
        return self.names[self.nav.currentRow()]

    def open_citizen(self, citizen_id: str, via: str = "view") -> None:
        self.go(CITIZENS).open_citizen(citizen_id, via)

    # --- what the shortcuts act on ---------------------------------------------
    def selected_citizen_id(self) -> str | None:
        page = self.pages.get(self.current_name())
        if self.current_name() == CITIZENS:
            return page.view.citizen_id
        if self.current_name() == TODAY:
            return page.current_citizen_id()
        if self.current_name() == PLACEMENTS and page.current() is not None:
            return page.current().citizen_id
        return None

    def selected_placement_id(self) -> str | None:
        page = self.pages.get(self.current_name())
        if self.current_name() == CITIZENS:
            return page.view.current_placement_id()
        if self.current_name() in (TODAY, PLACEMENTS):
            return page.current_placement_id()
        return None

    def new_visit(self) -> None:
        citizen_id = self.selected_citizen_id()
        if citizen_id is None:
            self.statusBar().showMessage("Vælg en borger først (i I dag, Borgere eller Forløb).", 5000)
            return
        run_editor(self, "ui.editors.visit_editor", "VisitEditor", self.ctx, citizen_id)
        self._after_visit(citizen_id)

    def _after_visit(self, citizen_id: str) -> None:
        page = self.pages.get(CITIZENS)
        if page is not None and page.view.citizen_id == citizen_id:
            page.view.reload()
        self.status_parts.refresh()

    def print_addendum(self, placement_id: str | None = None) -> None:
        placement_id = placement_id or self.selected_placement_id()
        if placement_id is None:
            self.statusBar().showMessage("Vælg et forløb først.", 5000)
            return
        run_editor(self, "ui.addendum_dialog", "AddendumDialog", self.ctx, placement_id)

    def save_current(self) -> None:
        page = self.pages.get(self.current_name())
        view = getattr(page, "view", None)
        if view is not None and hasattr(view, "save") and view.save():
            self.statusBar().showMessage("Gemt.", 3000)
            self.status_parts.refresh()

    def focus_search(self) -> None:
        if self.current_name() not in (CITIZENS, COMPANIES, PLACEMENTS):
            self.go(CITIZENS)
        self.page(self.current_name()).focus_search()

    def undo_delete(self) -> None:
        try:
            item = self.undo.undo()
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        if item is None:
            self.statusBar().showMessage("Der er ingen sletning at fortryde.", 4000)
            return
        for name in (CITIZENS, COMPANIES, PLACEMENTS):
            if name in self.pages:
                self.pages[name].refresh()
        if item.kind in ("visit", "placement") and CITIZENS in self.pages:
            self.pages[CITIZENS].view.reload()
        self.statusBar().showMessage(f"Sletningen er fortrudt: {item.label}", 5000)
        self.status_parts.refresh()

    def _undo_changed(self) -> None:
        button = self.status_parts.undo_button
        button.setVisible(self.undo.last is not None)
        button.setText(self.undo.description())
        self.actions_.undo.setText(self.undo.description())
        self.actions_.undo.setEnabled(self.undo.last is not None)
        self.status_parts.refresh()

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
        self.status_parts.start()
        if self.current_name() == TODAY:
            self.page(TODAY).refresh()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt name)
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
        self.status_parts.timer.stop()
        wait_for_all(5000)
        super().closeEvent(event)


def _safe(func: Callable, default, parent: QWidget | None = None):
    try:
        return func()
    except Exception as exc:  # noqa: BLE001 (the window must come up)
        if parent is not None:
            show_error(parent, exc)
        return default
