"""Skånehensyn editor: quick picks, free text, bad input, history kept."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from app.services import accommodations
from tests.ui.editors.conftest import save_screen, show_active
from ui.editors.accommodation_editor import AccommodationEditor


def open_editor(qtbot, ctx, citizen_id, accommodation_id=None) -> AccommodationEditor:
    dlg = AccommodationEditor(ctx, citizen_id, accommodation_id)
    show_active(qtbot, dlg)
    return dlg


def pick_button(dlg, text: str) -> QPushButton:
    [button] = [b for b in dlg.picks.findChildren(QPushButton) if b.text() == text]
    return button


def test_quick_pick_saves_new_accommodation(qtbot, ctx, world):
    dlg = open_editor(qtbot, ctx, world.citizen_id)
    dlg.category.setCurrentIndex(dlg.category.findText("Fysiske skånehensyn"))
    qtbot.mouseClick(pick_button(dlg, "Ingen løft over 10 kg"), Qt.MouseButton.LeftButton)
    assert dlg.text.toPlainText() == "Ingen løft over 10 kg"
    dlg.source.setCurrentIndex(dlg.source.findText("Lægeerklæring"))
    save_screen(dlg, "accommodation_editor_new")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    [saved] = accommodations.active_accommodations(ctx, world.citizen_id)
    assert (saved.category, saved.text, saved.source, saved.start_date) == (
        "fysisk", "Ingen løft over 10 kg", "laegeerklaering", date.today())


def test_free_text_and_keyboard_only(qtbot, ctx, world):
    dlg = open_editor(qtbot, ctx, world.citizen_id)
    qtbot.keyClick(dlg.category, Qt.Key.Key_Down)  # Pauser
    qtbot.keyClick(dlg.category, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # &Beskrivelse
    assert dlg.text.hasFocus()
    qtbot.keyClicks(dlg.text, "Må gå en tur, når det bliver for meget - æøå ÆØÅ")
    qtbot.keyClick(dlg.text, Qt.Key.Key_Tab)
    qtbot.keyClick(dlg.source, Qt.Key.Key_Return)
    assert dlg.result() == QDialog.DialogCode.Accepted
    [saved] = accommodations.active_accommodations(ctx, world.citizen_id)
    assert saved.category == "pauser" and saved.text.endswith("æøå ÆØÅ")


def test_bad_input_at_field_rest_kept(qtbot, ctx, world):
    dlg = open_editor(qtbot, ctx, world.citizen_id)
    dlg.start.selectAll()
    qtbot.keyClicks(dlg.start, "01.06.2026")
    qtbot.keyClicks(dlg.end, "01.05.2026")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() != QDialog.DialogCode.Accepted
    assert dlg.errors.message("text") == "Beskriv skånehensynet."
    assert dlg.errors.message("end_date") == "Slutdatoen ligger før startdatoen."
    assert dlg.end.text() == "01.05.2026" and dlg.start.text() == "01.06.2026"
    dlg.end.selectAll()
    qtbot.keyClicks(dlg.end, "1.13.2026")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.errors.message("end_date") == "Slutdatoen er ikke en gyldig dato (skriv fx 23.11.2026)."
    save_screen(dlg, "accommodation_editor_refused")
    assert accommodations.all_accommodations(ctx, world.citizen_id) == []


def test_change_writes_new_version_and_keeps_history(qtbot, ctx, world):
    first = accommodations.add_accommodation(ctx, world.citizen_id, category="omgivelser", source="borger",
                                             text="Rolig arbejdsplads", start_date=date(2026, 1, 5))
    dlg = open_editor(qtbot, ctx, world.citizen_id, first.id)
    assert dlg.text.toPlainText() == "Rolig arbejdsplads"
    qtbot.mouseClick(pick_button(dlg, "Mulighed for høreværn mod støj"), Qt.MouseButton.LeftButton)
    assert dlg.text.toPlainText() == "Rolig arbejdsplads\nMulighed for høreværn mod støj"
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    newest, oldest = accommodations.history(ctx, dlg.accommodation_id)
    assert oldest.id == first.id and oldest.text == "Rolig arbejdsplads" and oldest.superseded
    assert newest.text.endswith("støj") and newest.supersedes_id == first.id
    again = open_editor(qtbot, ctx, world.citizen_id, newest.id)
    lines = again.history.toPlainText().splitlines()
    assert len(lines) == 2 and lines[1].endswith("Rolig arbejdsplads (Borgeren, 05.01.2026–)")
    assert again.history.isReadOnly()
    save_screen(again, "accommodation_editor_history")
    old = open_editor(qtbot, ctx, world.citizen_id, first.id)
    assert not old.save_button.isEnabled()  # an old version is history, not editable
