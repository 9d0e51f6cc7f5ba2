"""Wage editor: computed figures as typed, versions kept, bad input at its field."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from app.services import wages
from tests.ui.editors.conftest import save_screen, show_active
from ui.editors.wage_editor import WageEditor


def open_editor(qtbot, ctx, placement_id) -> WageEditor:
    dlg = WageEditor(ctx, placement_id)
    show_active(qtbot, dlg)
    return dlg


def retype(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def answer_next_question(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.button(button).click()
    QTimer.singleShot(50, click)


def test_paid_hours_and_monthly_wage_shown_as_typed(qtbot, ctx, world):
    dlg = open_editor(qtbot, ctx, world.placement_id)
    retype(qtbot, dlg.hourly, "125,50")
    retype(qtbot, dlg.attendance, "12")
    assert dlg.paid_label.text().startswith("12 t")
    retype(qtbot, dlg.intensity, "25")
    assert dlg.paid_label.text() == "3 t (12 t × 25 %)"
    # 125,50 kr. x 3 t x 52/12 = 1.631,50 kr.
    assert dlg.monthly_label.text() == "1.631,50 kr."
    qtbot.keyClicks(dlg.attendance, ",5")
    assert dlg.paid_label.text().startswith("3,12 t")
    save_screen(dlg, "wage_editor")
    qtbot.keyClick(dlg.attendance, Qt.Key.Key_Return)
    assert dlg.result() == QDialog.DialogCode.Accepted
    [v] = wages.wage_versions(ctx, world.placement_id)
    assert (v.hourly_wage_ore, v.attendance_hours, v.work_intensity, v.paid_hours) == (12550, 12.5, 25, 3.12)
    assert v.payer == "virksomhed_borger"


def test_new_version_keeps_old_one(qtbot, ctx, world):
    first = wages.add_wage_version(ctx, world.placement_id, valid_from=date.today(), hourly_wage_ore=11000,
                                   attendance_hours=10, work_intensity=50, payer="virksomhed_borger")
    dlg = open_editor(qtbot, ctx, world.placement_id)
    assert dlg.versions.rowCount() == 1 and dlg.versions.item(0, 2).text() == "110,00 kr."
    assert dlg.hourly.text() == "110,00"  # starts from the latest terms
    retype(qtbot, dlg.attendance, "15")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    old, new = wages.wage_versions(ctx, world.placement_id)
    assert old == first
    assert (new.version_no, new.attendance_hours, new.paid_hours) == (2, 15.0, 7.5)
    again = open_editor(qtbot, ctx, world.placement_id)
    assert again.versions.rowCount() == 2
    save_screen(again, "wage_editor_two_versions")


def test_bad_input_refused_at_field_rest_kept(qtbot, ctx, world):
    dlg = open_editor(qtbot, ctx, world.placement_id)
    retype(qtbot, dlg.hourly, "mange penge")
    retype(qtbot, dlg.attendance, "12,5")
    retype(qtbot, dlg.overenskomst, "HK Handel")
    retype(qtbot, dlg.valid_from, "01.01.2020")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.errors.message("hourly_wage") == "Skriv beløbet i kroner, fx 125,50."
    retype(qtbot, dlg.hourly, "130")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.errors.message("valid_from") == "Lønaftalen kan ikke gælde fra før forløbets start."
    assert dlg.errors.message("hourly_wage") == ""
    assert (dlg.attendance.text(), dlg.overenskomst.text()) == ("12,5", "HK Handel")
    save_screen(dlg, "wage_editor_refused")
    assert wages.wage_versions(ctx, world.placement_id) == []


def test_above_37_hours_needs_confirmation(qtbot, ctx, world):
    dlg = open_editor(qtbot, ctx, world.placement_id)
    retype(qtbot, dlg.hourly, "120")
    retype(qtbot, dlg.attendance, "40")
    seen: list[str] = []
    answer_next_question(QMessageBox.StandardButton.No, seen)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert seen == ["Mere end 37 timer om ugen – bekræft, at det er rigtigt."]
    assert dlg.errors.message("attendance_hours") == seen[0]
    assert wages.wage_versions(ctx, world.placement_id) == []
    answer_next_question(QMessageBox.StandardButton.Yes, seen)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert [v.attendance_hours for v in wages.wage_versions(ctx, world.placement_id)] == [40.0]
