"""Asking for the store's passphrase where no keyring works.

A new store: the passphrase is typed twice, must follow app/passphrase's
rules, and its strength shows while typing. An existing store: a wrong
passphrase says so at the field and the user tries again (the file is
opened with the derived key to know; nothing is written)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app import passphrase as rules
from app import paths, unlock
from app.rules.errors import ValidationError
from db.engine import StoreError, WrongKeyError, check_key
from ui.widgets.form import Form


def _secret_field() -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(320)
    return field


class PassphraseDialog(QDialog):
    def __init__(self, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new, self.key = new, ""
        self.attempts = unlock.Attempts()
        self.setWindowTitle("Jobcoach – adgangsfrase")
        intro = QLabel(
            "Der er ingen nøglering (keyring) på denne computer, så databasen beskyttes af en "
            "adgangsfrase, som du vælger nu. Skriv den to gange. Den kan ikke gendannes, hvis du "
            f"glemmer den.\nBrug mindst {rules.MIN_CHARS} tegn eller {rules.MIN_WORDS} ord."
            if new else "Skriv adgangsfrasen til databasen.")
        intro.setWordWrap(True)
        self.form = Form()
        self.passphrase = self.form.add("passphrase", "&Adgangsfrase:", _secret_field())
        self.repeated = _secret_field()
        self.strength = QLabel("")
        self.strength.setObjectName("passphrase_strength")
        if new:
            self.form.add("repeated", "&Gentag:", self.repeated)
            self.form.layout_.addRow("", self.strength)
            self.passphrase.textChanged.connect(lambda t: self.strength.setText(rules.strength_text(t)))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def try_accept(self) -> bool:
        from app.store import store_key

        text = self.passphrase.text()
        try:
            if self.new:
                rules.check_new(text, self.repeated.text())
            elif not text:
                raise ValidationError.single("passphrase", "Skriv adgangsfrasen.")
            wait = self.attempts.wait_seconds()
            if wait > 0:
                raise ValidationError.single("passphrase", f"For mange forkerte forsøg. Vent {wait:.0f} sekunder.")
            key = store_key(text)
            if not self.new:
                self._check(key)
        except ValidationError as exc:
            self.form.errors.show(exc.errors)
            return False
        self.key = key
        self.accept()
        return True

    def _check(self, key: str) -> None:
        try:
            check_key(paths.store_path(), key)
        except WrongKeyError:
            self.attempts.failed()
            self.passphrase.clear()
            raise ValidationError.single("passphrase", "Forkert adgangsfrase. Prøv igen.") from None
        except StoreError as exc:
            raise ValidationError.single("passphrase", str(exc)) from None
