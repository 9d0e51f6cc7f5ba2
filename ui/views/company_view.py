"""One company: its data (CVR checked at the field), contact persons,
current and past placements there, and visits."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.context import Context
from app.services import companies
from ui import changes
from ui.editors.fields import submit
from ui.models import columns
from ui.models.rows import RowsModel, sorting_proxy
from ui.views.company_contacts import ContactsTab
from ui.views.company_data import CompanyBundle, is_current, load_company
from ui.views.new_dialogs import add_field_checks
from ui.widgets.form import Form
from ui.widgets.table import current_row, make_table
from ui.worker import run_in_background

FIELDS = (("name", "&Navn"), ("cvr", "&CVR-nummer"), ("p_number", "&P-nummer"), ("address", "&Adresse"),
          ("postal_code", "Post&nummer"), ("city", "&By"), ("phone", "&Telefon"), ("email", "&E-mail"),
          ("industry", "B&ranche"))


class CompanyView(QWidget):
    delete_requested = Signal(str, str, str)  # kind, id, label
    open_citizen = Signal(str)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bundle: CompanyBundle | None = None
        self._request = 0
        self.title = QLabel("Vælg en virksomhed i listen.")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.form = Form()
        for key, label in FIELDS:
            self.form.add(key, label)
        self.notes = QPlainTextEdit()
        self.form.add("notes", "Bemær&kninger", self.notes)
        self.notes.setMaximumHeight(70)
        add_field_checks(self.form)
        self.contacts = ContactsTab(ctx)
        self.current_model = RowsModel(columns.COMPANY_PLACEMENTS, self)
        self.past_model = RowsModel(columns.COMPANY_PLACEMENTS, self)
        self.current_table = make_table(sorting_proxy(self.current_model, self), "company_current",
                                        sort=(2, Qt.SortOrder.DescendingOrder))
        self.past_table = make_table(sorting_proxy(self.past_model, self), "company_past",
                                     sort=(2, Qt.SortOrder.DescendingOrder))
        for table in (self.current_table, self.past_table):
            table.doubleClicked.connect(lambda _i, t=table: self._open_citizen_of(t))
        self.visits_model = RowsModel(columns.VISITS, self)
        self.visits_table = make_table(sorting_proxy(self.visits_model, self), "company_visits",
                                      sort=(0, Qt.SortOrder.DescendingOrder))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._data_tab(), "&Stamdata")
        self.tabs.addTab(self.contacts, "K&ontaktpersoner")
        self.tabs.addTab(self._placements_tab(), "&Forløb")
        self.tabs.addTab(self.visits_table, "Be&søg")
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        delete = QPushButton("Slet virksomhed")
        delete.setObjectName("delete_company")
        delete.clicked.connect(self._delete)
        header.addWidget(delete)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        self.setEnabled(False)
        changes.follow(self, (changes.COMPANY, changes.CONTACT_PERSON), self.reload, ids=lambda: [self.company_id])
        # Placements and visits are announced with their citizen's id: any of them may be here.
        changes.follow(self, (changes.PLACEMENT, changes.VISIT, changes.CITIZEN), self.reload)

    def _data_tab(self) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        box.addWidget(self.form)
        row = QHBoxLayout()
        row.addStretch(1)
        save = QPushButton("&Gem virksomhed")
        save.setObjectName("save_company")
        save.clicked.connect(self.save)
        row.addWidget(save)
        box.addLayout(row)
        box.addStretch(1)
        return tab

    def _placements_tab(self) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        box.addWidget(QLabel("<b>Nuværende forløb</b> (dobbeltklik åbner borgeren)"))
        box.addWidget(self.current_table, 1)
        box.addWidget(QLabel("<b>Tidligere forløb</b>"))
        box.addWidget(self.past_table, 1)
        return tab

    @property
    def company_id(self) -> str | None:
        return self.bundle.company.id if self.bundle else None

    def open(self, company_id: str) -> None:
        self._request += 1
        request = self._request
        run_in_background(self, lambda: load_company(self.ctx, company_id),
                          on_done=lambda b: self._show(b, request))

    def reload(self) -> None:
        if self.company_id:
            self.open(self.company_id)

    def clear(self) -> None:
        self._request += 1
        self.bundle = None
        for key in list(self.form.fields):
            self.form.set_text(key, "")
        for model in (self.current_model, self.past_model, self.visits_model, self.contacts.model):
            model.set_rows([])
        self.title.setText("Vælg en virksomhed i listen.")
        self.setEnabled(False)

    def _show(self, bundle: CompanyBundle, request: int) -> None:
        if request != self._request:
            return
        self.bundle = bundle
        c = bundle.company
        self.title.setText(c.name)
        self.form.errors.clear()
        for key, _label in FIELDS:
            self.form.set_text(key, getattr(c, key))
        self.form.set_text("notes", c.notes)
        self.contacts.show_contacts(c.id, bundle.contacts)
        today = date.today()
        self.current_model.set_rows([p for p in bundle.placements if is_current(p, today)])
        self.past_model.set_rows([p for p in bundle.placements if not is_current(p, today)])
        self.visits_model.set_rows(bundle.visits)
        self.setEnabled(True)

    def save(self) -> bool:
        if self.bundle is None:
            return False
        c = self.bundle.company
        values = {k: v.strip() for k, v in self.form.values([k for k, _ in FIELDS]).items()}
        values["notes"] = self.notes.toPlainText()
        edits = {k: v for k, v in values.items() if getattr(c, k) != v}
        if not edits:
            self.form.errors.clear()
            return True
        written: list = []
        if not submit(self, self.form.errors, {},
                      lambda: written.append(companies.update_company(self.ctx, c.id, **edits))):
            return False
        updated = written[0]
        self.form.errors.clear()
        self.bundle = CompanyBundle(updated, *[getattr(self.bundle, k) for k in ("contacts", "placements", "visits")])
        self.title.setText(updated.name)
        changes.announce({changes.COMPANY}, {updated.id})
        return True

    def _open_citizen_of(self, table) -> None:
        p = current_row(table)
        if p:
            self.open_citizen.emit(p.citizen_id)

    def _delete(self) -> None:
        if self.bundle:
            self.delete_requested.emit("company", self.bundle.company.id, self.bundle.company.name)
