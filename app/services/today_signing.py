"""*I dag*: tillægsaftaler printed more than 14 days ago whose newest
version is still not signed (on screen, on paper, or with a date)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select

from db.models import Addendum, AddendumFile, AddendumSignature, Citizen, Placement

UNSIGNED_DAYS = 14
KIND = "addendum_unsigned"


def unsigned_addenda(s, today: date, coach_id: str | None, item_type: type) -> list:
    """One item per active placement; `item_type` is TodayItem (passed in to
    keep the two modules free of a circular import)."""
    newest = (select(Addendum.placement_id, func.max(Addendum.version_no).label("no"))
              .where(Addendum.deleted_at.is_(None)).group_by(Addendum.placement_id).subquery())
    cutoff = datetime.combine(today - timedelta(days=UNSIGNED_DAYS), time.min)
    q = (select(Addendum.id, Addendum.version_no, Addendum.printed_at, Addendum.content_hash,
                Placement.id.label("placement_id"), Placement.citizen_id, Citizen.name)
         .join(newest, (newest.c.placement_id == Addendum.placement_id) & (newest.c.no == Addendum.version_no))
         .join(Placement, Placement.id == Addendum.placement_id)
         .join(Citizen, Citizen.id == Placement.citizen_id)
         .where(Addendum.deleted_at.is_(None), Addendum.signed_on.is_(None), Addendum.printed_at < cutoff,
                Placement.deleted_at.is_(None), Citizen.deleted_at.is_(None),
                Placement.end_date.is_(None) | (Placement.end_date >= today)))
    if coach_id:
        q = q.where(Placement.coach_id == coach_id)
    rows = s.execute(q).all()
    ids = [r.id for r in rows]
    signed = set(s.scalars(select(AddendumSignature.addendum_id).where(
        AddendumSignature.addendum_id.in_(ids), AddendumSignature.deleted_at.is_(None))))
    papers = set(s.scalars(select(AddendumFile.addendum_id).where(
        AddendumFile.addendum_id.in_(ids), AddendumFile.deleted_at.is_(None))))
    return [item_type(KIND, r.citizen_id, r.name,
                      f"Tillægsaftale version {r.version_no} er ikke underskrevet "
                      f"(udskrevet {r.printed_at:%d.%m.%Y})",
                      r.printed_at.date() + timedelta(days=UNSIGNED_DAYS), placement_id=r.placement_id)
            for r in rows if r.id not in signed and r.id not in papers]
