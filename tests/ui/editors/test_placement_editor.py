"""Placement editor driven by keyboard and mouse, read back via the services."""
from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import QDialog

from app.formatting import fmt_date
from app.rules.dates import add_months
from app.rules.schedule import Slot
from app.services import placements
from tests.ui.editors.conftest import save_screen, show_active
from ui.editors.placement_editor import PlacementEditor

# The completer's popup asks the offscreen platform for things it cannot do.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def open_editor(qtbot, ctx, citizen_id, placement_id=None) -> PlacementEditor:
    dlg = PlacementEditor(ctx, citizen_id, placement_id)
    show_active(qtbot, dlg)
    qtbot.waitUntil(lambda: dlg.form.company.is_loaded, timeout=5000)
    return dlg


def choose(qtbot, combo, text: str) -> None:
    combo.setFocus()
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def type_into(qtbot, widget, text: str) -> None:
    widget.selectAll() if hasattr(widget, "selectAll") else None
    qtbot.keyClicks(widget, text)


def add_slot(qtbot, dlg, weekday: int, start: int, end: int) -> None:
    sched = dlg.form.schedule
    sched.weekday.setCurrentIndex(weekday)
    sched.start.setTime(QTime(start, 0))
    sched.end.setTime(QTime(end, 0))
    qtbot.mouseClick(sched.add_button, Qt.MouseButton.LeftButton)


def test_new_placement_saved_with_schedule(qtbot, ctx, world):
    dlg = open_editor(qtbot, ctx, world.citizen_id)
    choose(qtbot, dlg.form.placement_type, "Ekstern beskæftigelse")
    dlg.form.company.lineEdit().selectAll()
    qtbot.keyClicks(dlg.form.company.lineEdit(), "Bageriet Åen ApS (CVR 10150817)")
    choose(qtbot, dlg.form.contact, "Lise Holm, Butikschef")
    qtbot.keyClicks(dlg.form.job_title, "Opvasker")
    qtbot.keyClicks(dlg.form.tasks, "Opvask og oprydning")
    qtbot.keyClicks(dlg.form.tasks_not, "Ingen tunge løft")
    add_slot(qtbot, dlg, 3, 8, 12)
    save_screen(dlg, "placement_editor", (1100, 640))
    qtbot.keyClick(dlg.form.job_title, Qt.Key.Key_Return)  # Enter saves
    assert dlg.result() == QDialog.DialogCode.Accepted
    saved = placements.get_placement(ctx, dlg.placement_id)
    assert (saved.placement_type, saved.company_id, saved.contact_person_id) == (
        "ekstern", world.company_id, world.contact_id)
    assert (saved.job_title, saved.tasks, saved.tasks_not_to_do) == (
        "Opvasker", "Opvask og oprydning", "Ingen tunge løft")
    slots = placements.schedule_of(ctx, dlg.placement_id)
    assert [(s.weekday, s.start_time, s.end_time) for s in slots] == [(3, time(8), time(12))]


def test_learning_course_of_four_months_refused_with_reason(qtbot, ctx, world):
    dlg = open_editor(qtbot, ctx, world.citizen_id)
    choose(qtbot, dlg.form.placement_type, "Eksternt læringsforløb")
    start = date(2026, 11, 23)
    dlg.form.start.clear()
    qtbot.keyClicks(dlg.form.start, "23.11.2026")
    qtbot.keyClicks(dlg.form.job_title, "Lager")
    qtbot.keyClicks(dlg.form.internal_unit, "Lageret")
    limit = add_months(start, 3)
    reason = f"Et eksternt læringsforløb varer højst 3 måneder (senest {fmt_date(limit)})."
    assert dlg.form.learning_hint.text() == reason
    qtbot.keyClicks(dlg.form.planned_end, fmt_date(add_months(start, 4)))
    assert dlg.form.errors.message("planned_end") == reason  # at the field while typing
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.form.errors.message("planned_end") == (
        "Et eksternt læringsforløb varer højst 3 måneder (senest 23.02.2027).")
    assert dlg.form.job_title.text() == "Lager"  # the rest stays as typed
    save_screen(dlg, "placement_editor_learning_refused", (1100, 640))
    assert len(placements.placements_of_citizen(ctx, world.citizen_id)) == 1
    dlg.form.planned_end.clear()
    qtbot.keyClicks(dlg.form.planned_end, fmt_date(limit))
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert placements.get_placement(ctx, dlg.placement_id).planned_end == limit


def test_bad_dates_refused_at_field_rest_kept(qtbot, ctx, world):
    dlg = open_editor(qtbot, ctx, world.citizen_id)
    dlg.form.start.clear()
    qtbot.keyClicks(dlg.form.start, "31.02.2026")
    qtbot.keyClicks(dlg.form.job_title, "Pedel")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.form.errors.message("start_date") == "Startdatoen er ikke en gyldig dato (skriv fx 23.11.2026)."
    assert dlg.form.errors.message("company_id") == "Vælg en virksomhed eller skriv den interne enhed."
    assert dlg.form.job_title.text() == "Pedel"
    dlg.form.start.clear()
    qtbot.keyClicks(dlg.form.start, "01.03.2026")
    qtbot.keyClicks(dlg.form.end, "01.02.2026")
    qtbot.keyClicks(dlg.form.internal_unit, "Værkstedet")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.form.errors.message("end_date") == "Slutdatoen ligger før startdatoen."
    assert dlg.form.errors.message("company_id") == ""


def test_schedule_overlap_with_other_placement_refused(qtbot, ctx, world):
    placements.set_schedule(ctx, world.placement_id, [Slot(0, time(8), time(12))])
    dlg = open_editor(qtbot, ctx, world.citizen_id)
    qtbot.keyClicks(dlg.form.internal_unit, "Køkkenet")
    add_slot(qtbot, dlg, 0, 10, 14)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.form.errors.message("schedule") == "Mandag 10:00-14:00 overlapper 08:00-12:00 samme dag."
    assert len(placements.placements_of_citizen(ctx, world.citizen_id)) == 1  # nothing written
    dlg.form.schedule.rows.setCurrentRow(0)
    qtbot.mouseClick(dlg.form.schedule.remove_button, Qt.MouseButton.LeftButton)
    add_slot(qtbot, dlg, 0, 12, 15)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert dlg.form.internal_unit.text() == "Køkkenet"


def test_edit_existing_changes_only_what_was_typed(qtbot, ctx, world):
    dlg = open_editor(qtbot, ctx, world.citizen_id, world.placement_id)
    assert dlg.form.company.company_id() == world.company_id
    assert dlg.form.contact.currentData() == world.contact_id
    dlg.form.job_title.selectAll()
    qtbot.keyClicks(dlg.form.job_title, "Bager")
    qtbot.keyClick(dlg.form.job_title, Qt.Key.Key_Enter)
    assert dlg.result() == QDialog.DialogCode.Accepted
    saved = placements.get_placement(ctx, world.placement_id)
    assert saved.job_title == "Bager" and saved.contact_person_id == world.contact_id
    assert saved.start_date == date.today() - timedelta(days=40)


def test_escape_cancels_without_saving(qtbot, ctx, world):
    dlg = open_editor(qtbot, ctx, world.citizen_id)
    qtbot.keyClicks(dlg.form.internal_unit, "Kantinen")
    qtbot.keyClick(dlg.form.internal_unit, Qt.Key.Key_Escape)
    assert dlg.result() == QDialog.DialogCode.Rejected
    assert len(placements.placements_of_citizen(ctx, world.citizen_id)) == 1
