"""Read what the figures need, as plain tuples, in one transaction.

The scope chooses citizens: those with a live placement that overlaps the
period and whose coach (the placement's, else the citizen's) is the chosen
coach or belongs to the chosen team. Every figure then uses all of those
citizens' placements, hours, wage versions and held visits, so a citizen's
history is not cut off where another coach took over.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.reports.model import ReportScope
from db.enums import VisitStatus
from db.models import Citizen, Coach, HoursRecord, Placement, Visit, WageAgreement

# Held visits older than this before the period cannot change a figure: the
# longest follow-up interval is 3 months, so a contact that old leaves every
# visit in the period late and the citizen overdue, with or without it.
VISIT_HISTORY = timedelta(days=190)


@dataclass(frozen=True)
class P:
    """One placement."""

    id: str
    citizen_id: str
    company_id: str | None
    type: str
    start: date
    end: date | None          # end_date; None while it runs
    planned_end: date | None

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and (self.end is None or self.end >= start)


@dataclass
class Snapshot:
    citizen_ids: list[str]
    placements: dict[str, list[P]]                          # citizen -> by start
    hours: dict[str, list[tuple[date, float, float, float]]]  # placement -> week, att, paid, ord
    wages: dict[str, list[tuple[date, int, float]]]          # placement -> valid_from, no, att
    visits: dict[str, list[tuple[date, str | None]]]         # citizen -> held day, placement
    weeks: dict[str, dict] = field(default_factory=dict)     # memo of hours.citizen_weeks


def _coaches_in_scope(s: Session, scope: ReportScope) -> set[str] | None:
    if scope.coach_id:
        return {scope.coach_id}
    if scope.team_id:
        return set(s.scalars(select(Coach.id).where(Coach.team_id == scope.team_id)))
    return None


def _scoped_citizens(s: Session, scope: ReportScope) -> set[str]:
    coaches = _coaches_in_scope(s, scope)
    q = (select(Placement.citizen_id, Placement.coach_id, Citizen.coach_id)
         .join(Citizen, Citizen.id == Placement.citizen_id)
         .where(Placement.deleted_at.is_(None), Citizen.deleted_at.is_(None),
                Placement.start_date <= scope.end,
                Placement.end_date.is_(None) | (Placement.end_date >= scope.start)))
    return {cid for cid, p_coach, c_coach in s.connection().execute(q).all()
            if coaches is None or (p_coach or c_coach) in coaches}


def load(s: Session, scope: ReportScope) -> Snapshot:
    wanted = _scoped_citizens(s, scope)
    run = s.connection().execute  # Core rows: the ORM's per-row work costs more than the reading
    placements: dict[str, list[P]] = defaultdict(list)
    q = select(Placement.id, Placement.citizen_id, Placement.company_id, Placement.placement_type,
               Placement.start_date, Placement.end_date, Placement.planned_end
               ).where(Placement.deleted_at.is_(None))
    for row in run(q).all():  # fetchall: one C call, not one per row
        if row[1] in wanted:
            placements[row[1]].append(P(*row))
    for rows in placements.values():
        rows.sort(key=lambda p: (p.start, p.id))
    owned = {p.id for rows in placements.values() for p in rows}
    hours: dict[str, list] = defaultdict(list)
    for pid, week, att, paid, ordinary in run(select(
            HoursRecord.placement_id, HoursRecord.week_start, HoursRecord.attendance_hours,
            HoursRecord.paid_hours, HoursRecord.ordinary_hours).where(HoursRecord.deleted_at.is_(None))).all():
        if pid in owned:
            hours[pid].append((week, att, paid, ordinary))
    wages: dict[str, list] = defaultdict(list)
    for pid, valid_from, no, att in run(select(
            WageAgreement.placement_id, WageAgreement.valid_from, WageAgreement.version_no,
            WageAgreement.attendance_hours).where(WageAgreement.deleted_at.is_(None))).all():
        if pid in owned:
            wages[pid].append((valid_from, no, att))
    for wage_rows in wages.values():
        wage_rows.sort()
    visits: dict[str, list] = defaultdict(list)
    for cid, at, visit_pid in run(select(Visit.citizen_id, Visit.at, Visit.placement_id).where(
            Visit.deleted_at.is_(None), Visit.status == VisitStatus.HELD.value,
            Visit.at >= _day_after(scope.start - VISIT_HISTORY), Visit.at < _day_after(scope.end))).all():
        if cid in wanted:
            visits[cid].append((at.date(), visit_pid))
    for visit_rows in visits.values():
        visit_rows.sort(key=lambda v: v[0])
    return Snapshot(sorted(wanted), dict(placements), dict(hours), dict(wages), dict(visits))


def _day_after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min)
