"""What the visit editor proposes as the next contact (the follow-up plan
applied to one citizen's placement), and the small look-ups the field
editors need (the coaches to choose from)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.context import Context
from app.rules.followup import SMALL_FLEX_JOB_HOURS, FollowUpInput, next_due
from app.rules.schedule import Slot, weekly_hours
from db.enums import PlacementType
from db.models import Coach, Placement, ScheduleSlot, WageAgreement


@dataclass(frozen=True)
class Proposal:
    due: date
    reason: str           # Danish: which rule of the plan gave the date
    placement_id: str


@dataclass(frozen=True)
class CoachChoice:
    id: str
    name: str


def _weekly_hours(s, placement_id: str, on: date) -> float | None:
    """Effective hours a week (fleksjob: the small-job rule counts these) from
    the wage version in force, else the weekly schedule's hours."""
    wage = s.scalars(select(WageAgreement).where(
        WageAgreement.placement_id == placement_id, WageAgreement.deleted_at.is_(None),
        WageAgreement.valid_from <= on).order_by(WageAgreement.valid_from.desc(),
                                                 WageAgreement.version_no.desc())).first()
    if wage is not None:
        return wage.paid_hours
    slots = s.scalars(select(ScheduleSlot).where(ScheduleSlot.placement_id == placement_id,
                                                 ScheduleSlot.deleted_at.is_(None))).all()
    return weekly_hours([Slot(x.weekday, x.start_time, x.end_time) for x in slots]) if slots else None


def _reason(placement_type: str, hours: float | None, start: date, contact: date) -> str:
    if placement_type == PlacementType.FLEX_JOB and (hours or 0) <= SMALL_FLEX_JOB_HOURS:
        return "Fleksjob på højst 10 timer: hver 4. uge de første 3 måneder, derefter kvartalsvis."
    if (contact - start).days < 365:
        return "Kontakt mindst én gang om måneden i forløbets første år."
    return "Efter det første år: kontakt hvert kvartal."


def current_placement(ctx: Context, citizen_id: str, on: date) -> str | None:
    """The citizen's placement running on a day (the latest started), if any."""
    with ctx.uow() as s:
        return s.scalar(select(Placement.id).where(
            Placement.citizen_id == citizen_id, Placement.deleted_at.is_(None),
            Placement.start_date <= on,
            (Placement.end_date.is_(None)) | (Placement.end_date >= on),
        ).order_by(Placement.start_date.desc()).limit(1))


def propose_next_contact(ctx: Context, placement_id: str | None, contact_day: date) -> Proposal | None:
    """The next contact due after a contact on `contact_day` in this placement."""
    if not placement_id:
        return None
    with ctx.uow() as s:
        placement = s.get(Placement, placement_id)
        if placement is None or placement.deleted_at is not None:
            return None
        hours = _weekly_hours(s, placement_id, contact_day)
        plan = FollowUpInput(placement.placement_type, placement.start_date, hours,
                             max(contact_day, placement.start_date))
        return Proposal(next_due(plan), _reason(placement.placement_type, hours,
                                                placement.start_date, contact_day), placement_id)


def list_coaches(ctx: Context) -> list[CoachChoice]:
    with ctx.uow() as s:
        rows = s.scalars(select(Coach).where(Coach.deleted_at.is_(None)).order_by(Coach.full_name))
        return [CoachChoice(c.id, c.full_name or c.username) for c in rows]
