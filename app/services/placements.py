"""Placements (forløb) and their weekly schedule."""
from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select

from app.context import Context
from app.rules import dates, terms, text
from app.rules.errors import Collector, ValidationError
from app.rules.hours import NeedsConfirmation, paid_hours
from app.rules.schedule import Slot, check_no_overlap, weekly_hours
from app.services import audit
from app.services.crud import apply_changes, delete_logged, get_live, reference, undelete_logged
from app.services.dto import Page, PlacementDTO, SlotDTO, to_dto
from app.services.wages import latest_wage_row
from db.base import utcnow
from db.enums import PlacementStatus, PlacementType
from db.models import Citizen, Company, Placement, ScheduleSlot, WageAgreement

_FIELDS = ("placement_type", "start_date", "planned_end", "end_date", "job_title", "tasks",
           "tasks_not_to_do", "company_id", "internal_unit", "contact_person_id", "coach_id",
           "status", "adjustment_text", "citizen_goal", "purpose", "benefit")


def clean_placement(values: dict[str, Any]) -> dict[str, Any]:
    """Check a complete set of placement values (the caller merges old ones)."""
    c = Collector()
    out = {k: values.get(k) for k in _FIELDS if k in values}
    if values.get("placement_type") not in [t.value for t in PlacementType]:
        c.add("placement_type", "Vælg en beskæftigelsestype.")
    start = values.get("start_date")
    if not isinstance(start, date):
        c.add("start_date", "Angiv en startdato.")
    else:
        c.check("start_date", dates.plausible, start, "start_date", "Startdatoen")
    for key, label in (("planned_end", "Den planlagte slutdato"), ("end_date", "Slutdatoen")):
        c.check(key, dates.plausible, values.get(key), key, label)
        if isinstance(start, date):
            c.check(key, dates.end_not_before_start, start, values.get(key), key)
    for key in ("company_id", "contact_person_id", "coach_id"):
        if key in values:
            out[key] = c.check(key, reference, values[key], key)
    for key, label in (("job_title", "Jobtitlen"), ("internal_unit", "Enheden")):
        if key in values:
            out[key] = c.check(key, text.optional_line, values[key], key, label)
    if "benefit" in values:
        out["benefit"] = c.check("benefit", text.optional_line, values["benefit"], "benefit", "Ydelsen")
    for key in ("tasks", "tasks_not_to_do", "adjustment_text", "citizen_goal", "purpose"):
        if key in values:
            out[key] = c.check(key, text.note, values[key], key)
    # Checked on the cleaned texts: a value of the wrong kind has its message already.
    unit = out.get("internal_unit") if "internal_unit" not in c.errors else "?"
    if not values.get("company_id") and not (unit if isinstance(unit, str) else "").strip():
        c.add("company_id", "Vælg en virksomhed eller skriv den interne enhed.")
    if not any(k in c.errors for k in ("planned_end", "end_date", "purpose")):
        purpose = out.get("purpose") or ""
        terms.check_period(values.get("placement_type") or "", start, values.get("planned_end"),
                           values.get("end_date"), purpose if isinstance(purpose, str) else "", c)
    if values.get("status", PlacementStatus.ACTIVE) not in [s.value for s in PlacementStatus]:
        c.add("status", "Ukendt status.")
    c.raise_if_any()
    return out


def _dto(s, row: Placement) -> PlacementDTO:
    citizen = s.get(Citizen, row.citizen_id)
    company = s.get(Company, row.company_id) if row.company_id else None
    return to_dto(row, PlacementDTO, citizen_name=citizen.name if citizen else "",
                  company_name=company.name if company else row.internal_unit)


def create_placement(ctx: Context, citizen_id: str, **values: Any) -> PlacementDTO:
    values.setdefault("coach_id", ctx.coach_id)
    clean = clean_placement(values)
    with ctx.uow() as s:
        get_live(s, Citizen, citizen_id, "Borgeren")
        if clean.get("company_id"):
            get_live(s, Company, clean["company_id"], "Virksomheden")
        row = Placement(citizen_id=citizen_id, **clean)
        s.add(row)
        s.flush()
        audit.record(s, ctx, "create", citizen_id, "placement", row.id)
        return _dto(s, row)


def update_placement(ctx: Context, placement_id: str, **changes: Any) -> PlacementDTO:
    with ctx.uow() as s:
        row = get_live(s, Placement, placement_id, "Forløbet")
        merged = {k: getattr(row, k) for k in _FIELDS} | changes
        clean = clean_placement(merged)
        apply_changes(row, {k: clean[k] for k in changes if k in clean})
        s.flush()
        audit.record(s, ctx, "change", row.citizen_id, "placement", row.id, ",".join(sorted(changes)))
        return _dto(s, row)


def delete_placement(ctx: Context, placement_id: str) -> None:
    delete_logged(ctx, Placement, placement_id, "Forløbet", "placement")


def undelete_placement(ctx: Context, placement_id: str) -> None:
    undelete_logged(ctx, Placement, placement_id, "placement")


def get_placement(ctx: Context, placement_id: str) -> PlacementDTO:
    with ctx.uow() as s:
        return _dto(s, get_live(s, Placement, placement_id, "Forløbet"))


def placements_of_citizen(ctx: Context, citizen_id: str) -> list[PlacementDTO]:
    with ctx.uow() as s:
        rows = s.scalars(select(Placement).where(
            Placement.citizen_id == citizen_id, Placement.deleted_at.is_(None)
        ).order_by(Placement.start_date.desc()))
        return [_dto(s, r) for r in rows]


def placements_of_company(ctx: Context, company_id: str) -> list[PlacementDTO]:
    with ctx.uow() as s:
        rows = s.scalars(select(Placement).where(
            Placement.company_id == company_id, Placement.deleted_at.is_(None)
        ).order_by(Placement.start_date.desc()))
        return [_dto(s, r) for r in rows]


def list_placements(ctx: Context, offset: int = 0, limit: int = 200) -> Page:
    with ctx.uow() as s:
        live = Placement.deleted_at.is_(None)
        total = s.scalar(select(func.count()).select_from(Placement).where(live))
        q = (select(Placement, Citizen.name, Company.name, Placement.internal_unit)
             .join(Citizen, Citizen.id == Placement.citizen_id)
             .outerjoin(Company, Company.id == Placement.company_id)
             .where(live).order_by(Placement.start_date.desc()).offset(offset).limit(limit))
        rows = [to_dto(p, PlacementDTO, citizen_name=cn, company_name=co or unit)
                for p, cn, co, unit in s.execute(q)]
        return Page(rows, total or 0)


def _other_slots(s, citizen_id: str, placement_id: str) -> list[Slot]:
    q = (select(ScheduleSlot).join(Placement, Placement.id == ScheduleSlot.placement_id)
         .where(Placement.citizen_id == citizen_id, Placement.id != placement_id,
                Placement.deleted_at.is_(None), ScheduleSlot.deleted_at.is_(None)))
    return [Slot(r.weekday, r.start_time, r.end_time, r.placement_id) for r in s.scalars(q)]


def set_schedule(ctx: Context, placement_id: str, slots: list[Slot],
                 adjust_hours: bool = False) -> list[SlotDTO]:
    """Replace the placement's weekly slots; overlaps with the citizen's
    other placements are refused and nothing is changed. A sum of hours
    other than the wage agreement's hours present is refused too, unless
    `adjust_hours`: then a new wage version with the schedule's hours is
    written, in force from today (or the start)."""
    with ctx.uow() as s:
        placement = get_live(s, Placement, placement_id, "Forløbet")
        check_no_overlap(slots, _other_slots(s, placement.citizen_id, placement_id))
        mismatch = _hours_mismatch(s, placement_id, slots)
        if mismatch is not None and not adjust_hours:
            raise NeedsConfirmation(mismatch)
        if mismatch is not None:
            _adjust_wage(s, placement, weekly_hours(slots))
        current = s.scalars(select(ScheduleSlot).where(
            ScheduleSlot.placement_id == placement_id, ScheduleSlot.deleted_at.is_(None)))
        for old in current:
            old.deleted_at = utcnow()
        new = [ScheduleSlot(placement_id=placement_id, weekday=x.weekday, start_time=x.start,
                            end_time=x.end) for x in slots]
        s.add_all(new)
        s.flush()
        audit.record(s, ctx, "change", placement.citizen_id, "placement", placement_id, "ugeskema")
        return [to_dto(r, SlotDTO) for r in new]


def schedule_of(ctx: Context, placement_id: str) -> list[SlotDTO]:
    with ctx.uow() as s:
        rows = s.scalars(select(ScheduleSlot).where(
            ScheduleSlot.placement_id == placement_id, ScheduleSlot.deleted_at.is_(None)
        ).order_by(ScheduleSlot.weekday, ScheduleSlot.start_time))
        return [to_dto(r, SlotDTO) for r in rows]


def check_schedule(ctx: Context, placement_id: str, slots: list[Slot]) -> None:
    """Raise ValidationError if the slots would overlap, NeedsConfirmation if
    their hours differ from the wage agreement's; changes nothing."""
    with ctx.uow() as s:
        placement = get_live(s, Placement, placement_id, "Forløbet")
        check_no_overlap(slots, _other_slots(s, placement.citizen_id, placement_id))
        mismatch = _hours_mismatch(s, placement_id, slots)
        if mismatch is not None:
            raise NeedsConfirmation(mismatch)


def _hours_mismatch(s, placement_id: str, slots: list[Slot]) -> dict[str, str] | None:
    wage = latest_wage_row(s, placement_id)
    try:
        terms.check_schedule_hours(weekly_hours(slots), wage.attendance_hours if wage else None, "schedule")
    except ValidationError as exc:
        return exc.errors
    return None


def _adjust_wage(s, placement: Placement, new_hours: float) -> None:
    """A new wage version like the latest, with the schedule's hours present."""
    last = latest_wage_row(s, placement.id)
    if last is None:
        return
    number = s.scalar(select(func.max(WageAgreement.version_no)).where(
        WageAgreement.placement_id == placement.id)) or 0
    valid_from = max(date.today(), placement.start_date, last.valid_from)
    copy = {k: getattr(last, k) for k in ("hourly_wage_ore", "overenskomst", "work_intensity", "payer",
                                          "subsidy_per_hour_ore", "note")}
    s.add(WageAgreement(placement_id=placement.id, version_no=number + 1, valid_from=valid_from,
                        attendance_hours=new_hours, ordinary_hours=min(last.ordinary_hours, new_hours),
                        paid_hours=paid_hours(new_hours, last.work_intensity), **copy))


def require(condition: bool, field: str, message: str) -> None:
    if not condition:
        raise ValidationError.single(field, message)
