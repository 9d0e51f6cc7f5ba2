"""The idle lock: on by default, follows Indstillinger at once, covers every
open dialog (an open visit with notes included) and survives a restart."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QMainWindow

from app import paths, unlock
from app.idle import IdleTracker, LockFlag
from app.settings import Settings
from tests.ui.day.conftest import shoot
from ui import lock_install
from ui.editors.visit_editor import VisitEditor
from ui.views.settings_dialog import SettingsDialog


@dataclass
class Guard:
    passphrase_mode: bool = False
    key: str = ""


def main_window(qtbot) -> QMainWindow:
    window = QMainWindow()
    window.setCentralWidget(QLabel("Borgerens noter"))
    qtbot.addWidget(window)
    window.resize(1366, 690)
    window.show()
    return window


def test_lock_is_on_by_default_for_ten_minutes():
    assert Settings().idle_lock_minutes == 10


def test_lock_covers_an_open_visit_and_one_pin_opens_all(qtbot, ctx, world):
    unlock.set_pin("4711")
    window = main_window(qtbot)
    lock = lock_install.install_idle_lock(window, ctx, Guard())
    visit = VisitEditor(ctx, world.citizen_id, parent=None)
    qtbot.addWidget(visit)
    visit.show()
    visit.form.notes.setPlainText("Fortroligt: helbred")
    lock.lock()
    cover = lock.covers[0]
    assert cover.locked and cover.geometry() == visit.rect()
    assert not visit.form.isEnabled() and "Søren" not in visit.windowTitle()
    assert LockFlag(paths.idle_lock_flag()).is_set()
    shoot(visit, "lock_over_visit")
    cover.secret.setText("0000")
    assert not cover.try_unlock() and lock.overlay.locked
    cover.secret.setText("4711")
    assert cover.try_unlock()
    assert not lock.overlay.locked and visit.form.isEnabled() and "Søren" in visit.windowTitle()
    assert not LockFlag(paths.idle_lock_flag()).is_set()
    lock.stop()
    visit.accept()


def test_changed_setting_applies_at_once(qtbot, ctx):
    unlock.set_pin("4711")
    window = main_window(qtbot)
    lock = lock_install.install_idle_lock(window, ctx, Guard())
    now = [0.0]
    lock.tracker = IdleTracker(10, clock=lambda: now[0])
    now[0] = 3 * 60 + 1
    lock.check()
    assert not lock.overlay.locked
    dialog = SettingsDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.spins["idle_lock_minutes"].setValue(3)
    dialog.save()
    lock.check()
    assert lock.overlay.locked
    lock.stop()


def test_setting_turned_on_later_installs_the_lock(qtbot, ctx):
    unlock.set_pin("4711")
    ctx.settings.idle_lock_minutes = 0
    window = main_window(qtbot)
    assert lock_install.install_idle_lock(window, ctx, Guard()) is None
    dialog = SettingsDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.spins["idle_lock_minutes"].setValue(5)
    dialog.save()
    lock = window._idle_lock
    assert lock.tracker.limit == 300
    lock.stop()


def test_a_restart_while_locked_starts_locked(qtbot, ctx):
    unlock.set_pin("4711")
    LockFlag(paths.idle_lock_flag()).set()
    window = main_window(qtbot)
    lock = lock_install.install_idle_lock(window, ctx, Guard())
    assert lock.overlay.locked and not window.centralWidget().isEnabled()
    shoot(window, "lock_main_window")
    lock.overlay.secret.setText("4711")
    assert lock.overlay.try_unlock() and window.centralWidget().isEnabled()
    lock.stop()


def test_a_dialog_opened_while_locked_is_covered_too(qtbot, ctx):
    from PySide6.QtWidgets import QMessageBox

    unlock.set_pin("4711")
    window = main_window(qtbot)
    lock = lock_install.install_idle_lock(window, ctx, Guard())
    lock.lock()
    box = QMessageBox(QMessageBox.Icon.Information, "Jobcoach", "Sikkerhedskopien er lavet.")
    qtbot.addWidget(box)
    box.show()
    assert [cover.parent() for cover in lock.covers] == [box] and lock.covers[0].locked
    lock.overlay.secret.setText("4711")
    assert lock.overlay.try_unlock() and not lock.covers
    lock.stop()
