"""The contradiction rules refused at their field, in Danish, in the editors:
a praktik without an end date or purpose, a payer against the kind, a
subsidy on a kind without one, hours present against the weekly schedule,
and a schedule against the wage agreement (saved only with a new wage version)."""
from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from app.rules.schedule import Slot
from app.services import placements, wages
from tests.ui.editors.conftest import save_screen, show_active
from tests.ui.editors.test_placement_editor import add_slot, choose, open_editor
from tests.ui.editors.test_wage_editor import answer_next_question, retype
from ui.editors.wage_editor import WageEditor

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def test_praktik_without_end_date_and_purpose_refused_at_the_fields(qtbot, ctx, world):
    dlg = open_editor(qtbot, ctx, world.citizen_id, world.placement_id)
    choose(qtbot, dlg.form.placement_type, "Virksomhedspraktik")
    dlg.form.planned_end.clear()
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.form.errors.message("planned_end") == "En virksomhedspraktik skal have en planlagt slutdato."
    assert dlg.form.errors.message("purpose") == "Skriv formålet med virksomhedspraktikken."
    save_screen(dlg, "placement_editor_praktik_refused", (1100, 700))
    assert placements.get_placement(ctx, world.placement_id).placement_type == "skaanejob"


def test_end_before_start_refused_at_the_field(qtbot, ctx, world):
    dlg = open_editor(qtbot, ctx, world.citizen_id, world.placement_id)
    dlg.form.start.set_date(date(2026, 5, 1))
    dlg.form.planned_end.set_date(date(2026, 4, 1))
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.form.errors.message("planned_end") == "Slutdatoen ligger før startdatoen."


def test_payer_subsidy_and_hours_against_kind_and_schedule_refused_at_the_fields(qtbot, ctx, world):
    placements.set_schedule(ctx, world.placement_id, [Slot(0, time(8), time(12)), Slot(2, time(8), time(12))])
    dlg = WageEditor(ctx, world.placement_id)
    show_active(qtbot, dlg)
    assert dlg.payer.currentData() == "virksomhed_borger"  # the kind's payer is proposed
    retype(qtbot, dlg.hourly, "120")
    retype(qtbot, dlg.attendance, "10")
    choose(qtbot, dlg.payer, "Enheden betaler løn til borgeren")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.errors.message("payer") == "I denne beskæftigelsestype betaler virksomheden løn til borgeren."
    assert dlg.errors.message("subsidy") == "Et job med løntilskud skal have løntilskuddets beløb pr. time."
    assert dlg.errors.message("attendance_hours").startswith("Ugeskemaet giver 8 t om ugen, men fremmødetimer")
    save_screen(dlg, "wage_editor_terms_refused")
    choose(qtbot, dlg.payer, "Virksomheden betaler løn til borgeren")
    retype(qtbot, dlg.attendance, "8")
    retype(qtbot, dlg.subsidy, "25")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert [w.attendance_hours for w in wages.wage_versions(ctx, world.placement_id)] == [8.0]


def test_schedule_against_the_wage_hours_needs_a_new_wage_version(qtbot, ctx, world):
    placements.set_schedule(ctx, world.placement_id, [Slot(0, time(8), time(12))])
    wages.add_wage_version(ctx, world.placement_id, valid_from=date.today(), hourly_wage_ore=12000,
                           attendance_hours=4.0, work_intensity=50, payer="virksomhed_borger",
                           subsidy_per_hour_ore=2000)
    dlg = open_editor(qtbot, ctx, world.citizen_id, world.placement_id)
    add_slot(qtbot, dlg, 2, 9, 13)
    seen: list[str] = []
    answer_next_question(QMessageBox.StandardButton.No, seen)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert "Ugeskemaet giver 8 t om ugen, men fremmødetimer pr. uge er 4 t" in seen[0]
    assert dlg.form.errors.message("schedule").startswith("Ugeskemaet giver 8 t om ugen")
    assert len(placements.schedule_of(ctx, world.placement_id)) == 1
    answer_next_question(QMessageBox.StandardButton.Yes, seen)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert len(placements.schedule_of(ctx, world.placement_id)) == 2
    assert [w.attendance_hours for w in wages.wage_versions(ctx, world.placement_id)] == [4.0, 8.0]


def test_consent_to_share_a_skaanehensyn_is_saved_from_the_editor(qtbot, ctx, world):
    from app.services import accommodations
    from ui.editors.accommodation_editor import AccommodationEditor

    dlg = AccommodationEditor(ctx, world.citizen_id)
    show_active(qtbot, dlg)
    choose(qtbot, dlg.category, "Fysiske skånehensyn")
    qtbot.keyClicks(dlg.text, "Ingen løft over 10 kg.")
    choose(qtbot, dlg.source, "Lægeerklæring")
    qtbot.mouseClick(dlg.consent, Qt.MouseButton.LeftButton)
    save_screen(dlg, "accommodation_editor_consent")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    [saved] = accommodations.active_accommodations(ctx, world.citizen_id)
    assert saved.share_consent and saved.source == "laegeerklaering"


def test_intensity_and_wage_fields_follow_the_kind(qtbot, ctx, world):
    from tests.addendum_kinds_support import make_kind
    from ui.editors.hours_panel import HoursPanel

    small_job = make_kind(ctx, "smaajob")
    panel = HoursPanel(ctx, small_job)
    qtbot.addWidget(panel)
    assert not panel.intensity.isEnabled()  # ordinary hours: paid in full, no intensity
    wage = WageEditor(ctx, small_job)
    show_active(qtbot, wage)
    assert not wage.intensity.isEnabled() and not wage.subsidy.isEnabled()
    praktik = make_kind(ctx, "praktik")
    dlg = WageEditor(ctx, praktik)
    show_active(qtbot, dlg)
    assert dlg.payer.currentData() == "ingen_loen" and not dlg.hourly.isEnabled() and dlg.hourly.text() == "0,00"
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert [w.hourly_wage_ore for w in wages.wage_versions(ctx, praktik)] == [0, 0]
