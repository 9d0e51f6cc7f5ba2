"""Signing a tillægsaftale on screen: signatures per frozen version, a
sealed PDF that any reader can check, and paper copies."""
from __future__ import annotations

import pytest

from app import seal_keys
from app.documents import seal
from app.rules.errors import ValidationError
from app.services import addenda, addendum_files, placements, signatures
from tests.signing_support import flip_signed_byte, inputs, pdfsig, sign_latest
from tests.test_addendum_helpers import flat, make_placement, pdf_text


def _line_ops(pdf: bytes) -> int:
    """Path line-to operators on the last page (where the signatures are)."""
    import io

    from pypdf import PdfReader

    page = PdfReader(io.BytesIO(pdf)).pages[-1]
    return page.get_contents().get_data().split().count(b"l")


def test_signed_copy_is_sealed_and_any_change_is_detected(ctx, tmp_path):
    made = make_placement(ctx)
    dto, result = sign_latest(ctx, made.placement_id)
    assert result.seal_error == "" and result.sealed is not None
    pdf = signatures.sealed_pdf(ctx, dto.id)
    assert pdf is not None and pdf.startswith(b"%PDF-")
    text = flat("".join(pdf_text(pdf)))
    assert "Dato og tid" in text and "ikke underskrevet" not in text
    assert f"Vilkårenes kontrolsum: {signatures.short_hash(dto.content_hash)}" in text
    drawn = sum(len(s.strokes["strokes"][0]) + len(s.strokes["strokes"][1]) - 2
                for s in signatures.signatures(ctx, dto.id))
    assert _line_ops(pdf) - _line_ops(addenda.reproduce(ctx, dto.id, log=False)) >= drawn  # vector lines
    identity = seal_keys.stored()
    assert identity is not None and identity.self_signed
    ok = seal.check(pdf, identity.certs_pem)
    assert ok.intact and ok.trusted and ok.covers_file
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf)
    report = pdfsig(path)
    assert "Signature is Valid" in report and "Total document signed" in report
    broken = flip_signed_byte(pdf)
    assert not seal.check(broken, identity.certs_pem).intact
    path.write_bytes(broken)
    assert "Digest Mismatch" in pdfsig(path)
    assert addenda.versions(ctx, made.placement_id)[-1].signed_on is not None


def test_a_changed_term_makes_the_next_version_unsigned(ctx):
    made = make_placement(ctx)
    v1, _ = sign_latest(ctx, made.placement_id)
    placements.update_placement(ctx, made.placement_id, tasks="Nye opgaver: pasning af drivhuset.")
    v2, _, new = addenda.print_addendum(ctx, made.placement_id)
    assert new and v2.version_no == 2
    assert signatures.signatures(ctx, v2.id) == [] and signatures.sealed_pdf(ctx, v2.id) is None
    assert len(signatures.signatures(ctx, v1.id)) == 3
    with pytest.raises(ValidationError) as err:  # the old terms can no longer be signed
        signatures.sign(ctx, v1.id, inputs(ctx, v1.id))
    assert "version" in err.value.errors


def test_signing_needs_every_party_and_a_drawing(ctx):
    made = make_placement(ctx)
    dto, _, _ = addenda.print_addendum(ctx, made.placement_id)
    given = inputs(ctx, dto.id)
    blank = [given[0], given[1].__class__(**{**given[1].__dict__, "strokes": {"w": 9, "h": 9, "strokes": []}})]
    with pytest.raises(ValidationError) as err:
        signatures.sign(ctx, dto.id, blank)
    assert set(err.value.errors) >= {"company", "coach"}
    bad = [given[0].__class__(**{**given[0].__dict__, "strokes": {"w": 9, "h": 9, "strokes": [["x"]]}}),
           given[1].__class__(**{**given[1].__dict__, "signer_name": "  "}), given[2]]
    with pytest.raises(ValidationError) as err:
        signatures.sign(ctx, dto.id, bad)
    assert "kunne ikke læses" in err.value.errors["citizen"] and "company_name" in err.value.errors
    assert signatures.signatures(ctx, dto.id) == []


def test_a_paper_copy_is_kept_and_checked(ctx):
    made = make_placement(ctx)
    dto, _, _ = addenda.print_addendum(ctx, made.placement_id)
    with pytest.raises(ValidationError):
        addendum_files.attach_paper(ctx, dto.id, "noter.txt", b"hello")
    scan = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    kept = addendum_files.attach_paper(ctx, dto.id, "scan.png", scan)
    assert kept.media_type == "image/png" and kept.size == len(scan)
    assert addendum_files.file_data(ctx, kept.id) == scan
    assert [f.kind for f in addendum_files.files(ctx, dto.id)] == ["paper"]


def test_signatures_and_files_are_exported_and_erased_with_the_citizen(ctx, tmp_path):
    import json

    from sqlalchemy import select

    from app.services.privacy import export_citizen
    from app.services.retention import erase_citizen
    from db.models import AddendumFile, AddendumSignature

    made = make_placement(ctx)
    dto, _ = sign_latest(ctx, made.placement_id)
    scan = b"\xff\xd8\xff\xe0" + bytes(range(200))
    addendum_files.attach_paper(ctx, dto.id, "kopi.jpg", scan)
    result = export_citizen(ctx, made.citizen_id, tmp_path / "ud")
    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    version = data["placements"][0]["addenda"][0]
    assert {s["party"] for s in version["signatures"]} == {"citizen", "company", "coach"}
    assert json.loads(version["signatures"][0]["strokes"])["strokes"]
    files = {f["kind"]: tmp_path / "ud" / f["export_file"] for f in version["files"]}
    assert files["paper"].read_bytes() == scan
    assert files["sealed"].read_bytes() == signatures.sealed_pdf(ctx, dto.id)
    assert "underskrevet papirkopi" in flat("".join(pdf_text(result.pdf_path.read_bytes())))
    erase_citizen(ctx, made.citizen_id)
    with ctx.uow() as s:
        sigs = s.scalars(select(AddendumSignature)).all()
        kept = s.scalars(select(AddendumFile)).all()
        assert sigs and all(r.strokes == "{}" and r.signer_name == "" and r.deleted_at for r in sigs)
        assert kept and all(r.data == "" and r.deleted_at for r in kept)


def test_today_lists_agreements_printed_but_unsigned_for_over_14_days(ctx):
    from datetime import date, timedelta

    from app.services import today as today_service

    made = make_placement(ctx)
    dto, _, _ = addenda.print_addendum(ctx, made.placement_id)
    printed = dto.printed_at.date()

    def unsigned(on: date) -> list:
        return [i for i in today_service.overview(ctx, on) if i.kind == "addendum_unsigned"]

    assert unsigned(printed + timedelta(days=14)) == []
    late = unsigned(printed + timedelta(days=15))
    assert [(i.placement_id, i.due) for i in late] == [(made.placement_id, printed + timedelta(days=14))]
    assert "version 1 er ikke underskrevet" in late[0].text
    signatures.sign(ctx, dto.id, inputs(ctx, dto.id))
    assert unsigned(printed + timedelta(days=15)) == []


def test_demo_data_has_signed_and_unsigned_versions(ctx):
    from sqlalchemy import select

    from app.demo import build_demo
    from app.demo_signing import PRINTED_ONLY, SIGNED
    from app.services import signing_state
    from db.models import Addendum

    counts = build_demo(ctx, "small", 3)
    assert counts["signed_addenda"] == SIGNED
    with ctx.uow() as s:
        placement_ids = set(s.scalars(select(Addendum.placement_id)))
    states = [st for pid in placement_ids for st in signing_state.states(ctx, pid).values()]
    assert sum(st.sealed for st in states) == SIGNED
    assert sum(not st.signed for st in states) == PRINTED_ONLY


def test_without_a_keyring_the_signatures_are_kept_and_sealed_later(ctx):
    import keyring
    from keyring.backends import fail

    made = make_placement(ctx)
    dto, _, _ = addenda.print_addendum(ctx, made.placement_id)
    working = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        result = signatures.sign(ctx, dto.id, inputs(ctx, dto.id))
    finally:
        keyring.set_keyring(working)
    assert result.sealed is None and result.seal_error.startswith("Underskrifterne er gemt")
    assert "nøglering" in result.seal_error
    assert len(signatures.signatures(ctx, dto.id)) == 3 and signatures.sealed_pdf(ctx, dto.id) is None
    pdf = signatures.signed_copy(ctx, dto.id)  # sealed now that the keyring answers
    assert pdf is not None and pdf == signatures.sealed_pdf(ctx, dto.id)
    assert seal.check(pdf, seal_keys.stored().certs_pem).intact


def test_an_internal_placement_is_signed_by_the_citizen_and_the_unit(ctx):
    from datetime import date

    from app.services import citizens

    citizen = citizens.create_citizen(ctx, name="Åge Nielsen")
    p = placements.create_placement(ctx, citizen.id, placement_type="intern_laering", start_date=date.today(),
                                    internal_unit="Værkstedet")
    dto, _, _ = addenda.print_addendum(ctx, p.id)
    assert signatures.required_parties(ctx, dto.id) == ("citizen", "coach")
    given = [i for i in inputs(ctx, dto.id) if i.party != "company"]
    assert signatures.sign(ctx, dto.id, given).seal_error == ""
    text = flat("".join(pdf_text(signatures.sealed_pdf(ctx, dto.id))))
    assert "For den kommunale enhed" in text and "For virksomheden" not in text
