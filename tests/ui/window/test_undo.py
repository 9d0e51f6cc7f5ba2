"""Deleting asks first; Fortryd (Ctrl+Z or the status bar button) brings
the deleted citizen, company, placement or visit back."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.services import citizens, companies, placements, visits
from app.services.crud import NotFound
from tests.ui.conftest import answer, grab, settle
from ui.views.page_ids import Page


def _open(window, qtbot, citizen_id):
    window.open_citizen(citizen_id)
    view = window.page(Page.CITIZENS).view
    qtbot.waitUntil(lambda: view.citizen_id == citizen_id and view.isEnabled(), timeout=5000)
    return view


def test_delete_citizen_asks_and_ctrl_z_restores(window, ctx, qtbot) -> None:
    keep = citizens.create_citizen(ctx, name="Anna Bæk")
    gone = citizens.create_citizen(ctx, name="Bent Øst")
    view = _open(window, qtbot, gone.id)
    page = window.page(Page.CITIZENS)
    answer(QMessageBox.StandardButton.No)  # changing one's mind: nothing happens
    qtbot.mouseClick(view.findChild(QPushButton, "delete_citizen"), Qt.MouseButton.LeftButton)
    assert citizens.get_citizen(ctx, gone.id, log_view=False)
    answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.findChild(QPushButton, "delete_citizen"), Qt.MouseButton.LeftButton)
    settle(qtbot)
    with pytest.raises(NotFound):
        citizens.get_citizen(ctx, gone.id, log_view=False)
    assert page.proxy.rowCount() == 1 and keep.id
    assert view.form.form.text("name") == "" and not view.isEnabled()  # nothing of hers left on screen
    undo_button = window.findChild(QPushButton, "undo_button")
    assert undo_button.isVisible() and "Bent Øst" in undo_button.text()
    grab(window, "undo_after_delete")
    window.activateWindow()  # back in the main window after the question box
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert citizens.get_citizen(ctx, gone.id, log_view=False).name == "Bent Øst"
    assert page.proxy.rowCount() == 2
    assert not undo_button.isVisible()


def test_undo_visit_placement_and_company_in_reverse_order(window, ctx, qtbot) -> None:
    company = companies.create_company(ctx, name="Lager A/S")
    c = citizens.create_citizen(ctx, name="Carl Ny")
    p = placements.create_placement(ctx, c.id, placement_type="praktik", start_date=date(2026, 3, 2),
                                    company_id=company.id)
    v = visits.create_visit(ctx, c.id, at=datetime.now() - timedelta(hours=3), notes="Godt besøg")
    view = _open(window, qtbot, c.id)
    view.tabs.setCurrentWidget(view.visits)
    view.visits.table.selectRow(0)
    answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.findChild(QPushButton, "visits_delete"), Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert visits.visits_of_citizen(ctx, c.id) == []
    qtbot.waitUntil(lambda: view.visits.table.model().rowCount() == 0, timeout=5000)
    view.tabs.setCurrentWidget(view.placements)
    view.placements.table.selectRow(0)
    answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.findChild(QPushButton, "placement_slet"), Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert placements.placements_of_citizen(ctx, c.id) == []
    cpage = window.go(Page.COMPANIES)
    cpage.refresh()
    cpage.open_company(company.id)
    qtbot.waitUntil(lambda: cpage.view.company_id == company.id, timeout=5000)
    answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(cpage.view.findChild(QPushButton, "delete_company"), Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert companies.list_companies(ctx).total == 0
    for check in (lambda: companies.list_companies(ctx).total == 1,
                  lambda: [x.id for x in placements.placements_of_citizen(ctx, c.id)] == [p.id],
                  lambda: [x.id for x in visits.visits_of_citizen(ctx, c.id)] == [v.id]):
        window.actions_.undo.trigger()  # Rediger > Fortryd sletning
        settle(qtbot)
        assert check()
    assert not window.actions_.undo.isEnabled()
