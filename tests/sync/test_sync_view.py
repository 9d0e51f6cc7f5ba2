"""The Synkronisering view: status, "Synkronisér nu" in the background, and a
conflict resolved side by side. Rendered at 1366x768 into tests/screens/."""
from __future__ import annotations

from pathlib import Path

import pytest

import db.changes  # noqa: F401
from app.sync.client import login
from db.models import Citizen

pytestmark = pytest.mark.postgres
SCREENS = Path(__file__).resolve().parent.parent / "screens"


def test_sync_view_syncs_and_resolves_a_conflict(qtbot, ctx, laptops, server, users) -> None:
    from ui.sync_view import SyncView

    login(ctx, server.base, users["anna"], "hemmelig-kode")
    other = laptops("kollega", "bo")
    with ctx.uow() as s:
        row = Citizen(name="Lone Dahl", support="Mentor: Per\n")
        s.add(row)
        s.flush()
        cid = row.id
    view = SyncView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    assert view.waiting.text() != "0" and view.sync_button.isEnabled()
    with qtbot.waitSignal(view.synced, timeout=20000):
        view.sync_button.click()
    assert view.waiting.text() == "0" and view.last.text() != "Aldrig"
    other.sync()
    with ctx.uow() as s:
        s.get(Citizen, cid).support = "Mentor: Per Hansen, tlf. 12345678\n"
    with other.ctx.uow() as s:
        s.get(Citizen, cid).support = "Mentor: Per (ny aftale fra mandag)\n"
    other.sync()
    with qtbot.waitSignal(view.synced, timeout=20000):
        view.sync_now()
    assert view.open.text() == "1" and view.table.rowCount() == 1
    view.table.selectRow(0)
    assert "Per Hansen" in view.panel.mine.toPlainText()
    assert "ny aftale" in view.panel.theirs.toPlainText()
    SCREENS.mkdir(exist_ok=True)
    view.grab().save(str(SCREENS / "sync_view_conflict.png"))
    view.panel.edit.setPlainText("Mentor: Per Hansen, tlf. 12345678 (ny aftale fra mandag)\n")
    view.panel.save_edit.click()
    assert view.table.rowCount() == 0 and view.open.text() == "0"
    with ctx.uow() as s:
        assert s.get(Citizen, cid).support.startswith("Mentor: Per Hansen, tlf. 12345678 (ny")
    with qtbot.waitSignal(view.synced, timeout=20000):
        view.sync_now()
    other.sync()
    with other.ctx.uow() as s:
        assert "(ny aftale fra mandag)" in s.get(Citizen, cid).support
    view.grab().save(str(SCREENS / "sync_view.png"))


def test_sync_view_not_logged_in_says_so_and_sync_errors_are_shown(qtbot, ctx) -> None:
    from ui.sync_view import SyncView

    view = SyncView(ctx)
    qtbot.addWidget(view)
    assert "Ikke logget ind" in view.server.text() and not view.sync_button.isEnabled()
    ctx.settings.sync_server_url = "http://127.0.0.1:9"  # nothing listens there
    from app import secrets
    secrets.set_secret(secrets.DEVICE_TOKEN_NAME, "ugyldig")
    view.refresh()
    view.sync_now()
    qtbot.waitUntil(lambda: not view.running, timeout=30000)
    assert "kunne ikke nås" in view.message.text()
