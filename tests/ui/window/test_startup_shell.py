"""The start shows the main window's frame before the store is open
(ui/shell.py): it is on screen and its navigation takes keys while the
store opens behind it; the page chosen meanwhile is the one shown after."""
from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from app import backups, paths, secrets
from app.instance_lock import InstanceLock
from app.services import citizens
from ui.views.page_ids import Page


@pytest.fixture(autouse=True)
def own_log_file():
    """The start sets up the log file (in this test's data folder): removed after."""
    root = logging.getLogger()
    before = list(root.handlers)
    yield
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()


@pytest.fixture
def asked(monkeypatch) -> list[tuple[str, str]]:
    """Dialogs answer Yes/OK at once; which thread asked what is recorded."""
    seen: list[tuple[str, str]] = []

    def record(result):
        def answer(_parent, _title, text, *args, **kwargs):
            seen.append((threading.current_thread().name, text))
            return result
        return answer

    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record(QMessageBox.StandardButton.Yes))
    return seen


def test_frame_takes_keys_while_the_store_opens_and_the_chosen_page_follows(qtbot, ctx, monkeypatch):
    from ui import startup_checks
    from ui.main_window import MainWindow
    from ui.shell import OPENING, open_in_shell

    citizens.create_citizen(ctx, name="Åse Frame")
    ctx.close()
    window = MainWindow()
    qtbot.addWidget(window)
    seen: dict[str, object] = {}

    def while_opening() -> None:  # runs inside open_in_shell's loop, before the opening starts
        seen["visible"] = window.isVisible()
        seen["guard"] = startup_checks.current_guard()
        qtbot.keyClick(window.nav, Qt.Key.Key_Down)
        seen["row"] = window.nav.currentRow()
        page = window.stack.currentWidget()
        seen["text"] = page.text() if isinstance(page, QLabel) else None

    monkeypatch.setattr(startup_checks, "_guard", None)
    QTimer.singleShot(0, while_opening)
    opened = open_in_shell(window, smoke_test=False)
    try:
        assert seen == {"visible": True, "guard": None, "row": 1, "text": OPENING}
        assert opened is not None and startup_checks.current_guard() is not None
        assert window.is_opening()  # the pages come with attach
        window.attach(opened)
        assert window.current_name() == Page.CITIZENS
        page = window.stack.currentWidget()
        assert page is window.page(Page.CITIZENS)
        qtbot.waitUntil(lambda: page.table.model().rowCount() == 1, timeout=10000)
        assert not window.stack.findChildren(QLabel, "opening_state") or all(
            not label.text() for label in window.stack.findChildren(QLabel, "opening_state"))
    finally:
        window.close()
        opened and opened.close()
        startup_checks.current_guard() and startup_checks.current_guard().lock.release()


def test_what_needs_the_user_is_asked_on_the_gui_thread_behind_the_frame(qtbot, ctx, asked):
    from ui import startup_checks
    from ui.main_window import MainWindow
    from ui.shell import open_in_shell

    citizens.create_citizen(ctx, name="I Kopien")
    backups.make_backup(secrets.get_secret(secrets.DB_KEY_NAME))
    ctx.close()
    window = MainWindow()
    qtbot.addWidget(window)
    with InstanceLock():  # another program has the store
        assert open_in_shell(window, smoke_test=False) is None
    assert asked[-1][0] == threading.main_thread().name and "kører allerede" in asked[-1][1]
    store = paths.store_path()
    data = bytearray(store.read_bytes())
    data[4096 * 2:4096 * 2 + 512] = bytes(512)
    store.write_bytes(bytes(data))
    opened = open_in_shell(window, smoke_test=False)  # damaged after an unclean exit: the backup is offered
    try:
        assert opened is not None
        assert asked[-1][0] == threading.main_thread().name and "beskadiget" in asked[-1][1]
        assert {c.name for c in citizens.list_citizens(opened).rows} == {"I Kopien"}
    finally:
        window.close()
        opened and opened.close()
        startup_checks.current_guard().lock.release()


def test_closing_the_frame_while_the_store_opens_ends_the_start_cleanly(qtbot, ctx, monkeypatch):
    from ui import application, startup_checks
    from ui.main_window import MainWindow

    ctx.close()
    monkeypatch.setattr(startup_checks, "_guard", None)
    closed: list[MainWindow] = []

    def close_frame() -> None:  # inside the start's loop, while the store opens
        frames = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        closed.extend(frames)
        for frame in frames:
            frame.close()

    QTimer.singleShot(0, close_frame)
    try:
        assert application.run_gui() == 0
        assert len(closed) == 1 and closed[0].is_opening() and not closed[0].isVisible()
        assert startup_checks.clean_marker().exists()
    finally:
        guard = startup_checks.current_guard()
        guard and guard.lock.release()
        for frame in closed:
            frame.deleteLater()
