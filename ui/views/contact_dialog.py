"""Add or change a company's contact person."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from app.context import Context
from app.services import companies
from app.services.dto import ContactDTO
from ui.editors.fields import submit
from ui.views.new_dialogs import add_field_checks
from ui.widgets.buttons import standard_save_cancel
from ui.widgets.form import Form

FIELDS = (("name", "&Navn"), ("title", "&Titel"), ("phone", "T&elefon"), ("email", "E-&mail"))


class ContactDialog(QDialog):
    def __init__(self, ctx: Context, company_id: str, contact: ContactDTO | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.company_id, self.contact = ctx, company_id, contact
        self.setWindowTitle("Kontaktperson" if contact else "Ny kontaktperson")
        self.form = Form()
        for key, label in FIELDS:
            self.form.add(key, label)
            if contact:
                self.form.set_text(key, getattr(contact, key))
        add_field_checks(self.form)
        buttons = standard_save_cancel(self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)

    def save(self) -> None:
        values = {k: v.strip() for k, v in self.form.values().items()}
        contact = self.contact

        def write() -> None:
            if contact:
                companies.update_contact(self.ctx, contact.id, **values)
            else:
                companies.add_contact(self.ctx, self.company_id, **values)

        if submit(self, self.form.errors, {}, write):
            self.accept()
