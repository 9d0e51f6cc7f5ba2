"""Lock after idle: a cover over the main window and over every other open
window and dialog, that needs the unlock PIN (keyring mode) or the store's
passphrase (passphrase mode).

Idle means no key press or mouse use anywhere in the program for
Settings.idle_lock_minutes (0 turns it off; a changed setting applies at
once through `follow_settings`). While locked, the covered windows' own
widgets are disabled, so no shortcut reaches them, and their titles (which
may name a citizen) say only "låst". A dialog that is open when the lock
comes keeps running under its cover (hiding it would end its exec() and
skip its saving); the PIN can be typed on any cover. Notes are saved as
typed, so "Luk programmet" loses nothing. A flag file keeps the lock on
over a restart (ui/lock_install.py)."""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMainWindow, QPushButton, QVBoxLayout, QWidget

from app import unlock
from app.idle import IdleTracker, LockFlag

_INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
          QEvent.Type.Wheel, QEvent.Type.TouchBegin}
CHECK_MS = 5000
LOCKED_TITLE = "Jobcoach – låst"


class LockOverlay(QWidget):
    unlocked = Signal()

    def __init__(self, window: QWidget, verify: Callable[[str], bool], prompt: str,
                 attempts: unlock.Attempts | None = None) -> None:
        super().__init__(window)
        self._window, self._verify, self.prompt = window, verify, prompt
        self._attempts = attempts or unlock.Attempts()  # shared by all covers: no extra tries per dialog
        self._disabled: list[QWidget] = []
        self._title = ""
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
        window.installEventFilter(self)
        self.hide()

    @property
    def locked(self) -> bool:
        return not self.isHidden()

    def lock(self) -> None:
        if self.locked:
            return
        direct = self._window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        self._disabled = [w for w in direct if w is not self and w.isEnabled()]
        for child in self._disabled:
            child.setEnabled(False)
        self._title = self._window.windowTitle()
        self._window.setWindowTitle(LOCKED_TITLE)
        self.setGeometry(self._window.rect())
        self.show()
        self.raise_()
        self.secret.clear()
        self.secret.setFocus()

    def release(self) -> None:
        """Take the cover away (after a right PIN on this or another cover)."""
        if not self.locked:
            return
        self.message.clear()
        self.hide()
        for child in self._disabled:
            child.setEnabled(True)
        self._disabled = []
        self._window.setWindowTitle(self._title)

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
        self.release()
        self.unlocked.emit()
        return True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._window and event.type() == QEvent.Type.Resize and self.locked:
            self.setGeometry(self._window.rect())
        return False


class IdleLock(QObject):
    """Watches input events application-wide and locks every window when idle."""

    def __init__(self, window: QMainWindow, overlay: LockOverlay, minutes: int,
                 flag: LockFlag | None = None) -> None:
        super().__init__(window)
        self.window, self.overlay, self.flag = window, overlay, flag
        self.tracker = IdleTracker(minutes)
        self.covers: list[LockOverlay] = []
        overlay.unlocked.connect(self.release_all)
        app = QApplication.instance()
        if app is not None:  # always, in the program; the filter is what sees the user's input
            app.installEventFilter(self)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_MS)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT and not self.overlay.locked:
            self.tracker.touch()
        elif event.type() == QEvent.Type.Show and self.overlay.locked and isinstance(obj, QWidget) \
                and obj.isWindow():
            self._cover(obj)  # a window that opens while locked (a message box, say) is covered too
        return False

    def set_minutes(self, minutes: int) -> None:
        self.tracker.set_minutes(minutes)

    def stop(self) -> None:
        """No more watching (a new lock replaces this one)."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def check(self) -> None:
        if self.tracker.due() and not self.overlay.locked:
            self.lock()

    def lock(self) -> None:
        self.overlay.lock()
        for other in QApplication.topLevelWidgets():
            if other.isVisible():
                self._cover(other)
        if self.flag is not None:
            self.flag.set()

    def _cover(self, other: QWidget) -> None:
        if other is self.window or other.windowType() == Qt.WindowType.Popup or isinstance(other, LockOverlay) \
                or any(cover.parent() is other for cover in self.covers):
            return
        cover = LockOverlay(other, self.overlay._verify, self.overlay.prompt, self.overlay._attempts)
        cover.unlocked.connect(self.release_all)
        cover.lock()
        self.covers.append(cover)

    def release_all(self) -> None:
        self.overlay.release()
        for cover in self.covers:
            cover.release()
            cover.deleteLater()
        self.covers = []
        self.tracker.touch()
        if self.flag is not None:
            self.flag.clear()


def install_idle_lock(window: QMainWindow, ctx, guard) -> IdleLock | None:
    """Kept here for the callers that import it from this module."""
    from ui.lock_install import install_idle_lock as install

    return install(window, ctx, guard)
