"""Signing through the dialog (pytest-qt): strokes drawn with the mouse on
each party's pad, the sealed copy kept and shown, Ryd and Fortryd."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtPdf import QPdfDocument

from app import seal_keys
from app.documents import seal
from app.services import addenda, addendum_files, signatures, signing_state
from tests.test_addendum_helpers import make_placement
from ui.addendum_dialog import AddendumDialog
from ui.widgets.signature_pad import SignaturePad
from ui.worker import wait_for_all

SHOTS = Path("/tmp/signing")


def _draw(qtbot, pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def _zigzag(offset: int) -> list[tuple[int, int]]:
    return [(20 + 12 * i, 60 + (25 if (i + offset) % 2 else -15)) for i in range(20)]


def _open(qtbot, ctx, placement_id: str) -> AddendumDialog:
    dialog = AddendumDialog(ctx, placement_id)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.document.status() == QPdfDocument.Status.Ready, timeout=15_000)
    return dialog


def test_pad_keeps_strokes_with_undo_and_clear(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 150)
    pad.show()
    _draw(qtbot, pad, _zigzag(0))
    _draw(qtbot, pad, [(30, 30), (90, 40), (150, 35)])
    assert [len(s) for s in pad.strokes()] == [20, 3]
    assert pad.to_data()["strokes"][1][0] == [30.0, 30.0]
    pad.undo()
    assert len(pad.strokes()) == 1
    pad.clear()
    assert pad.is_empty() and pad.to_data()["strokes"] == []


def test_sign_in_the_dialog_and_get_a_sealed_copy(qtbot, ctx):
    made = make_placement(ctx)
    dialog = _open(qtbot, ctx, made.placement_id)
    sign = dialog.signing.start_signing()
    assert sign is not None
    version = addenda.versions(ctx, made.placement_id)[0]  # the draft was frozen as version 1
    assert signatures.short_hash(version.content_hash) in sign.findChildren(type(dialog.status))[0].text()
    sign.resize(1366, 768)
    for n, box in enumerate(sign.boxes.values()):
        _draw(qtbot, box.pad, _zigzag(n))
        _draw(qtbot, box.pad, [(40, 100), (200, 104)])
        box.buttons["Fortryd"].click()  # the second stroke goes again
        assert len(box.pad.strokes()) == 1 and box.signed_at is not None
    sign.boxes["company"].job_title.setText("Gartner og værkfører")
    SHOTS.mkdir(exist_ok=True)
    sign.grab().save(str(SHOTS / "sign_dialog.png"))
    sign.submit()
    qtbot.waitUntil(lambda: sign.result_ is not None, timeout=20_000)
    wait_for_all()
    assert sign.result_.seal_error == ""
    kept = signatures.signatures(ctx, version.id)
    assert {s.party for s in kept} == {"citizen", "company", "coach"}
    assert next(s for s in kept if s.party == "company").signer_title == "Gartner og værkfører"
    assert all(len(s.strokes["strokes"]) == 1 for s in kept)
    qtbot.waitUntil(lambda: dialog.pdf == signatures.sealed_pdf(ctx, version.id), timeout=15_000)
    assert seal.check(dialog.pdf, seal_keys.stored().certs_pem).intact
    state = signing_state.states(ctx, made.placement_id)[version.id]
    assert state.sealed and "underskrevet på skærm" in dialog.signing.state.text().lower()
    assert not dialog.signing.sign_button.isEnabled()  # a version is signed once
    assert dialog.document.status() == QPdfDocument.Status.Ready and dialog.document.pageCount() >= 3
    qtbot.wait(300)  # let the view paint its pages before the picture is taken
    dialog.grab().save(str(SHOTS / "addendum_dialog.png"))


def test_missing_signature_is_shown_at_the_party(qtbot, ctx):
    made = make_placement(ctx)
    dialog = _open(qtbot, ctx, made.placement_id)
    sign = dialog.signing.start_signing()
    _draw(qtbot, sign.boxes["citizen"].pad, _zigzag(1))
    sign.submit()
    qtbot.waitUntil(lambda: sign.sign_button.isEnabled(), timeout=15_000)
    assert sign.boxes["coach"].error.text() == "Jobcoachen mangler at underskrive."
    assert sign.boxes["citizen"].error.isHidden()
    assert signatures.signatures(ctx, addenda.versions(ctx, made.placement_id)[0].id) == []


def test_attach_a_paper_copy_in_the_dialog(qtbot, ctx, tmp_path):
    made = make_placement(ctx)
    dialog = _open(qtbot, ctx, made.placement_id)
    scan = tmp_path / "scan.jpg"
    scan.write_bytes(b"\xff\xd8\xff\xe0" + bytes(500))
    kept = dialog.signing.attach_file(scan)
    assert kept is not None and kept.media_type == "image/jpeg"
    assert [f.id for f in addendum_files.files(ctx, kept.addendum_id)] == [kept.id]
    assert "kopi vedhæftet" in dialog.signing.state.text()
    assert dialog.signing.open_button.isEnabled() and "underskrevet kopi vedhæftet" in dialog.status.text()
    opened = dialog.signing.paper_copy_file()
    assert opened is not None and opened.suffix == ".jpg" and opened.read_bytes() == scan.read_bytes()
    opened.unlink()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "addendum_attached.png"))


def test_placement_view_shows_the_signing_state(qtbot, ctx):
    from app.services import placements
    from tests.signing_support import sign_latest
    from ui.views.placement_summary import PlacementSummary

    made = make_placement(ctx)
    view = PlacementSummary(ctx)
    qtbot.addWidget(view)
    view.show_placement(placements.get_placement(ctx, made.placement_id))
    assert "Tillægsaftale: Ingen tillægsaftale udskrevet endnu" in view.text.text()
    addenda.print_addendum(ctx, made.placement_id)
    view.show_placement(placements.get_placement(ctx, made.placement_id))
    assert "Version 1, udskrevet" in view.text.text() and "ikke underskrevet" in view.text.text()
    sign_latest(ctx, made.placement_id)
    view.show_placement(placements.get_placement(ctx, made.placement_id))
    assert "underskrevet på skærm" in view.text.text()
    view.resize(900, 500)
    view.grab().save(str(SHOTS / "placement_summary.png"))


def test_settings_import_the_municipality_certificate(qtbot, ctx, tmp_path):
    from tests.test_signing_cli import _municipality_p12
    from ui.views.settings_dialog import SettingsDialog

    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert "Installationens eget certifikat" in dialog.seal.current.text()
    p12 = tmp_path / "kommune.p12"
    p12.write_bytes(_municipality_p12("rigtig"))
    assert not dialog.seal.import_file(p12, "forkert")
    assert "adgangskoden" in dialog.seal.error.text().lower() and seal_keys.stored() is None
    assert dialog.seal.import_file(p12, "rigtig")
    assert "Kommunens certifikat" in dialog.seal.current.text() and dialog.seal.error.isHidden()
    dialog.show()
    dialog.grab().save(str(SHOTS / "settings.png"))


def test_pad_takes_a_finger_and_a_pen(qtbot):
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QInputDevice, QPointingDevice, QTabletEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 150)
    pad.show()
    finger = QTest.createTouchDevice()
    QTest.touchEvent(pad, finger).press(0, QPoint(20, 20)).commit()
    for x in (40, 60, 80):
        QTest.touchEvent(pad, finger).move(0, QPoint(x, 30)).commit()
    QTest.touchEvent(pad, finger).release(0, QPoint(90, 30)).commit()
    (stroke,) = pad.strokes()
    # offscreen, QTest maps touch points through the window: allow its frame's few pixels
    assert abs(stroke[0][0] - 20) <= 3 and abs(stroke[0][1] - 20) <= 3
    assert len(stroke) == 5 and [round(b[0] - a[0]) for a, b in zip(stroke, stroke[1:])] == [20, 20, 20, 10]
    pen = QPointingDevice("pen", 7, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                          QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 3)
    for kind, x in ((QTabletEvent.Type.TabletPress, 100), (QTabletEvent.Type.TabletMove, 140),
                    (QTabletEvent.Type.TabletMove, 180), (QTabletEvent.Type.TabletRelease, 200)):
        event = QTabletEvent(kind, pen, QPointF(x, 100), QPointF(x, 100), 0.5, 0.0, 0.0, 0.0, 0.0, 0.0,
                             Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
                             Qt.MouseButton.LeftButton)
        QApplication.sendEvent(pad, event)
    assert len(pad.strokes()) == 2
    assert [p[0] for p in pad.strokes()[1]] == [100.0, 140.0, 180.0, 200.0]
