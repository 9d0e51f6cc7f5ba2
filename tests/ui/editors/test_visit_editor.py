"""Visit editor: typing at once, notes saved as typed and on close, checks,
actions and the proposed next contact; read back through fresh service calls."""
from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from app.rules.dates import add_months
from app.services import accommodations, visits
from app.services.crud import NotFound
from tests.ui.editors.conftest import save_screen, show_active
from ui.editors.visit_editor import VisitEditor


@pytest.fixture
def two_accommodations(ctx, world):
    a = accommodations.add_accommodation(ctx, world.citizen_id, category="fysisk", source="laegeerklaering",
                                         text="Ingen løft over 10 kg", start_date=date(2026, 1, 1))
    b = accommodations.add_accommodation(ctx, world.citizen_id, category="kognitiv", source="borger",
                                         text="Fast person at spørge", start_date=date(2026, 1, 1))
    return a, b


def open_visit(qtbot, ctx, citizen_id, visit_id=None) -> VisitEditor:
    dlg = VisitEditor(ctx, citizen_id, visit_id)
    show_active(qtbot, dlg)
    return dlg


def test_new_visit_is_created_with_cursor_in_notes(qtbot, ctx, world):
    before = datetime.now().replace(second=0, microsecond=0)
    dlg = open_visit(qtbot, ctx, world.citizen_id)
    assert QApplication.focusWidget() is dlg.form.notes  # typing can start at once
    stored = visits.get_visit(ctx, dlg.visit_id)
    assert (stored.channel, stored.status, stored.placement_id) == ("paa_stedet", "afholdt", world.placement_id)
    assert before <= stored.at <= datetime.now()


def test_notes_autosave_within_two_seconds_while_typing(qtbot, ctx, world):
    dlg = open_visit(qtbot, ctx, world.citizen_id)
    started = time.monotonic()
    typed = ""
    # Type continuously for 3 s: the debounce never fires, the 2 s max-wait must.
    while time.monotonic() - started < 3.0:
        qtbot.keyClicks(dlg.form.notes, "ab ")
        typed += "ab "
        qtbot.wait(60)
        stored = visits.get_visit(ctx, dlg.visit_id).notes
        if time.monotonic() - started > 2.3:
            assert stored, "nothing saved 2.3 s into continuous typing"
    assert typed.startswith(visits.get_visit(ctx, dlg.visit_id).notes)
    qtbot.keyClicks(dlg.form.notes, "Slut æøå")
    qtbot.waitUntil(lambda: visits.get_visit(ctx, dlg.visit_id).notes == typed + "Slut æøå", timeout=2000)
    assert dlg.form.save_state.text().startswith("Noterne er gemt kl.")
    assert dlg.autosaver.last_duration_ms < 100


def test_notes_saved_on_focus_change_and_on_escape(qtbot, ctx, world):
    dlg = open_visit(qtbot, ctx, world.citizen_id)
    qtbot.keyClicks(dlg.form.notes, "Møde med Lise")
    qtbot.keyClick(dlg.form.notes, Qt.Key.Key_Tab)  # leaves the notes field: saved now
    assert visits.get_visit(ctx, dlg.visit_id).notes == "Møde med Lise"
    dlg.form.notes.setFocus()
    qtbot.keyClicks(dlg.form.notes, " og borgeren")
    qtbot.keyClick(dlg.form.notes, Qt.Key.Key_Escape)  # Escape closes and never loses notes
    assert not dlg.isVisible() and dlg.result() == QDialog.DialogCode.Accepted  # saved: caller refreshes
    assert visits.get_visit(ctx, dlg.visit_id).notes == "Møde med Lise og borgeren"


def test_cancelling_a_new_empty_visit_deletes_it(qtbot, ctx, world):
    dlg = open_visit(qtbot, ctx, world.citizen_id)
    qtbot.keyClick(dlg.form.notes, Qt.Key.Key_Escape)
    assert dlg.result() == QDialog.DialogCode.Rejected
    with pytest.raises(NotFound):
        visits.get_visit(ctx, dlg.visit_id)


def test_checks_actions_and_fields_saved(qtbot, ctx, world, two_accommodations):
    lift, person = two_accommodations
    dlg = open_visit(qtbot, ctx, world.citizen_id)
    qtbot.keyClicks(dlg.form.notes, "Godt besøg.")
    rows = {row.accommodation.id: row for row in dlg.form.checks.rows}
    assert set(rows) == {lift.id, person.id}
    rows[lift.id].status.setCurrentIndex(rows[lift.id].status.findText("Overholdes"))
    rows[person.id].status.setCurrentIndex(rows[person.id].status.findText("Skal ændres"))
    qtbot.keyClicks(rows[person.id].comment, "Kontaktpersonen er ofte væk")
    qtbot.keyClick(dlg.form.channel, Qt.Key.Key_Down)  # Telefon
    qtbot.keyClicks(dlg.form.participants, "Borgeren, Lise Holm")
    dlg.form.actions_panel.text.setFocus()
    qtbot.keyClicks(dlg.form.actions_panel.text, "Aftale ny kontaktperson")
    qtbot.keyClicks(dlg.form.actions_panel.owner, "Lise Holm")
    qtbot.keyClicks(dlg.form.actions_panel.due, "01.12.2026")
    qtbot.keyClick(dlg.form.actions_panel.due, Qt.Key.Key_Return)  # adds the action, keeps the visit open
    assert dlg.isVisible() and dlg.form.actions_panel.list.count() == 1
    save_screen(dlg, "visit_editor", (1180, 700))
    qtbot.mouseClick(dlg.close_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    marks = {c.accommodation_id: (c.status, c.comment) for c in visits.checks_of_visit(ctx, dlg.visit_id)}
    assert marks == {lift.id: ("overholdes", ""), person.id: ("skal_aendres", "Kontaktpersonen er ofte væk")}
    [action] = visits.actions_of_citizen(ctx, world.citizen_id)
    assert (action.text, action.owner, action.due_date, action.visit_id) == (
        "Aftale ny kontaktperson", "Lise Holm", date(2026, 12, 1), dlg.visit_id)
    stored = visits.get_visit(ctx, dlg.visit_id)
    assert (stored.channel, stored.participants, stored.notes) == ("telefon", "Borgeren, Lise Holm", "Godt besøg.")
    assert stored.next_contact == add_months(stored.at.date(), 1)  # monthly in the first year


def test_bad_input_at_field_rest_kept(qtbot, ctx, world, two_accommodations):
    dlg = open_visit(qtbot, ctx, world.citizen_id)
    qtbot.keyClicks(dlg.form.notes, "Noter")
    row = dlg.form.checks.rows[0]
    row.comment.setFocus()
    qtbot.keyClicks(row.comment, "Kommentar uden vurdering")
    dlg.form.actions_panel.text.setFocus()
    qtbot.keyClicks(dlg.form.actions_panel.due, "32.12.2026")
    qtbot.mouseClick(dlg.form.actions_panel.add_button, Qt.MouseButton.LeftButton)
    assert dlg.form.actions_panel.errors.message("due_date") == "Fristen er ikke en gyldig dato (skriv fx 23.11.2026)."
    assert row.error.text() == "Vælg overholdes, overholdes ikke eller skal ændres."
    dlg.form.at.setDateTime(datetime.now() + timedelta(days=2))
    dlg.form.at.editingFinished.emit()
    assert dlg.form.errors.message("at") == "Et besøg i fremtiden kan ikke markeres som afholdt."
    save_screen(dlg, "visit_editor_refused", (1180, 700))
    qtbot.mouseClick(dlg.close_button, Qt.MouseButton.LeftButton)
    assert dlg.isVisible()  # what cannot be saved keeps the dialog open, typing intact
    assert row.comment.text() == "Kommentar uden vurdering"
    assert visits.get_visit(ctx, dlg.visit_id).notes == "Noter"
    dlg.form.status.setCurrentIndex(dlg.form.status.findText("Planlagt"))
    row.status.setCurrentIndex(row.status.findText("Overholdes ikke"))
    dlg.form.actions_panel.due.clear()
    qtbot.keyClicks(dlg.form.actions_panel.text, "Ring til lægen")
    qtbot.mouseClick(dlg.close_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert visits.get_visit(ctx, dlg.visit_id).status == "planlagt"


def test_reopen_shows_everything_and_next_contact_editable(qtbot, ctx, world):
    first = open_visit(qtbot, ctx, world.citizen_id)
    qtbot.keyClicks(first.form.notes, "Første besøg")
    first.form.next_contact.setFocus()
    first.form.next_contact.selectAll()
    qtbot.keyClicks(first.form.next_contact, "05.01.2027")
    qtbot.keyClick(first.form.next_contact, Qt.Key.Key_Return)  # Enter closes (saves)
    assert first.result() == QDialog.DialogCode.Accepted
    again = open_visit(qtbot, ctx, world.citizen_id, first.visit_id)
    assert again.form.notes.toPlainText() == "Første besøg"
    assert again.form.next_contact.text() == "05.01.2027"
    assert visits.get_visit(ctx, first.visit_id).next_contact == date(2027, 1, 5)


def test_long_pasted_note_saved_whole(qtbot, ctx, world):
    dlg = open_visit(qtbot, ctx, world.citizen_id)
    long_note = ("Æblet faldt. Ønsket var klart. Åen løb. 🙂 " * 2500)[:100_000]
    dlg.form.notes.insertPlainText(long_note)  # as a paste
    qtbot.waitUntil(lambda: visits.get_visit(ctx, dlg.visit_id).notes == long_note, timeout=2500)
    qtbot.keyClicks(dlg.form.notes, " slut")
    qtbot.mouseClick(dlg.close_button, Qt.MouseButton.LeftButton)
    assert visits.get_visit(ctx, dlg.visit_id).notes == long_note + " slut"
