"""Wage agreements (lønaftaler) as versions valid from a date."""
from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.context import Context
from app.rules import dates, hours, terms, text
from app.rules.errors import Collector
from app.rules.schedule import Slot, weekly_hours
from app.services import audit
from app.services.crud import get_live
from app.services.dto import WageDTO, to_dto
from db.enums import Payer
from db.models import Placement, ScheduleSlot, WageAgreement


def clean_wage(values: dict[str, Any], placement_start: date, confirmed: bool,
               kind: str | None = None, schedule_hours: float | None = None) -> dict[str, Any]:
    """Check one wage version; with `kind` also against the kind of placement,
    with `schedule_hours` (the weekly schedule's sum) against the schedule."""
    c = Collector()
    out: dict[str, Any] = {}
    valid_from = values.get("valid_from")
    if not isinstance(valid_from, date) or isinstance(valid_from, datetime):
        c.add("valid_from", "Angiv den dato, aftalen gælder fra.")
    elif valid_from < placement_start:
        c.add("valid_from", "Lønaftalen kan ikke gælde fra før forløbets start.")
    else:
        out["valid_from"] = c.check("valid_from", dates.plausible, valid_from, "valid_from")
    out["hourly_wage_ore"] = c.check("hourly_wage", hours.hourly_wage_ore, values.get("hourly_wage_ore"))
    out["attendance_hours"] = c.check("attendance_hours", hours.attendance_hours,
                                      values.get("attendance_hours"), confirmed=confirmed)
    out["work_intensity"] = c.check("work_intensity", hours.intensity, values.get("work_intensity"))
    if values.get("payer") not in [p.value for p in Payer]:
        c.add("payer", "Vælg hvem der betaler hvem.")
    out["payer"] = values.get("payer")
    subsidy = values.get("subsidy_per_hour_ore", 0) or 0
    out["subsidy_per_hour_ore"] = c.check("subsidy", hours.hourly_wage_ore, subsidy, "subsidy")
    out["overenskomst"] = c.check("overenskomst", text.optional_line, values.get("overenskomst"),
                                  "overenskomst", "Overenskomsten")
    out["note"] = c.check("note", text.note, values.get("note"), "note")
    out["ordinary_hours"] = c.check("ordinary_hours", hours.attendance_hours,
                                    values.get("ordinary_hours", 0) or 0, "ordinary_hours", True)
    if kind is not None:
        terms.check_wage_terms(kind, values, c)
    if out["attendance_hours"] is not None:
        c.check("attendance_hours", terms.check_schedule_hours, schedule_hours, out["attendance_hours"],
                "attendance_hours")
    c.raise_if_any()
    out["paid_hours"] = hours.paid_hours(out["attendance_hours"], out["work_intensity"])
    return out


def add_wage_version(ctx: Context, placement_id: str, confirmed: bool = False, **values: Any) -> WageDTO:
    """A new version; older versions are kept unchanged."""
    with ctx.uow() as s:
        placement = get_live(s, Placement, placement_id, "Forløbet")
        clean = clean_wage(values, placement.start_date, confirmed, placement.placement_type,
                           schedule_hours(s, placement_id))
        last = s.scalar(select(func.max(WageAgreement.version_no)).where(
            WageAgreement.placement_id == placement_id)) or 0
        row = WageAgreement(placement_id=placement_id, version_no=last + 1, **clean)
        s.add(row)
        s.flush()
        audit.record(s, ctx, "change", placement.citizen_id, "wage_agreement", row.id, "ny version")
        return to_dto(row, WageDTO)


def schedule_hours(s: Session, placement_id: str) -> float:
    """The weekly schedule's sum of hours (0 when there is no schedule)."""
    rows = s.scalars(select(ScheduleSlot).where(ScheduleSlot.placement_id == placement_id,
                                                ScheduleSlot.deleted_at.is_(None)))
    return round(sum(weekly_hours([Slot(r.weekday, r.start_time, r.end_time)]) for r in rows), 2)


def latest_wage_row(s: Session, placement_id: str) -> WageAgreement | None:
    return s.scalars(select(WageAgreement).where(
        WageAgreement.placement_id == placement_id, WageAgreement.deleted_at.is_(None)
    ).order_by(WageAgreement.valid_from.desc(), WageAgreement.version_no.desc())).first()


def wage_versions(ctx: Context, placement_id: str) -> list[WageDTO]:
    with ctx.uow() as s:
        rows = s.scalars(select(WageAgreement).where(
            WageAgreement.placement_id == placement_id, WageAgreement.deleted_at.is_(None)
        ).order_by(WageAgreement.version_no))
        return [to_dto(r, WageDTO) for r in rows]


def current_wage(ctx: Context, placement_id: str, on: date | None = None) -> WageDTO | None:
    """The version in force on a day (default today): latest valid_from <= day."""
    on = on or date.today()
    versions = [v for v in wage_versions(ctx, placement_id) if v.valid_from <= on]
    if not versions:
        all_versions = wage_versions(ctx, placement_id)
        return all_versions[0] if all_versions else None
    return max(versions, key=lambda v: (v.valid_from, v.version_no))
