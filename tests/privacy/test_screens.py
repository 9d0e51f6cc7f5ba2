"""The privacy screens: access log view, retention list with confirmed
deletion, the export button's action, the idle lock and the start-up guard."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from app import backups, paths, secrets, unlock
from app.idle import IdleTracker
from app.instance_lock import InstanceLock
from app.services import access_log, citizens
from tests.privacy.scenario import NAME, make_full_citizen
from ui.worker import wait_for_all

SCREENS = Path(__file__).resolve().parent.parent / "screens"


def _shot(widget, name: str) -> None:
    SCREENS.mkdir(exist_ok=True)
    widget.resize(1366, 768)
    widget.show()
    assert widget.grab().save(str(SCREENS / name))


@pytest.fixture
def answers(monkeypatch):
    """Dialogs answer at once; what they were asked is recorded."""
    asked: list[str] = []

    def record(result):
        def answer(_parent, _title, text, *args, **kwargs):
            asked.append(text)
            return result
        return answer

    monkeypatch.setattr(QMessageBox, "information", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "critical", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record(QMessageBox.StandardButton.Yes))
    return asked


def test_access_log_view_filters_and_exports(qtbot, ctx, tmp_path, answers):
    from ui.access_log_view import AccessLogView

    made = make_full_citizen(ctx)
    citizens.create_citizen(ctx, name="Anden Person")
    view = AccessLogView(ctx)
    qtbot.addWidget(view)
    panel = view.log_panel
    qtbot.waitUntil(lambda: panel.table.rowCount() > 0, timeout=5000)
    total = panel.table.rowCount()
    panel.citizen.setCurrentText(NAME)
    panel.refresh()
    qtbot.waitUntil(lambda: 0 < panel.table.rowCount() < total, timeout=5000)
    assert {e.citizen_id for e in panel.entries} == {made.citizen_id}
    assert panel.table.editTriggers() == panel.table.EditTrigger.NoEditTriggers
    _shot(view, "privacy_access_log.png")
    panel.export_csv(tmp_path / "log.csv")
    lines = (tmp_path / "log.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(lines) == len(panel.entries) + 1 and "hændelser" in answers[-1]


def test_retention_view_asks_then_erases(qtbot, ctx, answers, monkeypatch):
    from ui.retention_view import RetentionView

    ctx.settings.retention_days = 30
    made = make_full_citizen(ctx)
    citizens.end_citizen(ctx, made.citizen_id, date.today() - timedelta(days=45))
    view = RetentionView(ctx)
    qtbot.addWidget(view)
    assert view.table.rowCount() == 1 and view.table.item(0, 0).text() == NAME
    _shot(view, "privacy_retention.png")
    view.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    view.delete_selected()
    assert view.table.rowCount() == 1  # cancelled: nothing happened
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.delete_selected()
    qtbot.waitUntil(lambda: view.table.rowCount() == 0, timeout=10000)
    assert access_log.query(ctx, citizen_id=made.citizen_id)[0].action == "delete"


def test_export_button_action_writes_files_off_the_gui_thread(qtbot, ctx, tmp_path, answers):
    from ui.privacy_actions import export_citizen_interactive

    made = make_full_citizen(ctx)
    job = export_citizen_interactive(None, ctx, made.citizen_id, folder=tmp_path / "ud")
    assert job is not None
    qtbot.waitUntil(lambda: bool(answers), timeout=15000)
    assert sorted(p.suffix for p in (tmp_path / "ud").iterdir()) == [".json", ".pdf"]
    assert "Udtrækket er gemt" in answers[0]
    wait_for_all()


def test_idle_lock_covers_the_window_and_needs_the_pin(qtbot, ctx):
    from ui.lock_screen import IdleLock, LockOverlay

    unlock.set_pin("4711")
    window = QMainWindow()
    window.setCentralWidget(QLabel("Borgerens noter"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    overlay = LockOverlay(window, unlock.verify_pin, "Pinkode")
    idle = IdleLock(window, overlay, minutes=5)
    now = [0.0]
    idle.tracker = IdleTracker(5, clock=lambda: now[0])
    now[0] = 299
    idle.check()
    assert not overlay.locked
    now[0] = 301
    idle.check()
    assert overlay.locked and not window.centralWidget().isEnabled()
    assert overlay.geometry() == window.rect()
    assert window.grab().save(str(SCREENS / "privacy_lock_screen.png"))
    overlay.secret.setText("1234")
    assert not overlay.try_unlock() and overlay.locked
    overlay.secret.setText("4711")
    assert overlay.try_unlock() and not overlay.locked and window.centralWidget().isEnabled()
    idle.timer.stop()


def test_unlock_pin_and_passphrase_rules():
    with pytest.raises(ValueError):
        unlock.set_pin("12")
    unlock.set_pin("hemmelig")
    stored = secrets.get_secret(unlock.PIN_NAME)
    assert "hemmelig" not in stored and stored.startswith("scrypt$")
    assert unlock.verify_pin("hemmelig") and not unlock.verify_pin("Hemmelig")
    attempts = unlock.Attempts(clock=lambda: 100.0)
    for _ in range(unlock.FREE_TRIES):
        assert attempts.wait_seconds() == 0
        attempts.failed()
    assert attempts.wait_seconds() > 0


def test_start_up_guard_refuses_second_instance_and_offers_backup(qtbot, ctx, answers):
    from ui import startup_checks

    citizens.create_citizen(ctx, name="I Kopien")
    key = secrets.get_secret(secrets.DB_KEY_NAME)
    backups.make_backup(key)
    ctx.close()
    with InstanceLock():
        assert startup_checks.open_store_guarded() is None
    assert "kører allerede" in answers[-1]
    store = paths.store_path()
    data = bytearray(store.read_bytes())
    data[4096 * 2:4096 * 2 + 512] = bytes(512)
    store.write_bytes(bytes(data))
    opened = startup_checks.open_store_guarded()
    try:
        assert opened is not None
        assert "beskadiget" in answers[-1] and "sikkerhedskopi" in answers[-1]
        assert {c.name for c in citizens.list_citizens(opened).rows} == {"I Kopien"}
        assert opened.store.integrity_ok()
        assert list((paths.backup_dir() / "replaced").glob("*.db"))
    finally:
        opened and opened.close()
        startup_checks.current_guard().lock.release()


def test_clean_start_defers_the_check_and_the_background_check_catches_damage(qtbot, ctx, answers):
    from ui import startup_checks
    from ui.privacy_runtime import IntegrityWatch

    for i in range(300):
        citizens.create_citizen(ctx, name=f"Borger {i}", support="tekst " * 200)
    key = secrets.get_secret(secrets.DB_KEY_NAME)
    backups.make_backup(key)
    ctx.close()
    store = paths.store_path()
    data = bytearray(store.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096
    data[middle:middle + 4096] = bytes(4096)  # a page in the middle: opening still works
    store.write_bytes(bytes(data))
    startup_checks.clean_marker().write_text("ok")
    opened = startup_checks.open_store_guarded()
    guard = startup_checks.current_guard()
    try:
        assert opened is not None and guard.checked is False  # opened at once
        assert not startup_checks.clean_marker().exists()
        window = QMainWindow()
        qtbot.addWidget(window)
        watch = IntegrityWatch(window, opened, guard)
        quits: list[bool] = []
        watch.quit = lambda: quits.append(True)
        qtbot.waitUntil(lambda: bool(quits), timeout=20000)
        assert watch.damaged and any("beskadiget" in a for a in answers)
        assert "gendannet" in answers[-1]
    finally:
        guard.lock.release()
    from app.context import open_context

    again = open_context()
    assert again.store.integrity_ok() and citizens.list_citizens(again).total == 300
    again.close()
