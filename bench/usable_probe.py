"""A child process of bench/bench_ui.py: when is a window *usable*?

    python -m bench.usable_probe empty|program STARTED

"Usable" is the moment the window has been painted and a key press posted
to its navigation list once it painted has been handled by the event loop:
the user sees the window and it reacts. The same test for the anchor (an
empty PySide6 main window holding a list) and for the program (an ordinary
start: `run_gui()`, after a clean exit). STARTED is the parent's time.time()
just before it started this process, so interpreter start-up counts too.

Prints one JSON line: seconds to usable, CPU seconds of this process by
then, and for the program also seconds until the pages are in (the store
open). Kept apart from bench_ui so that the anchor imports nothing more.
"""
from __future__ import annotations

import json
import sys
import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QListWidget, QMainWindow, QWidget


class Watch(QObject):
    """Application-wide event filter: first paint of a main window, then the
    posted key press reaching its navigation."""

    def __init__(self, app: QApplication, started: float) -> None:
        super().__init__()
        self.app, self.started = app, started
        self.marks: dict[str, float] = {}
        self.nav: QListWidget | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint and self.nav is None and isinstance(obj, QWidget):
            window = obj.window()
            nav = window.findChild(QListWidget, "navigation") if isinstance(window, QMainWindow) else None
            if nav is not None and window.isVisible():
                self.nav = nav
                self.marks["painted_s"] = time.time() - self.started
                for key in (Qt.Key.Key_Down, Qt.Key.Key_Up):  # goes there and back: the page stays
                    self.app.postEvent(nav, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))
        elif kind == QEvent.Type.KeyPress and obj is self.nav and "usable_s" not in self.marks:
            self.marks["usable_s"] = time.time() - self.started
            self.marks["usable_cpu_s"] = time.process_time()
            self.app.removeEventFilter(self)
        return False


def empty(started: float) -> dict[str, float]:
    app = QApplication(sys.argv)
    watch = Watch(app, started)
    app.installEventFilter(watch)
    window = QMainWindow()
    nav = QListWidget()
    nav.setObjectName("navigation")
    nav.addItems(["en", "to"])
    nav.setCurrentRow(0)
    window.setCentralWidget(nav)
    window.show()
    while "usable_s" not in watch.marks:
        app.processEvents()
    window.close()
    return watch.marks


def program(started: float) -> dict[str, float]:
    app = QApplication(sys.argv)
    watch = Watch(app, started)
    app.installEventFilter(watch)

    def ready() -> None:
        windows: list[Any] = [w for w in app.topLevelWidgets() if type(w).__name__ == "MainWindow" and w.isVisible()]
        if not windows or getattr(windows[0], "is_opening", lambda: False)() or "usable_s" not in watch.marks:
            QTimer.singleShot(5, ready)
            return
        watch.marks["ready_s"] = time.time() - started
        watch.marks["ready_cpu_s"] = time.process_time()
        QTimer.singleShot(0, finish)

    def finish() -> None:
        """Close the window, answering No to any dialog of the start (which
        would otherwise wait for a user that is not there)."""
        shown = [w for w in app.topLevelWidgets() if w.isVisible()]
        for widget in shown:
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()
        if not shown:  # also before app.exec() has begun (a dialog's own loop): ask again until it ends
            app.quit()
        QTimer.singleShot(50, finish)

    QTimer.singleShot(0, ready)
    from ui.application import run_gui

    run_gui(smoke_test=False)
    return watch.marks


if __name__ == "__main__":
    kind, started = sys.argv[1], float(sys.argv[2])
    print(json.dumps(empty(started) if kind == "empty" else program(started)), flush=True)
