"""The addendum dialog offscreen: preview, save, print and the signed date."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from app.services import addenda
from tests.test_addendum_helpers import make_placement
from ui.addendum_dialog import AddendumDialog
from ui.worker import wait_for_all

SCREENS = Path(__file__).resolve().parent / "screens"


def _open(qtbot, ctx, placement_id: str) -> AddendumDialog:
    dialog = AddendumDialog(ctx, placement_id)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)  # the smallest screen the coaches have
    dialog.show()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=15_000)
    return dialog


def test_preview_save_print_and_sign(qtbot, ctx, tmp_path: Path):
    made = make_placement(ctx)
    dialog = _open(qtbot, ctx, made.placement_id)
    assert dialog.document.pageCount() == len(PdfReader(io.BytesIO(dialog.pdf)).pages) > 0
    assert dialog.draft is not None and "Version 1 (ny" in dialog.status.text()
    assert addenda.versions(ctx, made.placement_id) == []  # the preview keeps nothing
    assert dialog.buttons["Gem som PDF…"].isEnabled()

    saved = dialog.save_to(tmp_path / "aftale.pdf")
    assert saved.version_no == 1 and (tmp_path / "aftale.pdf").read_bytes() == dialog.pdf
    assert addenda.verify(ctx, saved.id)

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_to(printer) == dialog.document.pageCount()
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == dialog.document.pageCount()
    assert len(addenda.versions(ctx, made.placement_id)) == 1  # printing again reuses the version

    signed_on = date.today()  # not TODAY (the day the tests started): a run across midnight prints tomorrow
    dialog.signed.setDate(signed_on)
    dialog.sign_button.click()
    assert addenda.versions(ctx, made.placement_id)[0].signed_on == signed_on
    assert "underskrevet" in dialog.status.text()


def test_reopened_dialog_shows_the_kept_version_and_can_show_old_ones(qtbot, ctx):
    made = make_placement(ctx)
    first, _, _ = addenda.print_addendum(ctx, made.placement_id)
    from app.services import placements
    placements.update_placement(ctx, made.placement_id, job_title="Frugtplukker")
    dialog = _open(qtbot, ctx, made.placement_id)
    assert dialog.draft is not None and dialog.draft.version_no == 2
    assert dialog.versions.count() == 2  # the current draft and version 1
    qtbot.wait(1000)  # QPdfView renders its pages in the background
    SCREENS.mkdir(exist_ok=True)
    assert dialog.grab().save(str(SCREENS / "addendum_dialog.png"))
    old_item = dialog.versions.item(1)
    dialog.versions.itemClicked.emit(old_item)
    qtbot.waitUntil(lambda: dialog.shown is not None and dialog.shown.id == first.id, timeout=15_000)
    assert "Version 1, udskrevet" in dialog.status.text()
    assert addenda.sha256(dialog.pdf) == first.file_sha256
    wait_for_all()
