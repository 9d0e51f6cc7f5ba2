"""*Underskriv*: the three parties sign one frozen version of the
tillægsaftale on screen. The version and the short hash of its terms are
shown, so everyone sees what they sign; each signature gets its own time."""
from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.formatting import fmt_date, fmt_datetime
from app.rules.errors import ValidationError
from app.services import addenda, signatures
from db.base import utcnow
from ui.editors.fields import ERROR_STYLE
from ui.errors import show_error
from ui.widgets.signature_pad import SignaturePad
from ui.worker import run_in_background

PARTIES = (("citizen", "Borgeren"), ("company", "Virksomhedens underskriver"), ("coach", "Jobcoachen"))


class PartyBox(QGroupBox):
    """One party: name (and title for the company), the pad, Fortryd and Ryd."""

    def __init__(self, party: str, title: str, name: str, job_title: str) -> None:
        super().__init__(title)
        self.party = party
        self.signed_at: datetime | None = None
        self.name = QLineEdit(name)
        self.name.setPlaceholderText("Navn")
        self.job_title = QLineEdit(job_title)
        self.job_title.setPlaceholderText("Stilling")
        self.job_title.setVisible(party == "company")
        self.when = QLabel("Ikke underskrevet")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.pad = SignaturePad()
        self.pad.changed.connect(self._changed)
        self.buttons = {text: QPushButton(text) for text in ("Fortryd", "Ryd")}
        self.buttons["Fortryd"].clicked.connect(self.pad.undo)
        self.buttons["Ryd"].clicked.connect(self.pad.clear)
        left = QVBoxLayout()
        left.addWidget(QLabel("Navn"))
        left.addWidget(self.name)
        if party == "company":
            left.addWidget(QLabel("Stilling"))
            left.addWidget(self.job_title)
        left.addWidget(self.when)
        left.addWidget(self.error)
        left.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(self.buttons["Fortryd"])
        side.addWidget(self.buttons["Ryd"])
        side.addStretch(1)
        grid = QGridLayout(self)
        grid.addLayout(left, 0, 0)
        grid.addWidget(self.pad, 0, 1)
        grid.addLayout(side, 0, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(0, 230)

    def _changed(self) -> None:
        # The time of a signature is when its last stroke was finished.
        self.signed_at = None if self.pad.is_empty() else utcnow().replace(microsecond=0)
        local = (self.signed_at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
                 if self.signed_at else None)
        self.when.setText(f"Underskrevet {fmt_datetime(local)}" if local else "Ikke underskrevet")
        self.error.hide()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def value(self) -> signatures.SignatureInput:
        return signatures.SignatureInput(self.party, self.name.text(), self.job_title.text(),
                                         self.signed_at or utcnow().replace(microsecond=0), self.pad.to_data())


class SignDialog(QDialog):
    def __init__(self, ctx: Context, version: addenda.AddendumDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.version = ctx, version
        self.result_: signatures.SignResult | None = None
        self.setWindowTitle(f"Underskriv tillægsaftale – version {version.version_no}")
        names = signatures.default_names(ctx, version.id)
        required = signatures.required_parties(ctx, version.id)
        self.boxes = {party: PartyBox(party, title, *names[party]) for party, title in PARTIES
                      if party in required}
        head = QLabel(f"<b>Version {version.version_no}</b>, udskrevet {fmt_date(version.printed_at.date())}. "
                      f"Vilkårenes kontrolsum: <b>{signatures.short_hash(version.content_hash)}</b><br/>"
                      "Underskrifterne gælder kun denne version. Ændres et vilkår, skal den nye version "
                      "underskrives igen.")
        head.setWordWrap(True)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.sign_button = QPushButton("Underskriv og forsegl")
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.submit)
        cancel = QPushButton("Annullér")
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addStretch(1)
        row.addWidget(self.sign_button)
        row.addWidget(cancel)
        outer = QVBoxLayout(self)
        outer.addWidget(head)
        for box in self.boxes.values():
            outer.addWidget(box, 1)
        outer.addLayout(row)
        self.resize(1000, 700)

    def submit(self) -> None:
        for box in self.boxes.values():
            box.error.hide()
        self.message.hide()
        values = [box.value() for box in self.boxes.values() if not box.pad.is_empty()]
        self.sign_button.setEnabled(False)
        run_in_background(self, lambda: signatures.sign(self.ctx, self.version.id, values),
                          on_done=self._done, on_error=self._failed)

    def _done(self, result: signatures.SignResult) -> None:
        self.result_ = result
        if result.seal_error:
            show_error(self, ValidationError.single("seal", result.seal_error))
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self.sign_button.setEnabled(True)
        if not isinstance(exc, ValidationError):
            show_error(self, exc)
            return
        rest = []
        for key, message in exc.errors.items():
            box = self.boxes.get(key.removesuffix("_name"))
            if box is not None:
                box.show_error(message)
            else:
                rest.append(message)
        if rest:
            self.message.setText("\n".join(rest))
            self.message.show()
