"""One citizen: personal data, placements with the week grid, visits as a
timeline, skånehensyn (active and history), open actions. Loaded off the
GUI thread; opening logs a view."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QTabWidget, QVBoxLayout, QWidget

from app.context import Context
from ui import changes
from ui.editors.visit_editor import VisitEditor
from ui.errors import show_error
from ui.icons import icon
from ui.ops import run_dialog
from ui.privacy_actions import export_citizen_interactive
from ui.status_report_dialog import StatusReportDialog
from ui.views.citizen_data import CitizenBundle, load_citizen
from ui.views.citizen_form import CitizenForm
from ui.views.citizen_lists import AccommodationsTab, ActionsTab, VisitsTab
from ui.views.placements_panel import PlacementsPanel
from ui.worker import run_in_background


class CitizenView(QWidget):
    loaded = Signal(str)                    # citizen id, once shown
    delete_requested = Signal(str, str, str)  # kind, id, label
    print_requested = Signal(str)           # placement id
    SHOWS = (changes.CITIZEN, changes.PLACEMENT, changes.SCHEDULE_SLOT, changes.VISIT, changes.ACCOMMODATION,
             changes.ACCOMMODATION_CHECK, changes.ACTION, changes.WAGE_AGREEMENT, changes.MILESTONE,
             changes.HOURS_RECORD, changes.ADDENDUM)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bundle: CitizenBundle | None = None
        self._request = 0
        self.title = QLabel("Vælg en borger i listen.")
        self.title.setObjectName("citizen_title")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.title.setMinimumWidth(120)  # a long name may be clipped; the list beside keeps its columns
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.form = CitizenForm(ctx)
        self.form.saved.connect(lambda c: self.title.setText(c.name))
        self.placements = PlacementsPanel(ctx)
        self.placements.print_requested.connect(self.print_requested)
        self.placements.delete_requested.connect(
            lambda p: self.delete_requested.emit("placement", p.id, f"{p.company_name}"))
        self.visits = VisitsTab(ctx)
        self.visits.delete_requested.connect(
            lambda v: self.delete_requested.emit("visit", v.id, v.at.strftime("%d.%m.%Y %H:%M")))
        self.accommodations = AccommodationsTab(ctx)
        self.actions_tab = ActionsTab(ctx)  # not `actions`: that is QWidget.actions()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("citizen_tabs")
        for widget, text in ((self.form, "&Stamdata"), (self.placements, "&Forløb"), (self.visits, "&Besøg"),
                             (self.accommodations, "S&kånehensyn"), (self.actions_tab, "&Handlinger")):
            self.tabs.addTab(widget, text)
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        layout.addWidget(self.tabs, 1)
        self.setEnabled(False)
        # Everything shown here hangs off the citizen: changes naming them (or naming nobody) reload.
        changes.follow(self, self.SHOWS, self.reload, ids=lambda: [self.citizen_id])

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        for text, name, slot in (("Nyt &besøg", "new_visit", self.new_visit),
                                 ("Statusudtalelse", "status_report", self.status_report),
                                 ("Eksportér", "export_citizen", self.export),
                                 ("Slet borger", "delete_citizen", self._delete)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            if name == "new_visit":
                button.setIcon(icon("new_visit"))  # the main action of the page
            row.addWidget(button)
        return row

    @property
    def citizen_id(self) -> str | None:
        return self.bundle.citizen.id if self.bundle else None

    def open(self, citizen_id: str, via: str | None = "view") -> None:
        """Show a citizen; the data arrives from a background job."""
        self._request += 1
        request = self._request
        run_in_background(self, lambda: load_citizen(self.ctx, citizen_id, via),
                          on_done=lambda bundle: self._show(bundle, request))

    def reload(self) -> None:
        if self.citizen_id:
            self.open(self.citizen_id, via=None)

    def clear(self) -> None:
        self._request += 1
        self.bundle = None
        self.form.clear()
        for tab in (self.visits, self.accommodations, self.actions_tab):
            tab.model.set_rows([])
        self.visits.preview.clear()
        self.placements.show_placements("", [], {})
        self.title.setText("Vælg en borger i listen.")
        self.setEnabled(False)

    def _show(self, bundle: CitizenBundle, request: int) -> None:
        if request != self._request:
            return  # a newer citizen was asked for meanwhile
        self.bundle = bundle
        c = bundle.citizen
        self.title.setText(c.name)
        self.form.show_citizen(c)
        self.placements.show_placements(c.id, bundle.placements, bundle.slots)
        self.visits.show_visits(c.id, bundle.visits)
        self.accommodations.show_accommodations(c.id, bundle.accommodations)
        self.actions_tab.show_actions(c.id, bundle.actions)
        self.setEnabled(True)
        self.loaded.emit(c.id)

    def current_placement_id(self) -> str | None:
        return self.placements.current_placement_id() if self.bundle else None

    def new_visit(self) -> None:
        if self.citizen_id:
            run_dialog(self, VisitEditor, self.ctx, self.citizen_id)  # the editor announces its writes

    def status_report(self) -> None:
        """The statusudtalelse to the jobcenter for this citizen."""
        if self.citizen_id:
            run_dialog(self, StatusReportDialog, self.ctx, self.citizen_id)

    def export(self) -> None:
        if self.citizen_id is None:
            return
        try:
            export_citizen_interactive(self, self.ctx, self.citizen_id)
        except Exception as exc:
            show_error(self, exc)

    def save(self) -> bool:
        return self.form.save()

    def _delete(self) -> None:
        if self.bundle:
            self.delete_requested.emit("citizen", self.bundle.citizen.id, self.bundle.citizen.name)
