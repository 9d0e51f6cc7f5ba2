"""What the menus and shortcuts do in the main window: act on the citizen
or placement selected on the current page (a mixin of MainWindow)."""
from __future__ import annotations

from ui.errors import show_error
from ui.views.optional import run_editor

TODAY, CITIZENS, COMPANIES, PLACEMENTS, REPORTS, SYNC, ACCESS_LOG = (
    "I dag", "Borgere", "Virksomheder", "Forløb", "Rapporter", "Synkronisering", "Adgangslog")


class WindowCommands:
    """Needs from the window: ctx, pages, undo, status_parts, actions_,
    current_name(), page(), go() and statusBar()."""

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
        today_page = self.pages.get(TODAY)
        if today_page is not None:
            today_page.refresh_soon()  # the follow-up moves once the visit is held
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
