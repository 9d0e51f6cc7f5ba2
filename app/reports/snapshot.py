"""Read what the figures need, as plain tuples, in one transaction.

The scope chooses citizens: those with a live placement that overlaps the
period and whose coach (the placement's, else the citizen's) is the chosen
coach or belongs to the chosen team. Every figure then uses all of those
citizens' placements, hours, wage versions and held visits, so a citizen's
history is not cut off where another coach took over.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.reports import reads
from app.reports.model import ReportScope
from app.reports.weeks import WeekRow, read_weeks, weeks_in_period
from app.rules.followup import Plan
from db.enums import VisitStatus
from db.models import Coach

# Held visits older than this before the period cannot change a figure: the
# longest follow-up interval is 3 months, so a contact that old leaves every
# visit in the period late and the citizen overdue, with or without it.
VISIT_HISTORY = timedelta(days=190)


class P(NamedTuple):
    """One placement (a named tuple: the report makes thousands)."""

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
    citizen_ids: list[str]                                   # sorted
    placements: dict[str, list[P]]                           # citizen -> by (start, id)
    weeks: dict[str, list[WeekRow]]                          # citizen -> weeks up to the end, in order
    wages: dict[str, list[tuple[date, int, float]]]          # placement -> valid_from, no, att (sorted)
    visits: dict[str, list[tuple[date, str | None]]]         # citizen -> held in the period: day, placement
    last_before: dict[str, date]                             # citizen -> last held visit before the period
    by_id: dict[str, P] = field(default_factory=dict)        # placement id -> placement
    plans: dict[str, Plan] = field(default_factory=dict)     # placement id -> follow-up plan, once made
    _from: dict[date, dict[str, list[WeekRow]]] = field(default_factory=dict, repr=False)

    def weeks_from(self, start: date) -> dict[str, list[WeekRow]]:
        """Each citizen's weeks from `start` to the period's end (where the
        weeks stop), for the citizens with any; worked out once for the
        figures that use them."""
        if start not in self._from:
            self._from[start] = weeks_in_period(self.weeks, start)
        return self._from[start]


def _coaches_in_scope(s: Session, scope: ReportScope) -> set[str] | None:
    if scope.coach_id:
        return {scope.coach_id}
    if scope.team_id:
        return set(s.scalars(select(Coach.id).where(Coach.team_id == scope.team_id)))
    return None


def _placements(raw: Any, days: reads.Days, scope: ReportScope,
                coaches: set[str] | None) -> dict[str, list[P]]:
    """The scope's citizens with all their live placements."""
    rows = raw.execute(reads.PLACEMENTS).fetchall()
    first, last = scope.start.isoformat(), scope.end.isoformat()  # ISO text sorts as dates
    wanted = {row[1] for row in rows
              if row[4] <= last and (row[5] is None or row[5] >= first)
              and (coaches is None or (row[7] or row[8]) in coaches)}
    out: dict[str, list[P]] = {}
    current, mine = None, None
    for pid, cid, company, kind, start, end, planned, _, _ in rows:  # by citizen, start, id
        if cid != current:
            current, mine = cid, None
            if cid in wanted:
                mine = out[cid] = []
        if mine is not None:
            mine.append(P(pid, cid, company, kind, days[start], days.maybe(end), days.maybe(planned)))
    return out


def load(s: Session, scope: ReportScope) -> Snapshot:
    coaches = _coaches_in_scope(s, scope)
    raw: Any = s.connection().connection.driver_connection  # the sqlcipher3 connection (untyped)
    reads.ensure_page_cache(raw)
    days = reads.Days()
    placements = _placements(raw, days, scope, coaches)
    wanted = set(placements)
    by_id = {p.id: p for rows in placements.values() for p in rows}
    weeks = read_weeks(raw, wanted, scope.end)
    wages = reads.wages_by_placement(raw, days, set(by_id))
    visits, last_before = reads.held_visits(
        raw, days, wanted, VisitStatus.HELD.value, since=_stored(_day_after(scope.start - VISIT_HISTORY)),
        start=_stored(_midnight(scope.start)), until=_stored(_day_after(scope.end)))
    return Snapshot(sorted(wanted), placements, weeks, wages, visits, last_before, by_id)


def _stored(moment: datetime) -> str:
    """A datetime as SQLAlchemy stores it in SQLite (so text comparison is time order)."""
    return moment.isoformat(" ", "microseconds")


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)


def _day_after(day: date) -> datetime:
    return _midnight(day + timedelta(days=1))
