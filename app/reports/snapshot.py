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
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.reports.model import ReportScope
from db.enums import VisitStatus
from db.models import Citizen, Coach, Placement

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


# Read straight from the driver: tens of thousands of rows, where SQLAlchemy's
# per-value type processing cost more than the reading. Dates are stored as
# ISO text (SQLAlchemy's SQLite format) and turned into dates once per value.
_PLACEMENTS = ("SELECT id, citizen_id, company_id, placement_type, start_date, end_date, planned_end "
               "FROM placement WHERE deleted_at IS NULL")
_HOURS = ("SELECT placement_id, week_start, attendance_hours, paid_hours, ordinary_hours "
          "FROM hours_record WHERE deleted_at IS NULL")
_WAGES = ("SELECT placement_id, valid_from, version_no, attendance_hours "
          "FROM wage_agreement WHERE deleted_at IS NULL")
_VISITS = ("SELECT citizen_id, substr(at, 1, 10), placement_id FROM visit "  # ix_visit_status_at_cover
           "WHERE status = ? AND at >= ? AND at < ? AND deleted_at IS NULL")


class _Days(dict):
    """ISO text -> date, each distinct day parsed once."""

    def __missing__(self, text: str) -> date:
        self[text] = day = date.fromisoformat(text)
        return day

    def maybe(self, text: str | None) -> date | None:
        return None if text is None else self[text]


def load(s: Session, scope: ReportScope) -> Snapshot:
    wanted = _scoped_citizens(s, scope)
    raw: Any = s.connection().connection.driver_connection  # the sqlcipher3 connection (untyped)
    days = _Days()
    placements: dict[str, list[P]] = defaultdict(list)
    for pid, cid, company, kind, start, end, planned in raw.execute(_PLACEMENTS).fetchall():
        if cid in wanted:
            placements[cid].append(P(pid, cid, company, kind, days[start], days.maybe(end), days.maybe(planned)))
    for rows in placements.values():
        rows.sort(key=lambda p: (p.start, p.id))
    owned = {p.id for rows in placements.values() for p in rows}
    hours: dict[str, list] = defaultdict(list)
    for pid, week, att, paid, ordinary in raw.execute(_HOURS).fetchall():
        if pid in owned:
            hours[pid].append((days[week], att, paid, ordinary))
    wages: dict[str, list] = defaultdict(list)
    for pid, valid_from, no, att in raw.execute(_WAGES).fetchall():
        if pid in owned:
            wages[pid].append((days[valid_from], no, att))
    for wage_rows in wages.values():
        wage_rows.sort()
    visits: dict[str, list] = defaultdict(list)
    bounds = (VisitStatus.HELD.value, _stored(_day_after(scope.start - VISIT_HISTORY)),
              _stored(_day_after(scope.end)))
    for cid, day, visit_pid in raw.execute(_VISITS, bounds).fetchall():
        if cid in wanted:
            visits[cid].append((days[day], visit_pid))
    for visit_rows in visits.values():
        visit_rows.sort(key=lambda v: v[0])
    return Snapshot(sorted(wanted), dict(placements), dict(hours), dict(wages), dict(visits))


def _stored(moment: datetime) -> str:
    """A datetime as SQLAlchemy stores it in SQLite (so text comparison is time order)."""
    return moment.isoformat(" ", "microseconds")


def _day_after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min)
