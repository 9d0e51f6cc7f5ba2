"""Tillægsaftale: preview the addendum of a placement, save it as PDF, print
it, open it in the system viewer, and record when a version was signed.

The PDF is made off the GUI thread. Opening the dialog writes nothing: the
version is kept (N+1 if the content changed) when it is saved, printed or
opened, and that is logged as a print.
"""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.context import Context
from app.documents.addendum_changes import local_date
from app.formatting import fmt_date
from app.services import addenda, signatures, signing_state
from ui.addendum_print import open_in_viewer, print_document, viewer_file
from ui.addendum_signing import SigningPanel
from ui.errors import show_error
from ui.pdf_save import ask_save_pdf
from ui.widgets.fit import fit
from ui.widgets.qt_dates import to_date
from ui.worker import run_in_background

log = logging.getLogger(__name__)


class AddendumDialog(QDialog):
    def __init__(self, ctx: Context, placement_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.placement_id = ctx, placement_id
        self.draft: addenda.Draft | None = None       # shown and not yet kept
        self.shown: addenda.AddendumDTO | None = None  # shown stored version
        self.pdf: bytes = b""
        self._buffer: QBuffer | None = None
        self.setWindowTitle("Tillægsaftale")
        fit(self, 1100, 680)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel("Tillægsaftalen dannes …")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-weight: bold; padding: 4px 0;")
        self.versions = QListWidget()
        self.versions.itemActivated.connect(self._pick_version)
        self.versions.itemClicked.connect(self._pick_version)
        self.versions.setWordWrap(True)
        self.versions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.signed = QDateEdit(QDate.currentDate())
        self.signed.setCalendarPopup(True)
        self.signed.setDisplayFormat("dd.MM.yyyy")
        self.sign_button = QPushButton("Registrér underskrift")
        self.sign_button.clicked.connect(self._sign)
        self.signing = SigningPanel(ctx, self._version_to_sign)
        self.signing.changed.connect(self._after_signing)
        self.buttons = {text: QPushButton(text) for text in
                        ("Gem som PDF…", "Udskriv…", "Åbn i PDF-fremviser", "Luk")}
        self._layout()
        self._enable(False)
        self.load_current()

    def _layout(self) -> None:
        side = QVBoxLayout()
        side.addWidget(QLabel("<b>Versioner</b>"))
        side.addWidget(self.versions, 1)
        side.addWidget(self.signing)
        side.addWidget(QLabel("Underskrevet af alle parter den:"))
        side.addWidget(self.signed)
        side.addWidget(self.sign_button)
        panel = QWidget()
        panel.setLayout(side)
        panel.setFixedWidth(270)
        middle = QHBoxLayout()
        middle.addWidget(self.view, 1)
        middle.addWidget(panel)
        row = QHBoxLayout()
        for text, slot in (("Gem som PDF…", self._ask_save), ("Udskriv…", self._ask_print),
                           ("Åbn i PDF-fremviser", self.open_external)):
            self.buttons[text].clicked.connect(slot)
            row.addWidget(self.buttons[text])
        row.addStretch(1)
        self.buttons["Luk"].clicked.connect(self.reject)
        row.addWidget(self.buttons["Luk"])
        outer = QVBoxLayout(self)
        outer.addWidget(self.status)
        outer.addLayout(middle, 1)
        outer.addLayout(row)

    def _enable(self, on: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(on or button is self.buttons["Luk"])
        self.sign_button.setEnabled(on)
        self.signing.setEnabled(on)

    # -- loading (off the GUI thread) ------------------------------------------
    def load_current(self) -> None:
        self._enable(False)
        run_in_background(self, lambda: _with_signed_copy(self.ctx, addenda.prepare(self.ctx, self.placement_id)),
                          on_done=self._show_draft, on_error=self._failed)

    def _show_draft(self, loaded: tuple[addenda.Draft, bytes]) -> None:
        draft, pdf = loaded
        self.draft, self.shown = (draft, None) if draft.is_new_version else (None, draft.existing)
        self._show_pdf(pdf)
        self._refresh_versions()

    def _pick_version(self, item: QListWidgetItem) -> None:
        dto = item.data(Qt.ItemDataRole.UserRole)
        if dto is None:
            self.load_current()
            return
        self._enable(False)
        run_in_background(self, lambda: _signed_or_reproduced(self.ctx, dto.id),
                          on_done=lambda pdf: self._show_stored(dto, pdf), on_error=self._failed)

    def _show_stored(self, dto: addenda.AddendumDTO, pdf: bytes) -> None:
        self.draft, self.shown = None, dto
        self._show_pdf(pdf)
        self._refresh_versions()

    def _show_pdf(self, pdf: bytes) -> None:
        self.pdf = pdf
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self._enable(True)
        self._refresh_status()

    def _failed(self, exc: Exception) -> None:
        self.status.setText("Tillægsaftalen kunne ikke dannes.")
        show_error(self, exc)

    def _refresh_status(self) -> None:
        if self.draft is not None:
            text = (f"Version {self.draft.version_no} (ny – indholdet er ændret siden sidste version). "
                    "Versionen gemmes, når du gemmer, udskriver eller åbner aftalen.")
        elif self.shown is not None:
            state = signing_state.states(self.ctx, self.placement_id).get(self.shown.id)
            signed = (f", {state.describe()}" if state is not None and state.signed
                      else ", ikke registreret som underskrevet")
            text = f"Version {self.shown.version_no}, udskrevet {fmt_date(local_date(self.shown.printed_at))}{signed}."
        else:
            text = ""
        self.status.setText(text)
        self.signing.show_state(self.shown if self.draft is None else None)

    def _refresh_versions(self) -> None:
        self.versions.clear()
        if self.draft is not None:
            item = QListWidgetItem(f"Aktuel aftale – ny version {self.draft.version_no}")
            item.setData(Qt.ItemDataRole.UserRole, None)
            self.versions.addItem(item)
        states = signing_state.states(self.ctx, self.placement_id)
        for v in reversed(addenda.versions(self.ctx, self.placement_id)):
            state = states.get(v.id)
            signed = f"\n{state.describe()}" if state is not None and state.signed else ""
            item = QListWidgetItem(f"Version {v.version_no} – {fmt_date(local_date(v.printed_at))}{signed}")
            item.setData(Qt.ItemDataRole.UserRole, v)
            self.versions.addItem(item)
            if self.shown is not None and v.id == self.shown.id:
                self.versions.setCurrentItem(item)
        if self.draft is not None:
            self.versions.setCurrentRow(0)

    # -- keeping, saving, printing ---------------------------------------------
    def keep(self) -> addenda.AddendumDTO:
        """Store the shown draft as a version (or log the reprint of a stored one)."""
        if self.draft is not None:
            dto, pdf = addenda.commit(self.ctx, self.draft)
            self.draft, self.shown = None, dto
            if pdf != self.pdf:
                self._show_pdf(pdf)
            self._refresh_versions()
        else:
            addenda.record_reprint(self.ctx, self._stored().id)
        self._refresh_status()
        return self._stored()

    def _stored(self) -> addenda.AddendumDTO:
        """The shown stored version (the dialog shows a draft or a stored version)."""
        if self.shown is None:
            raise RuntimeError("Der er ingen gemt version af tillægsaftalen at vise.")
        return self.shown

    def save_to(self, path: Path) -> addenda.AddendumDTO:
        dto = self.keep()
        Path(path).write_bytes(self.pdf)
        return dto

    def print_to(self, printer: QPrinter) -> int:
        self.keep()
        return print_document(self.document, printer)

    def open_external(self) -> Path | None:
        try:
            dto = self.keep()
            path = viewer_file(self.pdf, f"Tillaegsaftale-version-{dto.version_no}-{dto.id[-8:]}.pdf")
        except Exception as exc:
            show_error(self, exc)
            return None
        open_in_viewer(path)
        return path

    def _ask_save(self) -> None:
        number = self.draft.version_no if self.draft else self._stored().version_no
        ask_save_pdf(self, "Gem tillægsaftale", f"Tillægsaftale version {number}.pdf", self.save_to)

    def _ask_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            try:
                self.print_to(printer)
            except Exception as exc:
                show_error(self, exc)

    def _sign(self) -> None:
        try:
            dto = self.keep() if self.draft is not None else self._stored()
            self.shown = addenda.record_signed(self.ctx, dto.id, to_date(self.signed.date()))
        except Exception as exc:
            show_error(self, exc)
            return
        self._refresh_versions()
        self._refresh_status()

    def _version_to_sign(self) -> addenda.AddendumDTO | None:
        """Signing freezes the shown draft as a version; a stored one is signed as it is."""
        return self.keep() if self.draft is not None else self.shown

    def _after_signing(self) -> None:
        dto = next((v for v in addenda.versions(self.ctx, self.placement_id)
                    if self.shown is not None and v.id == self.shown.id), self.shown)
        pdf = signatures.sealed_pdf(self.ctx, dto.id) if dto is not None else None
        if dto is not None:
            self._show_stored(dto, pdf or self.pdf)

    def signed_date(self) -> date | None:
        return self.shown.signed_on if self.shown else None


def _with_signed_copy(ctx: Context, draft: addenda.Draft) -> tuple[addenda.Draft, bytes]:
    """The draft and the file to show: the sealed signed copy of an unchanged, signed version."""
    sealed = _signed_copy(ctx, draft.existing.id) if draft.existing is not None else None
    return draft, sealed or draft.pdf


def _signed_copy(ctx: Context, addendum_id: str) -> bytes | None:
    """The sealed copy to show; when it cannot be sealed now (no keyring) the plain version."""
    try:
        return signatures.signed_copy(ctx, addendum_id)
    except Exception as exc:
        log.warning("signed copy not available: %s", type(exc).__name__)
        return None


def _signed_or_reproduced(ctx: Context, addendum_id: str) -> bytes:
    return _signed_copy(ctx, addendum_id) or addenda.reproduce(ctx, addendum_id, log=False)
