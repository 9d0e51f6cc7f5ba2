"""Synkronisering lists what sync set aside, with the reason in Danish:
"Prøv igen" sends a held change again, "Kassér" asks first, then undoes it."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import db.changes  # noqa: F401
from app.services import citizens, visits
from app.sync.client import login
from db.models import Citizen

pytestmark = pytest.mark.postgres
SCREENS = Path(__file__).resolve().parent.parent / "screens"


def _answer_next(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, poll)
    QTimer.singleShot(20, poll)


def _held_change(ctx) -> str:
    with ctx.uow() as s:
        row = Citizen(name="Lone Dahl", postal_code="8000")
        s.add(row)
        s.flush()
        cid = row.id
    return cid


def test_sync_view_lists_a_refused_change_and_discards_it_after_asking(qtbot, ctx, server, users) -> None:
    from ui.sync_view import SyncView

    login(ctx, server.base, users["anna"], "hemmelig-kode")
    cid = _held_change(ctx)
    view = SyncView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    with qtbot.waitSignal(view.synced, timeout=20000):
        view.sync_now()
    with ctx.uow() as s:  # past the services' checks: too long for the column
        s.get(Citizen, cid).postal_code = "80000000"
    with qtbot.waitSignal(view.synced, timeout=20000):
        view.sync_now()
    panel = view.set_aside
    assert panel.table.rowCount() == 1 and view.waiting.text() == "0"
    assert view.message.text().endswith("1 sat til side – se nederst.")
    assert panel.table.item(0, 0).text() == "Borger – Ændring herfra"
    assert panel.table.item(0, 1).text() == ("Serveren afviste ændringen: "
                                             "feltet »Postnummer« er for langt (højst 4 tegn)")
    SCREENS.mkdir(exist_ok=True)
    view.grab().save(str(SCREENS / "sync_view_set_aside.png"))
    panel.table.selectRow(0)
    seen: list[str] = []
    _answer_next(QMessageBox.StandardButton.Cancel, seen)
    panel.discard_button.click()
    assert seen and "Kassér ændringen?" in seen[0] and panel.table.rowCount() == 1
    panel.table.selectRow(0)
    _answer_next(QMessageBox.StandardButton.Yes, seen)
    panel.discard_button.click()
    assert panel.table.rowCount() == 0 and view.message.text() == "Kasseret."
    with ctx.uow() as s:
        assert s.get(Citizen, cid).postal_code == "8000"


def test_prøv_igen_sends_a_held_change_again(qtbot, ctx, server, users) -> None:
    from ui.sync_view import SyncView

    login(ctx, server.base, users["anna"], "hemmelig-kode")
    cid = _held_change(ctx)
    view = SyncView(ctx)
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.synced, timeout=20000):
        view.sync_now()
    with ctx.uow() as s:
        s.get(Citizen, cid).postal_code = "80000000"
    with qtbot.waitSignal(view.synced, timeout=20000):
        view.sync_now()
    view.set_aside.table.selectRow(0)
    view.set_aside.retry_button.click()
    assert view.set_aside.table.rowCount() == 0 and view.waiting.text() == "1"
    with qtbot.waitSignal(view.synced, timeout=20000):
        view.sync_now()  # refused again (still too long): held again, with its reason
    assert view.set_aside.table.rowCount() == 1 and view.waiting.text() == "0"


def test_a_visit_for_a_citizen_deleted_elsewhere_is_listed_with_an_explanation(qtbot, ctx, server, users,
                                                                                laptops) -> None:
    from ui.sync_view import SyncView

    login(ctx, server.base, users["anna"], "hemmelig-kode")
    other = laptops("kollega", "bo")
    citizen = citizens.create_citizen(ctx, name="Jens Nielsen")
    view = SyncView(ctx)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    with qtbot.waitSignal(view.synced, timeout=20000):
        view.sync_now()
    other.sync()
    citizens.delete_citizen(other.ctx, citizen.id)
    other.sync()
    visits.create_visit(ctx, citizen.id, at=datetime(2026, 11, 2, 10, 0), notes="Besøg på stedet")
    with qtbot.waitSignal(view.synced, timeout=20000):
        view.sync_now()
    assert view.table.rowCount() == 1
    assert view.table.item(0, 2).text() == "Hører til noget, der er slettet et andet sted"
    view.table.selectRow(0)
    assert "slettet på en anden computer" in view.panel.detail.text()
    assert view.panel.mine.toPlainText() == "Ikke slettet – posten beholdes"
    assert view.panel.theirs.toPlainText().startswith("Slettet ")
    assert not view.panel.save_edit.isEnabled()
    SCREENS.mkdir(exist_ok=True)
    view.grab().save(str(SCREENS / "sync_view_orphan.png"))
    view.panel.keep_mine.click()  # keep the visit: the citizen comes back
    with qtbot.waitSignal(view.synced, timeout=20000):
        view.sync_now()
    other.sync()
    with other.ctx.uow() as s:
        assert s.get(Citizen, citizen.id).deleted_at is None
