"""Signing a tillægsaftale version on screen.

`sign` keeps each party's drawn signature with the hash of the version's
terms, then `ensure_sealed` renders the signed copy (the same document with
the signatures drawn in section 10) and seals it with the installation's or
the municipality's certificate. The signatures are kept first: should the
seal fail (no keyring), nothing signed on site is lost and sealing can be
done again later from what is stored.
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import Context
from app.documents.signature_parties import SignedParty, parties_of, short_hash
from app.rules.errors import ValidationError
from app.services import audit
from app.services.addendum_files import SEALED, FileDTO, live_files, store_file
from app.services.addendum_files import dto_of as file_dto
from app.services.crud import get_live
from app.services.signature_rules import SignatureInput, validate
from db.models import Addendum, AddendumSignature, Placement

__all__ = ["SignatureInput", "SignResult", "SignedParty", "short_hash", "default_names", "required_parties",
           "sign", "ensure_sealed", "sealed_pdf", "signed_copy", "signatures", "signature_rows"]


@dataclass(frozen=True)
class SignResult:
    sealed: FileDTO | None
    seal_error: str  # Danish, empty when sealed


def signature_rows(s: Session, row: Addendum) -> list[AddendumSignature]:
    """The live signatures given on exactly this version's terms."""
    return list(s.scalars(select(AddendumSignature).where(
        AddendumSignature.addendum_id == row.id, AddendumSignature.deleted_at.is_(None),
        AddendumSignature.terms_hash == row.content_hash)))


def default_names(ctx: Context, addendum_id: str) -> dict[str, tuple[str, str]]:
    """Who signs for each party, as the version names them: party -> (name, title)."""
    with ctx.uow() as s:
        snap = json.loads(get_live(s, Addendum, addendum_id, "Tillægsaftalen").content)
    contact = snap.get("contact") or {}
    return {"citizen": ((snap.get("citizen") or {}).get("name", ""), ""),
            "company": (contact.get("name", ""), contact.get("title", "")),
            "coach": ((snap.get("coach") or {}).get("name", ""), "Jobcoach")}


def required_parties(ctx: Context, addendum_id: str) -> tuple[str, ...]:
    with ctx.uow() as s:
        return parties_of(json.loads(get_live(s, Addendum, addendum_id, "Tillægsaftalen").content))


def sign(ctx: Context, addendum_id: str, inputs: list[SignatureInput]) -> SignResult:
    """Keep the three parties' signatures on this version, then seal the signed copy."""
    with ctx.uow() as s:
        row = get_live(s, Addendum, addendum_id, "Tillægsaftalen")
        if signature_rows(s, row):
            raise ValidationError.single("version", "Versionen er allerede underskrevet.")
        validate(row, inputs, _newest(s, row.placement_id))
        for item in inputs:
            s.add(AddendumSignature(addendum_id=row.id, party=item.party, signer_name=item.signer_name.strip(),
                                    signer_title=item.signer_title.strip(), signed_at=item.signed_at,
                                    strokes=json.dumps(item.strokes, separators=(",", ":")),
                                    terms_hash=row.content_hash))
        row.signed_on = _local_day(max(i.signed_at for i in inputs))
        placement = s.get(Placement, row.placement_id)
        audit.record(s, ctx, "change", placement.citizen_id if placement else None, "addendum", row.id,
                     f"underskrevet på skærm version {row.version_no}")
    try:
        return SignResult(ensure_sealed(ctx, addendum_id), "")
    except Exception as exc:
        return SignResult(None, f"Underskrifterne er gemt, men filen kunne ikke forsegles: {exc}")


def _newest(s: Session, placement_id: str) -> Addendum | None:
    return s.scalars(select(Addendum).where(Addendum.placement_id == placement_id, Addendum.deleted_at.is_(None))
                     .order_by(Addendum.version_no.desc())).first()


def _local_day(moment: datetime) -> date:
    return moment.replace(tzinfo=UTC).astimezone().date()


def ensure_sealed(ctx: Context, addendum_id: str) -> FileDTO:
    """The sealed signed copy of the version, made now if it is not kept yet."""
    with ctx.uow() as s:
        row = get_live(s, Addendum, addendum_id, "Tillægsaftalen")
        kept = [f for f in live_files(s, row.id, SEALED) if f.terms_hash == row.content_hash]
        if kept:
            return file_dto(kept[-1])
        signed = [SignedParty(r.party, r.signer_name, r.signer_title, r.signed_at, json.loads(r.strokes))
                  for r in signature_rows(s, row)]
        if not signed:
            raise ValidationError.single("version", "Versionen er ikke underskrevet på skærm.")
        snap, number, printed_at, terms = json.loads(row.content), row.version_no, row.printed_at, row.content_hash
    # Loaded here: reportlab, cryptography and pyHanko take about 2 s to import,
    # which views showing the signing state should not pay at start-up.
    from app import seal_keys
    from app.documents import addendum as document
    from app.documents import seal
    from app.documents.addendum_signature_block import signed_section

    pdf = document.render(snap, number, printed_at, signed_section(signed, terms))
    identity = seal_keys.get_or_create(ctx.settings.unit_name)
    where = snap.get("placement", {}).get("workplace") or ""
    sealed = seal.seal(pdf, identity, f"Tillægsaftale version {number} underskrevet af parterne", where)
    with ctx.uow() as s:
        row = get_live(s, Addendum, addendum_id, "Tillægsaftalen")
        item = store_file(s, row, SEALED, sealed, "application/pdf", f"tillaegsaftale-v{number}-underskrevet.pdf")
        return file_dto(item)


def sealed_pdf(ctx: Context, addendum_id: str) -> bytes | None:
    """The kept sealed copy of a version, or None when it was not signed on screen."""
    with ctx.uow() as s:
        row = get_live(s, Addendum, addendum_id, "Tillægsaftalen")
        kept = [f for f in live_files(s, row.id, SEALED) if f.terms_hash == row.content_hash]
        return base64.b64decode(kept[-1].data) if kept else None


def signed_copy(ctx: Context, addendum_id: str) -> bytes | None:
    """The sealed copy of a version signed on screen, sealed now if that
    failed when it was signed; None when it was not signed on screen."""
    pdf = sealed_pdf(ctx, addendum_id)
    if pdf is None and signatures(ctx, addendum_id):
        ensure_sealed(ctx, addendum_id)
        pdf = sealed_pdf(ctx, addendum_id)
    return pdf


def signatures(ctx: Context, addendum_id: str) -> list[SignedParty]:
    with ctx.uow() as s:
        row = get_live(s, Addendum, addendum_id, "Tillægsaftalen")
        return [SignedParty(r.party, r.signer_name, r.signer_title, r.signed_at, json.loads(r.strokes))
                for r in signature_rows(s, row)]

