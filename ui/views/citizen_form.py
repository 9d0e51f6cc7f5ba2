"""The citizen's personal data, editable. The CPR number is shown masked
(DDMMYY-xxxx) until "Vis CPR" is clicked; that look is logged."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from app import labels
from app.context import Context
from app.services import citizens
from app.services.dto import CitizenDTO
from ui.changes import CITIZEN, announce
from ui.editors.fields import submit
from ui.errors import show_error
from ui.widgets.form import Form

TEXT_FIELDS = ("name", "phone", "email", "address", "postal_code", "city")


class CitizenForm(QWidget):
    saved = Signal(object)  # CitizenDTO

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.citizen: CitizenDTO | None = None
        self.cpr_revealed = False
        self.form = Form()
        f = self.form
        f.add("name", "&Navn")
        self.cpr = QLineEdit()
        self.reveal = QPushButton("&Vis CPR")
        self.reveal.setObjectName("reveal_cpr")
        self.reveal.clicked.connect(self.reveal_cpr)
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.cpr, 1)
        box.addWidget(self.reveal)
        f.add("cpr", "&CPR-nummer", row)
        f.errors.focus_widget("cpr", self.cpr)
        f.add("phone", "&Telefon")
        f.add("email", "&E-mail")
        f.add("address", "&Adresse")
        f.add("postal_code", "Post&nummer")
        f.add("city", "&By")
        self.status = QComboBox()
        for code, text in labels.CITIZEN_STATUS.items():
            self.status.addItem(text, code.value)
        f.add("status", "St&atus", self.status)
        self.support = QPlainTextEdit()
        self.support.setPlaceholderText("Mentor, hjælpemidler og anden støtte")
        self.support.setMaximumHeight(90)
        f.add("support", "Stø&tte", self.support)
        self.save_button = QPushButton("&Gem stamdata")
        self.save_button.setObjectName("save_citizen")
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(f)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def show_citizen(self, citizen: CitizenDTO) -> None:
        self.citizen = citizen
        self.form.errors.clear()
        for key in TEXT_FIELDS:
            self.form.set_text(key, getattr(citizen, key))
        self.status.setCurrentIndex(max(0, self.status.findData(citizen.status)))
        self.support.setPlainText(citizen.support)
        self._mask_cpr()

    def clear(self) -> None:
        """Nothing shown (after a deletion): no personal data left on screen."""
        self.citizen = None
        self.form.errors.clear()
        for key in TEXT_FIELDS:
            self.form.set_text(key, "")
        self.support.clear()
        self.cpr.clear()
        self.reveal.setEnabled(False)

    def _mask_cpr(self) -> None:
        has_cpr = bool(self.citizen and self.citizen.cpr)
        self.cpr_revealed = not has_cpr  # nothing to hide: type one in freely
        self.cpr.setText(self.citizen.cpr_masked if self.citizen is not None and has_cpr else "")
        self.cpr.setReadOnly(has_cpr)
        self.cpr.setPlaceholderText("DDMMÅÅ-XXXX (valgfrit)")
        self.reveal.setEnabled(has_cpr)

    def reveal_cpr(self) -> None:
        if self.citizen is None or self.cpr_revealed:
            return
        try:
            full = citizens.reveal_cpr(self.ctx, self.citizen.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self.cpr_revealed = True
        self.cpr.setReadOnly(False)
        self.cpr.setText(full)
        self.reveal.setEnabled(False)

    def changes(self) -> dict:
        c = self.citizen
        values = {k: self.form.text(k).strip() for k in TEXT_FIELDS}
        values["status"] = self.status.currentData()
        values["support"] = self.support.toPlainText()
        out = {k: v for k, v in values.items() if c is None or getattr(c, k) != v}
        if self.cpr_revealed and (self.cpr.text().strip() or None) != (c.cpr if c else None):
            out["cpr"] = self.cpr.text().strip()
        return out

    def save(self) -> bool:
        """Ctrl+S. Errors go to their fields; what was typed stays."""
        if self.citizen is None:
            return False
        changes = self.changes()
        if not changes:
            self.form.errors.clear()
            return True
        citizen_id, written = self.citizen.id, []
        if not submit(self, self.form.errors, {},
                      lambda: written.append(citizens.update_citizen(self.ctx, citizen_id, **changes))):
            return False
        self.citizen = updated = written[0]
        self.form.errors.clear()
        self._mask_cpr()
        self.saved.emit(updated)
        announce({CITIZEN}, {updated.id})
        return True
