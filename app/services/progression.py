"""Milestones (delmål) and the weekly hours log."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from app.context import Context
from app.rules import dates, hours, text
from app.rules.errors import Collector, ValidationError
from app.services import audit
from app.services.crud import apply_changes, get_live, soft_delete
from app.services.dto import HoursDTO, MilestoneDTO, to_dto
from db.enums import MilestoneKind, MilestoneStatus
from db.models import HoursRecord, Milestone, Placement


def clean_milestone(values: dict[str, Any]) -> dict[str, Any]:
    c = Collector()
    if values.get("kind") not in [k.value for k in MilestoneKind]:
        c.add("kind", "Vælg hvilken slags delmål.")
    if values.get("status", MilestoneStatus.PLANNED) not in [k.value for k in MilestoneStatus]:
        c.add("status", "Ukendt status.")
    if not isinstance(values.get("target_date"), date):
        c.add("target_date", "Angiv en måldato.")
    else:
        c.check("target_date", dates.plausible, values["target_date"], "target_date")
    body = c.check("text", text.note, values.get("text"), "text")
    c.raise_if_any()
    return {"kind": values["kind"], "text": body, "target_date": values["target_date"],
            "status": values.get("status", MilestoneStatus.PLANNED.value), "achieved_on": values.get("achieved_on")}


def add_milestone(ctx: Context, placement_id: str, **values: Any) -> MilestoneDTO:
    clean = clean_milestone(values)
    with ctx.uow() as s:
        placement = get_live(s, Placement, placement_id, "Forløbet")
        row = Milestone(placement_id=placement_id, **clean)
        s.add(row)
        s.flush()
        audit.record(s, ctx, "create", placement.citizen_id, "milestone", row.id)
        return to_dto(row, MilestoneDTO)


def update_milestone(ctx: Context, milestone_id: str, **changes: Any) -> MilestoneDTO:
    with ctx.uow() as s:
        row = get_live(s, Milestone, milestone_id, "Delmålet")
        merged = {k: getattr(row, k) for k in ("kind", "text", "target_date", "status", "achieved_on")}
        clean = clean_milestone(merged | changes)
        apply_changes(row, {k: clean[k] for k in changes})
        s.flush()
        return to_dto(row, MilestoneDTO)


def achieve_milestone(ctx: Context, milestone_id: str, on: date) -> MilestoneDTO:
    return update_milestone(ctx, milestone_id, status=MilestoneStatus.ACHIEVED.value, achieved_on=on)


def delete_milestone(ctx: Context, milestone_id: str) -> None:
    with ctx.uow() as s:
        soft_delete(get_live(s, Milestone, milestone_id, "Delmålet"))


def milestones(ctx: Context, placement_id: str) -> list[MilestoneDTO]:
    with ctx.uow() as s:
        rows = s.scalars(select(Milestone).where(
            Milestone.placement_id == placement_id, Milestone.deleted_at.is_(None)
        ).order_by(Milestone.target_date))
        return [to_dto(r, MilestoneDTO) for r in rows]


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def record_hours(ctx: Context, placement_id: str, week: date, attendance: float,
                 intensity_pct: int | None = None, ordinary: float = 0.0, paid: float | None = None,
                 note: str = "", confirmed: bool = False) -> HoursDTO:
    """Log one week's hours (replaces that week's earlier figures)."""
    c = Collector()
    att = c.check("attendance_hours", hours.attendance_hours, attendance, confirmed=confirmed)
    ordn = c.check("ordinary_hours", hours.attendance_hours, ordinary, "ordinary_hours", True)
    if intensity_pct is not None:
        c.check("work_intensity", hours.intensity, intensity_pct)
    note = c.check("note", text.optional_line, note, "note", "Bemærkningen", 500)
    c.raise_if_any()
    if not isinstance(week, date):
        raise ValidationError.single("week_start", "Angiv ugen som en dato.")
    paid_value = paid if paid is not None else hours.paid_hours(att, intensity_pct or 100)
    if paid_value < 0 or paid_value > att + 1e-9:
        raise ValidationError.single("paid_hours", "Løntimer kan ikke overstige fremmødetimer.")
    week = monday(week)
    with ctx.uow() as s:
        placement = get_live(s, Placement, placement_id, "Forløbet")
        row = s.scalars(select(HoursRecord).where(
            HoursRecord.placement_id == placement_id, HoursRecord.week_start == week,
            HoursRecord.deleted_at.is_(None))).first()
        values = dict(attendance_hours=att, paid_hours=paid_value, ordinary_hours=ordn, note=note)
        if row is None:
            row = HoursRecord(placement_id=placement_id, week_start=week, **values)
            s.add(row)
        else:
            apply_changes(row, values)
        s.flush()
        audit.record(s, ctx, "change", placement.citizen_id, "hours_record", row.id)
        return to_dto(row, HoursDTO)


def hours_log(ctx: Context, placement_id: str) -> list[HoursDTO]:
    with ctx.uow() as s:
        rows = s.scalars(select(HoursRecord).where(
            HoursRecord.placement_id == placement_id, HoursRecord.deleted_at.is_(None)
        ).order_by(HoursRecord.week_start))
        return [to_dto(r, HoursDTO) for r in rows]
