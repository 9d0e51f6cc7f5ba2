"""The three browsing pages: Borgere, Virksomheder, Forløb."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from app.context import Context
from app.services import citizen_search, citizens, companies, company_search, placement_search, placements
from ui import changes
from ui.errors import show_error
from ui.models import columns
from ui.views.citizen_view import CitizenView
from ui.views.company_view import CompanyView
from ui.views.list_page import Found, ListPage
from ui.views.new_dialogs import new_citizen_dialog, new_company_dialog
from ui.views.placement_summary import PlacementSummary
from ui.views.undo import DeletionUndo


class CitizensPage(ListPage):
    def __init__(self, ctx: Context, undo: DeletionUndo, parent: QWidget | None = None) -> None:
        view = CitizenView(ctx)
        super().__init__(ctx, "citizens", columns.CITIZENS, lambda o, n: citizens.list_citizens(ctx, o, n),
                         "Søg borger: navn, by eller ord i noterne (Ctrl+F)", view, parent)
        self.view = view
        self.undo = undo
        self.add_button("&Ny borger …", "new_citizen", self.new_citizen)
        self.view.delete_requested.connect(self.delete)
        self.why_column = len(columns.CITIZENS) - 1  # "Fundet i", shown while searching
        self.search_hides = (2, 4)                   # Telefon and Status make room for it
        self._show_searching(False)
        self.place_split()
        changes.follow(self, (changes.CITIZEN, changes.PLACEMENT, changes.VISIT), self._after_change)

    def find_rows(self, text: str) -> Found:
        """All matches, counted; the rows come a page at a time as the list scrolls."""
        matches = citizen_search.find(self.ctx, text)
        return Found(matches.total, lambda offset, limit: citizen_search.page(self.ctx, matches, offset, limit))

    def open_row(self, row) -> None:
        self.view.open(row.id, "search_open" if self.searching else "view")

    def open_citizen(self, citizen_id: str, via: str = "view") -> None:
        self.select_id(citizen_id)
        self.view.open(citizen_id, via)

    def new_citizen(self) -> None:
        dialog = new_citizen_dialog(self.ctx, self)
        if dialog.exec() and dialog.created:
            self.search.clear()
            self.refresh()  # now, not after this turn: the new row is selected next
            self.open_citizen(dialog.created.id, "view")

    def _after_change(self) -> None:
        current = self.view.citizen_id
        self.refresh()
        if current:
            self.select_id(current)

    def delete(self, kind: str, row_id: str, label: str) -> None:
        try:
            if not self.undo.delete(self, kind, row_id, label):
                return
        except Exception as exc:
            show_error(self, exc)
            return
        if kind == "citizen":
            self.view.clear()  # the list and the view follow the change bus


class CompaniesPage(ListPage):
    open_citizen = Signal(str)

    def __init__(self, ctx: Context, undo: DeletionUndo, parent: QWidget | None = None) -> None:
        view = CompanyView(ctx)
        super().__init__(ctx, "companies", columns.COMPANIES, lambda o, n: companies.list_companies(ctx, o, n),
                         "Søg virksomhed: navn, CVR eller by (Ctrl+F)", view, parent)
        self.view = view
        self.undo = undo
        self.add_button("&Ny virksomhed …", "new_company", self.new_company)
        self.view.delete_requested.connect(self.delete)
        self.view.open_citizen.connect(self.open_citizen)
        changes.follow(self, (changes.COMPANY, changes.PLACEMENT), self.refresh)

    def find_rows(self, text: str) -> Found:
        """All matches, counted; the rows come a page at a time as the list scrolls."""
        ids = company_search.find(self.ctx, text)
        return Found(len(ids), lambda offset, limit: company_search.page(self.ctx, ids, offset, limit))

    def open_row(self, row) -> None:
        self.view.open(row.id)

    def open_company(self, company_id: str) -> None:
        self.select_id(company_id)
        self.view.open(company_id)

    def new_company(self) -> None:
        dialog = new_company_dialog(self.ctx, self)
        if dialog.exec() and dialog.created:
            self.search.clear()
            self.refresh()
            self.open_company(dialog.created.id)

    def delete(self, kind: str, row_id: str, label: str) -> None:
        try:
            if self.undo.delete(self, kind, row_id, label):
                self.view.clear()
        except Exception as exc:
            show_error(self, exc)


class PlacementsPage(ListPage):
    open_citizen = Signal(str)
    print_requested = Signal(str)

    def __init__(self, ctx: Context, undo: DeletionUndo, parent: QWidget | None = None) -> None:
        view = PlacementSummary(ctx)
        super().__init__(ctx, "placements", columns.PLACEMENTS, lambda o, n: placements.list_placements(ctx, o, n),
                         "Søg forløb: borgerens eller virksomhedens navn (Ctrl+F)", view, parent,
                         sort=(3, Qt.SortOrder.DescendingOrder))
        self.view = view
        self.undo = undo
        self.view.open_citizen.connect(self.open_citizen)
        self.view.print_requested.connect(self.print_requested)
        self.view.delete_requested.connect(self.delete)
        changes.follow(self, (changes.PLACEMENT, changes.CITIZEN, changes.COMPANY, changes.WAGE_AGREEMENT,
                              changes.VISIT), self.refresh)

    def find_rows(self, text: str) -> Found:
        """All matches, counted; the rows come a page at a time as the list scrolls."""
        ids = placement_search.find(self.ctx, text)
        return Found(len(ids), lambda offset, limit: placement_search.page(self.ctx, ids, offset, limit))

    def open_row(self, row) -> None:
        self.view.show_placement(row)

    def current_placement_id(self) -> str | None:
        row = self.current()
        return row.id if row else None

    def delete(self, placement) -> None:
        try:
            if self.undo.delete(self, "placement", placement.id, placement.company_name):
                self.view.clear()
        except Exception as exc:
            show_error(self, exc)
