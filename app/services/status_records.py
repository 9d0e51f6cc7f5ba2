"""What a statusudtalelse reads about one citizen, as plain tuples, in one
transaction: placements, hours log, wage versions, schedules, skånehensyn
versions, milestones and visits."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.reports.snapshot import P
from app.rules.schedule import Slot, weekly_hours
from app.services.status_accommodations import Version
from app.services.status_hours import Wage, Week
from db.models import Accommodation, Company, HoursRecord, Milestone, Placement, ScheduleSlot, Visit, WageAgreement


@dataclass
class Records:
    placements: list[P]
    placement_rows: list[Placement]
    workplaces: dict[str, str]          # placement id -> company name or internal unit
    weeks: list[Week]
    wages: dict[str, list[Wage]]
    schedule_hours: dict[str, float]
    versions: list[Version]
    milestones: list[Milestone]
    visits: list[Visit]


def local_day(utc_naive: datetime) -> date:
    return utc_naive.replace(tzinfo=UTC).astimezone().date()


def load(s: Session, citizen_id: str) -> Records:
    rows = list(s.scalars(select(Placement).where(
        Placement.citizen_id == citizen_id, Placement.deleted_at.is_(None)
    ).order_by(Placement.start_date, Placement.id)))
    ids = [p.id for p in rows]
    names = dict(s.execute(select(Company.id, Company.name).where(
        Company.id.in_([p.company_id for p in rows if p.company_id]))).all()) if rows else {}
    return Records(
        placements=[P(p.id, p.citizen_id, p.company_id, p.placement_type, p.start_date, p.end_date,
                      p.planned_end) for p in rows],
        placement_rows=rows,
        workplaces={p.id: names.get(p.company_id, "") if p.company_id else p.internal_unit for p in rows},
        weeks=_weeks(s, ids), wages=_wages(s, ids), schedule_hours=_schedules(s, ids),
        versions=_versions(s, citizen_id),
        milestones=list(s.scalars(select(Milestone).where(
            Milestone.placement_id.in_(ids), Milestone.deleted_at.is_(None)
        ).order_by(Milestone.target_date, Milestone.id))) if ids else [],
        visits=list(s.scalars(select(Visit).where(
            Visit.citizen_id == citizen_id, Visit.deleted_at.is_(None)).order_by(Visit.at))))


def _weeks(s: Session, ids: list[str]) -> list[Week]:
    q = select(HoursRecord.placement_id, HoursRecord.week_start, HoursRecord.attendance_hours,
               HoursRecord.paid_hours, HoursRecord.ordinary_hours).where(
        HoursRecord.placement_id.in_(ids), HoursRecord.deleted_at.is_(None))
    return [tuple(r) for r in s.execute(q.order_by(HoursRecord.week_start))]  # type: ignore[misc]


def _wages(s: Session, ids: list[str]) -> dict[str, list[Wage]]:
    out: dict[str, list[Wage]] = defaultdict(list)
    for w in s.scalars(select(WageAgreement).where(
            WageAgreement.placement_id.in_(ids), WageAgreement.deleted_at.is_(None))):
        out[w.placement_id].append(Wage(w.placement_id, w.valid_from, w.version_no, w.attendance_hours,
                                        w.work_intensity, w.paid_hours))
    return dict(out)


def _schedules(s: Session, ids: list[str]) -> dict[str, float]:
    slots: dict[str, list[Slot]] = defaultdict(list)
    for r in s.scalars(select(ScheduleSlot).where(
            ScheduleSlot.placement_id.in_(ids), ScheduleSlot.deleted_at.is_(None))):
        slots[r.placement_id].append(Slot(r.weekday, r.start_time, r.end_time))
    return {pid: weekly_hours(rows) for pid, rows in slots.items()}


def _versions(s: Session, citizen_id: str) -> list[Version]:
    rows = s.scalars(select(Accommodation).where(
        Accommodation.citizen_id == citizen_id, Accommodation.deleted_at.is_(None)))
    return [Version(a.id, a.supersedes_id, a.category, a.text, a.source, a.start_date, a.end_date,
                    local_day(a.created_at)) for a in rows]
