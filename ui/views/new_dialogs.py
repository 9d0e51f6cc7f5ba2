"""New citizen / new company: a short form; a wrong value gets its Danish
message at the field and the dialog stays open with what was typed."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from app.context import Context
from app.rules import identifiers as ids
from app.services import citizens, companies
from ui import changes
from ui.editors.fields import submit
from ui.widgets.form import Form


class NewRecordDialog(QDialog):
    def __init__(self, title: str, kind: str, fields: list[tuple[str, str]], create: Callable[..., Any],
                 parent: QWidget | None = None, hint: str = "") -> None:
        super().__init__(parent)
        self.kind = kind
        self.setWindowTitle(title)
        self.create_record = create
        self.created: Any = None
        self.form = Form()
        for key, label in fields:
            self.form.add(key, label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Opret")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Annullér")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)  # room for the longest message on one line

    def save(self) -> None:
        values = {k: v.strip() for k, v in self.form.values().items()}
        if not submit(self, self.form.errors, {}, lambda: setattr(self, "created", self.create_record(**values))):
            return
        changes.announce({self.kind}, {self.created.id})
        self.accept()


CHECKS = {"cvr": ids.normalize_cvr, "p_number": ids.normalize_p_number, "cpr": ids.normalize_cpr,
          "phone": ids.normalize_phone, "postal_code": ids.normalize_postal_code, "email": ids.normalize_email}


def add_field_checks(form: Form) -> None:
    for key, check in CHECKS.items():
        if key in form.fields:
            form.check_on_leave(key, check)


def new_citizen_dialog(ctx: Context, parent: QWidget | None = None) -> NewRecordDialog:
    fields = [("name", "&Navn"), ("cpr", "&CPR-nummer"), ("phone", "&Telefon"), ("email", "&E-mail"),
              ("address", "&Adresse"), ("postal_code", "Post&nummer"), ("city", "&By")]
    dialog = NewRecordDialog("Ny borger", changes.CITIZEN, fields, lambda **v: citizens.create_citizen(ctx, **v),
                             parent,
                             "Kun navnet skal udfyldes. CPR-nummer er valgfrit (DDMMÅÅ-XXXX).")
    add_field_checks(dialog.form)
    return dialog


def new_company_dialog(ctx: Context, parent: QWidget | None = None) -> NewRecordDialog:
    fields = [("name", "&Navn"), ("cvr", "&CVR-nummer"), ("p_number", "&P-nummer"), ("address", "&Adresse"),
              ("postal_code", "Post&nummer"), ("city", "&By"), ("phone", "&Telefon"), ("email", "&E-mail"),
              ("industry", "B&ranche")]
    dialog = NewRecordDialog("Ny virksomhed", changes.COMPANY, fields,
                             lambda **v: companies.create_company(ctx, **v), parent,
                             "CVR-nummeret kontrolleres (8 cifre med kontrolciffer). Alt kan skrives i hånden.")
    add_field_checks(dialog.form)
    return dialog
