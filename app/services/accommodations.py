"""Skånehensyn: a change never overwrites the old text; it writes a new row
that supersedes it, so the history stays."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from app.context import Context
from app.rules import dates, text
from app.rules.errors import Collector
from app.services import audit
from app.services.crud import get_live, reference
from app.services.dto import AccommodationDTO, to_dto
from db.enums import AccommodationCategory, AccommodationSource
from db.models import Accommodation, Citizen


def clean_accommodation(values: dict[str, Any]) -> dict[str, Any]:
    c = Collector()
    if values.get("category") not in [x.value for x in AccommodationCategory]:
        c.add("category", "Vælg en kategori.")
    if values.get("source") not in [x.value for x in AccommodationSource]:
        c.add("source", "Vælg hvor skånehensynet kommer fra.")
    body = c.check("text", text.note, values.get("text"), "text", "Beskrivelsen")
    if body is not None and not body.strip():
        c.add("text", "Beskriv skånehensynet.")
    start = values.get("start_date")
    if not isinstance(start, date):
        c.add("start_date", "Angiv en startdato.")
    else:
        c.check("start_date", dates.plausible, start, "start_date")
        c.check("end_date", dates.end_not_before_start, start, values.get("end_date"))
    c.check("end_date", dates.plausible, values.get("end_date"), "end_date")
    c.check("placement_id", reference, values.get("placement_id"), "placement_id")
    consent = values.get("share_consent", False)
    if not isinstance(consent, bool):
        c.add("share_consent", "Angiv, om borgeren giver samtykke (ja eller nej).")
    c.raise_if_any()
    keys = ("category", "source", "start_date", "end_date", "placement_id")
    return {k: values.get(k) for k in keys} | {"text": body, "share_consent": consent}


def add_accommodation(ctx: Context, citizen_id: str, **values: Any) -> AccommodationDTO:
    clean = clean_accommodation(values)
    with ctx.uow() as s:
        get_live(s, Citizen, citizen_id, "Borgeren")
        row = Accommodation(citizen_id=citizen_id, **clean)
        s.add(row)
        s.flush()
        audit.record(s, ctx, "create", citizen_id, "accommodation", row.id)
        return to_dto(row, AccommodationDTO)


def change_accommodation(ctx: Context, accommodation_id: str, **changes: Any) -> AccommodationDTO:
    """Write a new version; the old one is marked superseded, its text kept."""
    with ctx.uow() as s:
        old = get_live(s, Accommodation, accommodation_id, "Skånehensynet")
        merged = {k: getattr(old, k) for k in ("category", "source", "start_date", "end_date",
                                               "placement_id", "text", "share_consent")} | changes
        clean = clean_accommodation(merged)
        row = Accommodation(citizen_id=old.citizen_id, supersedes_id=old.id, **clean)
        old.superseded = True
        s.add(row)
        s.flush()
        audit.record(s, ctx, "change", old.citizen_id, "accommodation", row.id)
        return to_dto(row, AccommodationDTO)


def end_accommodation(ctx: Context, accommodation_id: str, end_date: date) -> AccommodationDTO:
    return change_accommodation(ctx, accommodation_id, end_date=end_date)


def active_accommodations(ctx: Context, citizen_id: str, on: date | None = None,
                          placement_id: str | None = None) -> list[AccommodationDTO]:
    on = on or date.today()
    with ctx.uow() as s:
        q = select(Accommodation).where(
            Accommodation.citizen_id == citizen_id, Accommodation.deleted_at.is_(None),
            Accommodation.superseded.is_(False), Accommodation.start_date <= on,
            (Accommodation.end_date.is_(None)) | (Accommodation.end_date >= on))
        if placement_id:
            q = q.where((Accommodation.placement_id.is_(None)) | (Accommodation.placement_id == placement_id))
        return [to_dto(r, AccommodationDTO) for r in s.scalars(q.order_by(Accommodation.category))]


def all_accommodations(ctx: Context, citizen_id: str) -> list[AccommodationDTO]:
    """Current and superseded versions, newest first (the history)."""
    with ctx.uow() as s:
        q = select(Accommodation).where(Accommodation.citizen_id == citizen_id,
                                        Accommodation.deleted_at.is_(None))
        return [to_dto(r, AccommodationDTO) for r in s.scalars(q.order_by(Accommodation.created_at.desc()))]


def history(ctx: Context, accommodation_id: str) -> list[AccommodationDTO]:
    """This version and every version it superseded, newest first."""
    out: list[AccommodationDTO] = []
    with ctx.uow() as s:
        row = s.get(Accommodation, accommodation_id)
        while row is not None:
            out.append(to_dto(row, AccommodationDTO))
            row = s.get(Accommodation, row.supersedes_id) if row.supersedes_id else None
    return out
