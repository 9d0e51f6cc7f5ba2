"""Fixtures for the main window and browsing screens: a window on a real
encrypted store, helpers to wait for background work and to answer the
confirmation boxes as a user would."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

SCREENS = Path(__file__).resolve().parent.parent / "screens"


@pytest.fixture
def demo_ctx(ctx):
    from app.demo import build_demo

    build_demo(ctx, "small")
    return ctx


def make_window(ctx, qtbot):
    from ui.main_window import MainWindow

    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.after_show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(ctx, qtbot):
    w = make_window(ctx, qtbot)
    yield w
    w.close()


@pytest.fixture
def demo_window(demo_ctx, qtbot):
    w = make_window(demo_ctx, qtbot)
    yield w
    w.close()


def settle(qtbot, ms: int = 50) -> None:
    """Let background jobs finish and their answers arrive."""
    from ui.worker import _jobs, wait_for_all

    for _ in range(40):
        wait_for_all(5000)
        qtbot.wait(ms // 5 or 1)
        if not _jobs:
            break
    qtbot.wait(ms)


def grab(widget: QWidget, name: str) -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    path = SCREENS / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


_modal_failures: list[BaseException] = []


@pytest.fixture(autouse=True)
def modal_failures_fail_the_test():
    """An assertion inside a dialog's callback closes the dialog (so the
    test cannot hang) and fails the test afterwards."""
    _modal_failures.clear()
    yield
    if _modal_failures:
        raise _modal_failures[0]


def when_modal(action: Callable[[QWidget], None], timeout_ms: int = 5000) -> None:
    """Run `action` on the next modal dialog or message box that opens
    (they block, so the action is scheduled before the click that opens it)."""
    waited = [0]

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, (QDialog, QMessageBox)) and widget.isVisible():
            widget.activateWindow()
            try:
                action(widget)
            except BaseException as exc:
                _modal_failures.append(exc)
                if widget.isVisible():
                    widget.reject() if isinstance(widget, QDialog) else widget.close()
            return
        waited[0] += 20
        if waited[0] < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)


def answer(button: QMessageBox.StandardButton) -> None:
    """Answer the next message box with `button` (e.g. Yes)."""
    when_modal(lambda box: box.button(button).click() if isinstance(box, QMessageBox) else box.reject())
