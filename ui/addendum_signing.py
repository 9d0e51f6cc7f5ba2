"""The signing part of the tillægsaftale dialog: *Underskriv…* on screen and
*Vedhæft underskrevet kopi…* (photo or scan of a paper copy) for the shown
version, and a line saying how that version was signed."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.context import Context
from app.rules.errors import ValidationError
from app.services import addenda, addendum_files, signing_state
from ui.addendum_print import open_in_viewer, viewer_file
from ui.errors import show_error
from ui.sign_dialog import SignDialog

ATTACH_FILTER = "Billeder og PDF (*.png *.jpg *.jpeg *.pdf)"


class SigningPanel(QWidget):
    """`version` gives the version to act on (keeping a shown draft first)."""

    changed = Signal()

    def __init__(self, ctx: Context, version: Callable[[], addenda.AddendumDTO | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.version = ctx, version
        self.state = QLabel("")
        self.state.setWordWrap(True)
        self.state.setMinimumHeight(self.state.fontMetrics().lineSpacing() * 3)
        self.sign_button = QPushButton("Underskriv…")
        self.sign_button.setToolTip("Parterne skriver under på skærmen; filen forsegles.")
        self.sign_button.clicked.connect(self.start_signing)
        self.attach_button = QPushButton("Vedhæft underskrevet kopi…")
        self.attach_button.setToolTip("Et foto eller en scanning af den kopi, parterne skrev under på papir.")
        self.attach_button.clicked.connect(self._ask_attach)
        self.open_button = QPushButton("Åbn vedhæftet kopi")
        self.open_button.clicked.connect(self.open_paper_copy)
        self.open_button.setEnabled(False)
        self.shown: addenda.AddendumDTO | None = None
        self.sign_dialog: SignDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("<b>Underskrift</b>"))
        layout.addWidget(self.state)
        layout.addWidget(self.sign_button)
        layout.addWidget(self.attach_button)
        layout.addWidget(self.open_button)

    def show_state(self, dto: addenda.AddendumDTO | None) -> None:
        """Describe the shown version; a draft is not signed yet."""
        self.shown = dto
        if dto is None:
            self.state.setText("Ny version – ikke underskrevet.")
            self.sign_button.setEnabled(True)
            self.open_button.setEnabled(False)
            return
        state = signing_state.states(self.ctx, dto.placement_id).get(dto.id)
        self.state.setText((state.describe() if state else "ikke underskrevet").capitalize() + ".")
        self.sign_button.setEnabled(state is None or state.screen_signed_at is None)
        self.open_button.setEnabled(state is not None and state.paper_copies > 0)

    def open_paper_copy(self) -> None:
        path = self.paper_copy_file()
        if path is not None:
            open_in_viewer(path)

    def paper_copy_file(self) -> Path | None:
        """The newest attached copy of the shown version, as a file for the system's viewer."""
        if self.shown is None:
            return None
        try:
            papers = [f for f in addendum_files.files(self.ctx, self.shown.id) if f.kind == addendum_files.PAPER]
            if not papers:
                return None
            item = papers[-1]
            name = f"underskrevet-kopi-{item.id[-8:]}{addendum_files.SUFFIX.get(item.media_type, '')}"
            path = viewer_file(addendum_files.file_data(self.ctx, item.id), name)
        except Exception as exc:
            show_error(self, exc)
            return None
        return path

    def start_signing(self) -> SignDialog | None:
        """Keep the shown version and open *Underskriv* for it (window-modal)."""
        try:
            dto = self.version()
            if dto is None:
                return None
            self.sign_dialog = SignDialog(self.ctx, dto, self)
        except Exception as exc:
            show_error(self, exc)
            return None
        self.sign_dialog.accepted.connect(self.changed.emit)
        self.sign_dialog.open()
        return self.sign_dialog

    def attach_file(self, path: Path) -> addendum_files.FileDTO | None:
        try:
            dto = self.version()
            if dto is None:
                return None
            data = Path(path).read_bytes()
            kept = addendum_files.attach_paper(self.ctx, dto.id, Path(path).name, data)
        except OSError:
            show_error(self, ValidationError.single("file", "Filen kunne ikke læses."))
            return None
        except Exception as exc:
            show_error(self, exc)
            return None
        self.changed.emit()
        return kept

    def _ask_attach(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Vedhæft underskrevet kopi", "", ATTACH_FILTER)
        if path:
            self.attach_file(Path(path))

