"""The company's contact persons: a list with add, change and remove."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QVBoxLayout, QWidget

from app.context import Context
from app.services import companies
from app.services.dto import ContactDTO
from ui import changes
from ui.models import columns
from ui.models.rows import RowsModel, sorting_proxy
from ui.ops import run_write
from ui.views.contact_dialog import ContactDialog
from ui.widgets.buttons import button_row
from ui.widgets.table import current_row, make_table


class ContactsTab(QWidget):
    """Writes are announced on the change bus; the company view reloads from there."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.company_id: str | None = None
        self.model = RowsModel(columns.CONTACTS, self)
        self.table = make_table(sorting_proxy(self.model, self), "company_contacts")
        self.table.doubleClicked.connect(lambda *_: self.edit())
        row = button_row((("Tilføj …", "contact_add", self.add), ("Redigér …", "contact_edit", self.edit),
                          ("Fjern", "contact_remove", self.remove)))
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.table)

    def show_contacts(self, company_id: str, rows: list[ContactDTO]) -> None:
        self.company_id = company_id
        self.model.set_rows(rows)

    def add(self) -> None:
        if self.company_id and ContactDialog(self.ctx, self.company_id, None, self).exec():
            changes.announce({changes.CONTACT_PERSON}, {self.company_id})

    def edit(self) -> None:
        contact = current_row(self.table)
        if contact and ContactDialog(self.ctx, contact.company_id, contact, self).exec():
            changes.announce({changes.CONTACT_PERSON}, {contact.company_id, contact.id})

    def remove(self) -> None:
        contact = current_row(self.table)
        if contact is None:
            return
        answer = QMessageBox.question(self, "Fjern kontaktperson", f"Fjern kontaktpersonen »{contact.name}«?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        run_write(self, lambda ctx: companies.delete_contact(ctx, contact.id), kinds={changes.CONTACT_PERSON},
                  ids={contact.company_id, contact.id}, ctx=self.ctx)
