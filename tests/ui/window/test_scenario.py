"""THE scenario of issue 4, driven through the screens from an empty store:
company (wrong CVR refused, right accepted) -> citizen -> eksternt
læringsforløb (4 months refused) -> wage agreement (paid hours shown) ->
two skånehensyn -> a visit with notes, both skånehensyn marked and one
action -> the program closed without saving by hand, started again on the
same data folder -> everything is there, the note included."""
from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton

from app.context import open_context
from app.formatting import fmt_date
from app.rules.dates import add_months
from app.services import accommodations, citizens, companies, placements, visits, wages
from tests.ui.conftest import grab, make_window, settle, when_modal
from ui.views.page_ids import Page

NOTE = "Borgeren møder stabilt. Løftebegrænsningen på lageret overholdes; æøå ÆØÅ."
START = date.today().replace(day=1)


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _active(qtbot, dialog) -> None:
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)


def _create_company(qtbot, window) -> None:
    page = window.go(Page.COMPANIES)

    def fill(dialog) -> None:
        _active(qtbot, dialog)
        f = dialog.form.fields
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.keyClicks(f["name"], "Lager & Logistik ApS")
        qtbot.keyClicks(f["cvr"], "12345678")
        _click(qtbot, ok)
        assert "kontrolciffer" in dialog.findChild(QLabel, "cvr_error").text() and dialog.isVisible()
        f["cvr"].clear()
        qtbot.keyClicks(f["cvr"], "10150817")
        qtbot.keyClicks(f["city"], "Vejle")
        _click(qtbot, ok)

    when_modal(fill)
    _click(qtbot, page.findChild(QPushButton, "new_company"))


def _create_citizen(qtbot, window):
    page = window.go(Page.CITIZENS)

    def fill(dialog) -> None:
        _active(qtbot, dialog)
        qtbot.keyClicks(dialog.form.fields["name"], "Åse Østergård")
        qtbot.keyClicks(dialog.form.fields["cpr"], "0101901234")
        _click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))

    when_modal(fill)
    _click(qtbot, page.findChild(QPushButton, "new_citizen"))
    qtbot.waitUntil(lambda: page.view.citizen_id is not None and page.view.isEnabled(), timeout=5000)
    return page.view


def _create_placement(qtbot, view) -> None:
    view.tabs.setCurrentWidget(view.placements)

    def fill(dialog) -> None:
        _active(qtbot, dialog)
        f = dialog.form
        f.placement_type.setCurrentIndex(f.placement_type.findData("ekstern_laering"))
        qtbot.waitUntil(lambda: f.company.is_loaded, timeout=5000)
        f.company.lineEdit().clear()
        qtbot.keyClicks(f.company.lineEdit(), "Lager & Logistik")
        f.start.clear()
        qtbot.keyClicks(f.start, fmt_date(START))
        qtbot.keyClicks(f.planned_end, fmt_date(add_months(START, 4)))
        qtbot.keyClicks(f.job_title, "Lagermedhjælper")
        _click(qtbot, dialog.save_button)
        assert "3 måneder" in f.errors.fields["planned_end"][1].text() and dialog.isVisible()
        grab(dialog, "scenario_learning_4_months_refused")
        f.planned_end.clear()
        qtbot.keyClicks(f.planned_end, fmt_date(add_months(START, 3)))
        _click(qtbot, dialog.save_button)

    when_modal(fill)
    _click(qtbot, view.findChild(QPushButton, "placement_nyt"))
    qtbot.waitUntil(lambda: view.placements.model.rowCount() == 1, timeout=5000)


def _create_wage(qtbot, view) -> None:
    shown = {}

    def fill(dialog) -> None:
        _active(qtbot, dialog)
        dialog.hourly.clear()
        qtbot.keyClicks(dialog.hourly, "125,50")
        dialog.attendance.clear()
        qtbot.keyClicks(dialog.attendance, "20")
        dialog.intensity.setValue(50)
        shown["paid"] = dialog.paid_label.text()
        grab(dialog, "scenario_wage")
        _click(qtbot, dialog.save_button)

    when_modal(fill)
    _click(qtbot, view.findChild(QPushButton, "placement_lønaftale"))
    assert shown["paid"].startswith("10 t")


def _create_accommodations(qtbot, view) -> None:
    view.tabs.setCurrentWidget(view.accommodations)
    for category, text in (("fysisk", "Ingen løft over 10 kg"), ("kognitiv", "Én opgave ad gangen")):
        def fill(dialog, category=category, text=text) -> None:
            _active(qtbot, dialog)
            dialog.category.setCurrentIndex(dialog.category.findData(category))
            dialog.text.clear()
            qtbot.keyClicks(dialog.text, text)
            _click(qtbot, dialog.save_button)

        when_modal(fill)
        _click(qtbot, view.findChild(QPushButton, "accommodation_new"))
    qtbot.waitUntil(lambda: view.accommodations.model.rowCount() == 2, timeout=5000)


def _record_visit(qtbot, window) -> None:
    def fill(dialog) -> None:
        _active(qtbot, dialog)
        f = dialog.form
        assert QApplication.focusWidget() is f.notes  # Ctrl+N, and the notes take the typing
        qtbot.keyClicks(f.notes, NOTE)
        for row, status in zip(f.checks.rows, ("overholdes", "skal_aendres")):
            row.status.setCurrentIndex(row.status.findData(status))
        qtbot.keyClicks(f.actions_panel.text, "Bestil hæve-sænkebord")
        qtbot.keyClicks(f.actions_panel.owner, "Jobcoach")
        _click(qtbot, f.actions_panel.add_button)
        qtbot.wait(2500)  # the autosave catches up without any save button
        grab(dialog, "scenario_visit")
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closing the dialog, not saving by hand

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    when_modal(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


# Typing in the company chooser opens its completion popup; the offscreen
# platform cannot raise it or grab the keyboard, and says so.
@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_scenario_from_empty_store_survives_a_restart(ctx, qtbot) -> None:
    window = make_window(ctx, qtbot)
    _create_company(qtbot, window)
    view = _create_citizen(qtbot, window)
    citizen_id = view.citizen_id
    _create_placement(qtbot, view)
    _create_wage(qtbot, view)
    _create_accommodations(qtbot, view)
    _record_visit(qtbot, window)
    settle(qtbot)
    assert (window.width(), window.height()) == (1366, 768)  # nothing stretched the window
    grab(window, "scenario_before_restart")
    window.close()
    ctx.close()

    again = open_context()
    try:
        w2 = make_window(again, qtbot)
        w2.open_citizen(citizen_id)
        view2 = w2.page(Page.CITIZENS).view
        qtbot.waitUntil(lambda: view2.citizen_id == citizen_id and view2.isEnabled(), timeout=5000)
        assert view2.title.text() == "Åse Østergård"
        assert view2.form.cpr.text() == "010190-xxxx"
        [company] = companies.list_companies(again).rows
        assert company.cvr == "10150817"
        [p] = placements.placements_of_citizen(again, citizen_id)
        assert (p.placement_type, p.company_id, p.planned_end) == ("ekstern_laering", company.id,
                                                                   add_months(START, 3))
        [wage] = wages.wage_versions(again, p.id)
        assert (wage.hourly_wage_ore, wage.attendance_hours, wage.work_intensity, wage.paid_hours) == \
            (12550, 20.0, 50, 10.0)
        assert "10 t" in view2.placements.details.text()
        active = accommodations.active_accommodations(again, citizen_id)
        assert sorted(a.text for a in active) == ["Ingen løft over 10 kg", "Én opgave ad gangen"]
        [visit] = visits.visits_of_citizen(again, citizen_id)
        assert visit.notes == NOTE
        assert sorted(c.status for c in visits.checks_of_visit(again, visit.id)) == ["overholdes", "skal_aendres"]
        [action] = visits.actions_of_citizen(again, citizen_id)
        assert (action.text, action.visit_id) == ("Bestil hæve-sænkebord", visit.id)
        assert view2.visits.table.model().index(0, 3).data().startswith("Borgeren møder stabilt")
        assert view2.accommodations.table.model().rowCount() == 2
        assert view2.actions_tab.table.model().rowCount() == 1
        view2.tabs.setCurrentWidget(view2.visits)
        grab(w2, "scenario_after_restart")
        view2.tabs.setCurrentWidget(view2.placements)
        view2.placements.tabs.setCurrentIndex(2)
        settle(qtbot)
        assert (w2.width(), w2.height()) == (1366, 768)
        grab(w2, "scenario_progression")
        assert citizens.get_citizen(again, citizen_id, log_view=False).cpr == "010190-1234"
        w2.close()
    finally:
        again.close()
