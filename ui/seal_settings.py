"""Indstillinger, *Forsegling*: which certificate seals signed tillægsaftaler,
and importing the municipality's PKCS#12 file (key and certificate go into
the keyring; the file itself is not kept)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QGroupBox, QInputDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout

from app import seal_keys
from app.secrets import KeyringUnavailable
from ui.editors.fields import ERROR_STYLE


class SealBox(QGroupBox):
    def __init__(self) -> None:
        super().__init__("Forsegling af underskrevne aftaler")
        self.current = QLabel()
        self.current.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.button = QPushButton("Importér kommunens certifikat (.p12)…")
        self.button.clicked.connect(self._ask)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addWidget(self.button)
        layout.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        try:
            identity = seal_keys.stored()
        except KeyringUnavailable:
            self.current.setText("Der er ingen nøglering på computeren, så aftaler kan ikke forsegles.")
            self.button.setEnabled(False)
            return
        if identity is None:
            text = "Installationens eget certifikat bruges. Det oprettes ved første underskrift."
        elif not identity.imported:
            text = f"Installationens eget certifikat: {identity.subject}"
        else:
            text = f"Kommunens certifikat: {identity.subject}"
        self.current.setText(text)

    def import_file(self, path: Path, passphrase: str) -> bool:
        self.error.hide()
        try:
            seal_keys.import_pkcs12(Path(path).read_bytes(), passphrase)
        except OSError:
            message = "Filen kunne ikke læses."
        except (seal_keys.SealKeyError, KeyringUnavailable) as exc:
            message = str(exc)
        else:
            self.refresh()
            return True
        self.error.setText(message)
        self.error.show()
        return False

    def _ask(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Kommunens certifikat", "",
                                              "PKCS#12-filer (*.p12 *.pfx)")
        if not path:
            return
        passphrase, ok = QInputDialog.getText(self, "Kommunens certifikat", "Adgangskode til filen:",
                                              QLineEdit.EchoMode.Password)
        if ok:
            self.import_file(Path(path), passphrase)
