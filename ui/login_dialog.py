"""*Log ind på server*: address, user, password and the computer's name;
the login runs in the background (app.sync.client.login), and what went
wrong is said in Danish at the field it concerns. Used from
*Synkronisering* and from the first-start guide."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.context import Context
from app.rules.errors import ValidationError
from app.sync import login_help
from ui.widgets.form import ERROR_STYLE, Form
from ui.worker import run_in_background


class LoginForm(QWidget):
    """The fields and the login itself; a dialog or a guide page holds it."""

    logged_in = Signal(str)  # the device id

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.busy = ctx, False
        self.form = Form()
        self.url = self.form.add("url", "&Serverens adresse:", QLineEdit(ctx.settings.sync_server_url))
        self.url.setPlaceholderText("https://jobcoach.kommune.dk")
        self.username = self.form.add("username", "&Brugernavn:", QLineEdit(ctx.settings.sync_username))
        self.password = self.form.add("password", "&Adgangskode:", QLineEdit())
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.device_name = self.form.add("device_name", "&Computerens navn:",
                                         QLineEdit(login_help.default_device_name()))
        self.message = QLabel("")
        self.message.setObjectName("login_message")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        layout.addWidget(self.message)

    def start(self) -> bool:
        """Check the fields and log in in the background; False when a field is wrong."""
        if self.busy:
            return False
        try:
            fields = login_help.check_fields(self.url.text(), self.username.text(), self.password.text(),
                                             self.device_name.text())
        except ValidationError as exc:
            self.form.errors.show(exc.errors)
            self._grow()
            return False
        from app.sync.client import login

        self.form.errors.clear()
        self.busy = True
        self._say("Logger ind …", "")
        run_in_background(self, lambda: login(self.ctx, fields.url, fields.username, fields.password,
                                              device_name=fields.device_name),
                          on_done=self._done, on_error=self._failed)
        return True

    def _done(self, device_id: str) -> None:
        self.busy = False
        self.password.clear()
        self._say(f"Logget ind som {self.ctx.settings.sync_username}.", "color: #2e7d32;")
        self.logged_in.emit(device_id)

    def _failed(self, exc: Exception) -> None:
        self.busy = False
        field, text = login_help.explain(exc)
        if field is not None:
            self.form.errors.show({field: text})
            self._say("", "")
        else:
            self._say(text, ERROR_STYLE)
        self._grow()

    def _grow(self) -> None:
        """Room for the messages that just appeared (they wrap)."""
        window = self.window()
        window.resize(window.width(), max(window.height(), window.sizeHint().height()))

    def _say(self, text: str, style: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)


class LoginDialog(QDialog):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Log ind på server")
        intro = QLabel("Log ind på teamets server, så dine data synkroniseres med kollegerne. "
                       "Adresse og brugernavn får du af IT eller din teamleder.")
        intro.setWordWrap(True)
        self.login = LoginForm(ctx)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.login_button = self.buttons.addButton("&Log ind", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.login.start)
        self.buttons.rejected.connect(self.reject)
        self.login.logged_in.connect(lambda _id: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.login)
        layout.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())
