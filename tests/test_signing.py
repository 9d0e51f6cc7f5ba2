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


def test_signed_copy_is_sealed_and_any_change_is_detected(ctx, tmp_path):
    made = make_placement(ctx)
    dto, result = sign_latest(ctx, made.placement_id)
    assert result.seal_error == "" and result.sealed is not None
    pdf = signatures.sealed_pdf(ctx, dto.id)
    assert pdf is not None and pdf.startswith(b"%PDF-")
    text = flat("".join(pdf_text(pdf)))
    assert "Dato og tid" in text and "ikke underskrevet" not in text
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
    assert "Signature is Valid" not in pdfsig(path)
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
    blank = [given[0], given[1].__class__(**{**given[1].__dict__, "strokes": {"strokes": []}})]
    with pytest.raises(ValidationError) as err:
        signatures.sign(ctx, dto.id, blank)
    assert set(err.value.errors) >= {"company", "coach"}
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
