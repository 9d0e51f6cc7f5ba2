"""Shortcuts act on what is selected: Ctrl+N a new visit for the row's
citizen (two actions to typing notes), Ctrl+P the tillægsaftale of the
selected placement, Enter on I dag opens the citizen."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import citizens, placements, visits
from tests.ui.conftest import grab, settle, when_modal
from ui.views.page_ids import Page


def _with_learning_course(ctx):
    c = citizens.create_citizen(ctx, name="Mona Krag")
    start = date.today() - timedelta(days=80)
    p = placements.create_placement(ctx, c.id, placement_type="ekstern_laering", start_date=start,
                                    planned_end=date.today() + timedelta(days=9), internal_unit="Køkkenet")
    return c, p


def _activate(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)


def test_i_dag_row_then_ctrl_n_is_typing_notes(window, ctx, qtbot) -> None:
    c, _p = _with_learning_course(ctx)
    today = window.page(Page.TODAY)
    today.refresh()
    qtbot.waitUntil(lambda: len(today.items) > 0, timeout=5000)
    grab(window, "today_with_rows")
    assert today.select("Mona Krag")               # action 1: pick the row
    seen = {}

    def type_notes(dialog) -> None:
        qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
        seen["class"] = type(dialog).__name__
        seen["focus_is_notes"] = QApplication.focusWidget() is dialog.form.notes
        qtbot.keyClicks(QApplication.focusWidget(), "Kort telefonopfølgning.")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    _activate(window, qtbot)
    when_modal(type_notes)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # action 2: Ctrl+N
    assert seen == {"class": "VisitEditor", "focus_is_notes": True}
    [visit] = visits.visits_of_citizen(ctx, c.id)
    assert visit.notes == "Kort telefonopfølgning."


def test_enter_on_i_dag_opens_the_citizen(window, ctx, qtbot) -> None:
    c, _p = _with_learning_course(ctx)
    today = window.page(Page.TODAY)
    today.refresh()
    qtbot.waitUntil(lambda: len(today.items) > 0, timeout=5000)
    today.tree.setFocus()
    assert today.select("Mona Krag", "learning_ending")  # its one action: open the citizen
    qtbot.keyClick(today.tree, Qt.Key.Key_Return)
    view = window.page(Page.CITIZENS).view
    qtbot.waitUntil(lambda: view.citizen_id == c.id, timeout=5000)
    assert window.current_name() == Page.CITIZENS


def test_ctrl_p_prints_the_selected_placement(window, ctx, qtbot) -> None:
    c, p = _with_learning_course(ctx)
    window.open_citizen(c.id)
    view = window.page(Page.CITIZENS).view
    qtbot.waitUntil(lambda: view.citizen_id == c.id and view.isEnabled(), timeout=5000)
    view.tabs.setCurrentWidget(view.placements)
    seen = {}

    def look(dialog) -> None:
        seen["class"], seen["placement"] = type(dialog).__name__, getattr(dialog, "placement_id", None)
        dialog.reject()

    _activate(window, qtbot)
    when_modal(look)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot)
    assert seen == {"class": "AddendumDialog", "placement": p.id}
