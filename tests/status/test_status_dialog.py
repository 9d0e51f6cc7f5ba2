"""The statusudtalelse dialog offscreen: period fields, the message at a
wrong date, the quote picker, copy to the clipboard and the saved PDF; and
the button in the citizen view that opens it."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from app.services import access_log
from tests.status.citizen import NAME, NOTES, make_citizen
from tests.test_addendum_helpers import flat, pdf_text
from tests.ui.conftest import grab, settle, when_modal
from ui.status_report_dialog import StatusReportDialog


def _open(qtbot, ctx, citizen_id: str) -> StatusReportDialog:
    dialog = StatusReportDialog(ctx, citizen_id)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)  # the smallest screen the coaches have
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _set_period(qtbot, dialog: StatusReportDialog, start: str, end: str) -> None:
    dialog.start.setText(start)
    dialog.end.setText(end)
    qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    settle(qtbot)


@pytest.fixture
def made(ctx):
    return make_citizen(ctx)


def test_period_figures_quotes_copy_and_save(qtbot, ctx, made, tmp_path: Path):
    dialog = _open(qtbot, ctx, made.citizen_id)
    assert NAME in dialog.windowTitle()
    assert dialog.start.placeholderText() == dialog.end.placeholderText() == "dd.mm.åååå"
    _set_period(qtbot, dialog, "01.03.2026", "31.08.2026")
    preview = dialog.preview.toPlainText()
    assert "- august 2026: fremmøde 60 t, effektive 36 t, ordinære 12 t" in preview
    assert "Udvikling: stigende." in preview

    items = [dialog.quotes.item(i) for i in range(dialog.quotes.count())]
    passages = [i.data(Qt.ItemDataRole.UserRole).text for i in items if i.data(Qt.ItemDataRole.UserRole)]
    assert "Hun har selv bedt om flere opgaver ved kassen." in passages
    assert all(p in NOTES and p != NOTES.strip() for p in passages if "Karen" in p or "Hun" in p)
    wanted = next(i for i in items if "Kollegerne oplever" in i.text())
    dialog.quotes.setCurrentItem(wanted)
    qtbot.mouseClick(dialog.quote_button, Qt.MouseButton.LeftButton)
    assessment = dialog.assessment.toPlainText()
    assert assessment.startswith("»Kollegerne oplever hende som rolig og grundig.« (besøg 20.08.2026)")
    assert "Karen møder stabilt" not in assessment  # only the passage picked, never the whole notes
    qtbot.keyClicks(dialog.recommendation, "Timetallet øges til 18 t.")

    assert grab(dialog, "status_report_dialog").exists()  # tests/screens/, looked at by a person

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.startswith(f"Statusudtalelse til jobcentret – {NAME}")
    assert "»Kollegerne oplever hende som rolig og grundig.«" in copied and "Timetallet øges til 18 t." in copied
    assert "kopieret" in dialog.status.text()

    assert dialog.save_to(tmp_path / "status.pdf") is not None
    text = flat("\n".join(pdf_text((tmp_path / "status.pdf").read_bytes())))
    assert "Timetallet øges til 18 t." in text and "aug. 2026 4 60 t 36 t 12 t 15 t 60 %" in text
    logged = [e.detail.split(",")[0] for e in access_log.query(ctx, citizen_id=made.citizen_id)
              if e.entity == "status_report"]
    assert logged == ["PDF", "Tekst"]


def test_wrong_dates_get_a_message_at_the_field(qtbot, ctx, made):
    dialog = _open(qtbot, ctx, made.citizen_id)
    settle(qtbot)
    _set_period(qtbot, dialog, "31.02.2026", "31.08.2026")
    assert dialog.errors.message("start") == "Startdatoen er ikke en gyldig dato (skriv fx 23.11.2026)."
    assert dialog.errors.message("end") == ""
    assert grab(dialog, "status_report_dialog_wrong_date").exists()
    dialog.start.setText("01.09.2026")
    dialog.end.setFocus()
    qtbot.keyClick(dialog.end, Qt.Key.Key_Return)  # Enter in a date field checks the period
    settle(qtbot)
    assert dialog.errors.message("start") == ""
    assert dialog.errors.message("end") == "Slutdatoen ligger før startdatoen."
    dialog.end.setText("")
    assert dialog.copy_text() == ""
    assert dialog.errors.message("end") == "Slutdatoen skal udfyldes."
    assert dialog.end.text() == "" and dialog.start.text() == "01.09.2026"  # what was typed stays
    assert not [e for e in access_log.query(ctx, citizen_id=made.citizen_id) if e.entity == "status_report"]
    _set_period(qtbot, dialog, "01.03.2026", "31.08.2026")
    assert dialog.errors.message("start") == dialog.errors.message("end") == ""
    assert "marts 2026" in dialog.preview.toPlainText()
    dialog.assessment.setPlainText("x" * 20_001)
    assert dialog.copy_text() == ""
    assert dialog.errors.message("assessment") == "Vurderingen må højst være 20.000 tegn."
    dialog.assessment.setPlainText("Kort vurdering.")
    assert "Kort vurdering." in dialog.copy_text() and "Kort vurdering." in dialog.preview.toPlainText()
    assert dialog.errors.message("assessment") == ""


def test_the_citizen_view_button_opens_the_dialog(qtbot, ctx, made):
    from ui.views.citizen_view import CitizenView

    view = CitizenView(ctx)
    qtbot.addWidget(view)
    view.open(made.citizen_id)
    settle(qtbot)
    button = view.findChild(QPushButton, "status_report")
    assert button is not None and button.text() == "Statusudtalelse"
    seen: list[str] = []

    def look(dialog) -> None:
        seen.append(dialog.windowTitle())
        dialog.reject()
    when_modal(look)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    assert seen == [f"Statusudtalelse – {NAME}"]
