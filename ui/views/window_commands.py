"""What the menus and shortcuts do in the main window: act on the citizen
or placement selected on the current page (a mixin of MainWindow)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMainWindow

from app.context import Context
from ui import changes
from ui.addendum_dialog import AddendumDialog
from ui.editors.visit_editor import VisitEditor
from ui.errors import show_error
from ui.ops import run_dialog
from ui.views.page_ids import BROWSING, Page

if TYPE_CHECKING:
    from ui.views.undo import DeletionUndo
    from ui.views.window_actions import WindowActions
    from ui.widgets.status_bar import StatusParts


class WindowCommands(QMainWindow):
    """The main window's commands. Pages refresh themselves from the change
    bus (ui/changes.py); nothing here refreshes them."""
    ctx: Context
    pages: dict[Page, Any]
    undo: DeletionUndo
    status_parts: StatusParts
    actions_: WindowActions

    if TYPE_CHECKING:  # provided by MainWindow
        def current_name(self) -> Page: ...
        def page(self, name: Page) -> Any: ...
        def go(self, name: Page) -> Any: ...

    def selected_citizen_id(self) -> str | None:
        page = self.page(self.current_name())
        if self.current_name() == Page.CITIZENS:
            return page.view.citizen_id
        if self.current_name() == Page.TODAY:
            return page.current_citizen_id()
        if self.current_name() == Page.PLACEMENTS and page.current() is not None:
            return page.current().citizen_id
        return None

    def selected_placement_id(self) -> str | None:
        page = self.page(self.current_name())
        if self.current_name() == Page.CITIZENS:
            return page.view.current_placement_id()
        if self.current_name() in (Page.TODAY, Page.PLACEMENTS):
            return page.current_placement_id()
        return None

    def new_visit(self) -> None:
        citizen_id = self.selected_citizen_id()
        if citizen_id is None:
            self.statusBar().showMessage("Vælg en borger først (i I dag, Borgere eller Forløb).", 5000)
            return
        run_dialog(self, VisitEditor, self.ctx, citizen_id)  # it announces its writes itself

    def print_addendum(self, placement_id: str | None = None) -> None:
        placement_id = placement_id or self.selected_placement_id()
        if placement_id is None:
            self.statusBar().showMessage("Vælg et forløb først.", 5000)
            return
        run_dialog(self, AddendumDialog, self.ctx, placement_id, kinds={changes.ADDENDUM}, ids={placement_id})

    def save_current(self) -> None:
        page = self.page(self.current_name())
        view = getattr(page, "view", None)
        if view is not None and hasattr(view, "save") and view.save():
            self.statusBar().showMessage("Gemt.", 3000)

    def focus_search(self) -> None:
        if self.current_name() not in BROWSING:
            self.go(Page.CITIZENS)
        self.page(self.current_name()).focus_search()

    def undo_delete(self) -> None:
        try:
            item = self.undo.undo()
        except Exception as exc:
            show_error(self, exc)
            return
        if item is None:
            self.statusBar().showMessage("Der er ingen sletning at fortryde.", 4000)
            return
        self.statusBar().showMessage(f"Sletningen er fortrudt: {item.label}", 5000)

    def _undo_changed(self) -> None:
        button = self.status_parts.undo_button
        button.setVisible(self.undo.last is not None)
        button.setText(self.undo.description())
        self.actions_.undo.setText(self.undo.description())
        self.actions_.undo.setEnabled(self.undo.last is not None)
