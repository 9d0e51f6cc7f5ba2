"""Lock after idle: a cover over the whole main window that needs the
unlock PIN (keyring mode) or the store's passphrase (passphrase mode).

Idle means no key press or mouse use anywhere in the program for
Settings.idle_lock_minutes (0 turns it off). While locked, the window's own
widgets are disabled, so no shortcut reaches them; notes are already saved
as typed, so "Luk programmet" on the cover loses nothing.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import unlock
from app.context import Context
from app.idle import IdleTracker

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
          QEvent.Type.Wheel, QEvent.Type.TouchBegin}
CHECK_MS = 5000


class LockOverlay(QWidget):
    def __init__(self, window: QMainWindow, verify: Callable[[str], bool], prompt: str) -> None:
        super().__init__(window)
        self._window, self._verify = window, verify
        self._attempts = unlock.Attempts()
        self.setAutoFillBackground(True)
        self.setStyleSheet("LockOverlay { background: #1f2a36; } QLabel { color: white; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        title = QLabel("Jobcoach er låst")
        title.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setPlaceholderText(prompt)
        self.secret.setMaximumWidth(320)
        self.secret.returnPressed.connect(self.try_unlock)
        self.message = QLabel("")
        self.unlock_button = QPushButton("Lås op")
        self.unlock_button.clicked.connect(self.try_unlock)
        quit_button = QPushButton("Luk programmet (dine noter er gemt)")
        quit_button.clicked.connect(QApplication.quit)
        box = QVBoxLayout(self)
        box.addStretch(1)
        for widget in (title, QLabel(prompt + ":"), self.secret, self.unlock_button, self.message,
                       quit_button):
            box.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(2)
        self.hide()

    @property
    def locked(self) -> bool:
        return self.isVisible()

    def lock(self) -> None:
        for child in (self._window.centralWidget(), self._window.menuBar()):
            if child is not None:
                child.setEnabled(False)
        self.setGeometry(self._window.rect())
        self.show()
        self.raise_()
        self.secret.clear()
        self.secret.setFocus()

    def try_unlock(self) -> bool:
        wait = self._attempts.wait_seconds()
        if wait > 0:
            self.message.setText(f"For mange forkerte forsøg. Vent {wait:.0f} sekunder.")
            return False
        if not self._verify(self.secret.text()):
            self._attempts.failed()
            self.secret.clear()
            self.message.setText("Forkert. Prøv igen.")
            return False
        self._attempts.succeeded()
        self.message.clear()
        self.hide()
        for child in (self._window.centralWidget(), self._window.menuBar()):
            if child is not None:
                child.setEnabled(True)
        return True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._window and event.type() == QEvent.Type.Resize and self.isVisible():
            self.setGeometry(self._window.rect())
        return False


class IdleLock(QObject):
    """Watches input events application-wide and locks when idle."""

    def __init__(self, window: QMainWindow, overlay: LockOverlay, minutes: int) -> None:
        super().__init__(window)
        self.tracker = IdleTracker(minutes)
        self.overlay = overlay
        window.installEventFilter(overlay)
        QApplication.instance().installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_MS)

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and not self.overlay.locked:
            self.tracker.touch()
        return False

    def check(self) -> None:
        if self.tracker.due() and not self.overlay.locked:
            self.overlay.lock()


def _ensure_pin(window: QWidget) -> bool:
    if unlock.has_pin():
        return True
    pin, ok = QInputDialog.getText(
        window, "Jobcoach – pinkode til skærmlås",
        "Programmet låser sig selv, når du ikke har brugt det et stykke tid.\n"
        f"Vælg en pinkode (mindst {unlock.MIN_LENGTH} tegn), som du skal bruge for at låse op:",
        QLineEdit.EchoMode.Password)
    if not ok:
        return False
    try:
        unlock.set_pin(pin)
    except ValueError as exc:
        QMessageBox.warning(window, "Jobcoach", "\n".join(getattr(exc, "errors", {}).values()) or str(exc))
        return False
    return True


def install_idle_lock(window: QMainWindow, ctx: Context, guard) -> IdleLock | None:
    minutes = ctx.settings.idle_lock_minutes
    if minutes <= 0:
        return None
    if guard.passphrase_mode:
        overlay = LockOverlay(window, lambda text: unlock.verify_passphrase(text, guard.key), "Adgangsfrase")
    else:
        if not _ensure_pin(window):
            QMessageBox.information(window, "Jobcoach", "Skærmlåsen er slået fra, indtil du vælger en pinkode.")
            return None
        overlay = LockOverlay(window, unlock.verify_pin, "Pinkode")
    window._idle_lock = IdleLock(window, overlay, minutes)  # type: ignore[attr-defined]
    return window._idle_lock
