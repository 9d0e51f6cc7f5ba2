"""The runtime: sync runs without the Synkronisering page having been
opened, and a change in Indstillinger reaches the sync timer and the idle
lock at once, without a restart."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from app import unlock
from app.instance_lock import InstanceLock
from app.store import store_key
from tests.ui.conftest import settle
from ui.startup_checks import Guard
from ui.views.page_ids import Page
from ui.views.settings_dialog import SettingsDialog


@pytest.fixture
def guard(ctx):
    lock = InstanceLock().acquire()
    yield Guard(lock, store_key(), passphrase_mode=False, checked=True)
    lock.release()


def _save_settings(window, **values: int) -> None:
    dialog = SettingsDialog(window.ctx, window)
    for field, value in values.items():
        dialog.spins[field].setValue(value)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted


def test_sync_timer_runs_before_the_sync_page_is_built(window) -> None:
    assert Page.SYNC not in window.pages
    timer = window.runtime.sync.timer
    assert timer.isActive()
    assert timer.interval() == window.ctx.settings.sync_interval_minutes * 60_000


def test_settings_reach_the_sync_timer_and_the_lock_without_restart(ctx, window, guard, qtbot) -> None:
    unlock.set_pin("4711")
    _save_settings(window, idle_lock_minutes=0, sync_interval_minutes=5)
    window.runtime.start(guard)
    assert window.runtime.idle_lock is None  # off
    assert window.runtime.sync.timer.interval() == 5 * 60_000

    _save_settings(window, idle_lock_minutes=3, sync_interval_minutes=12)
    assert window.runtime.sync.timer.interval() == 12 * 60_000 and window.runtime.sync.timer.isActive()
    lock = window.runtime.idle_lock
    assert lock is not None and lock.tracker.limit == 3 * 60

    _save_settings(window, idle_lock_minutes=7)
    assert window.runtime.idle_lock is lock and lock.tracker.limit == 7 * 60
    _save_settings(window, idle_lock_minutes=0)
    assert not lock.tracker.enabled
    settle(qtbot)
