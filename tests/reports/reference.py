"""The team leader's figures computed the plain way, to hold app/reports to.

Written from the definitions (app/reports/rows.DEFINITIONS and the figure
functions' docstrings), not from the optimised code: whole ORM rows, date
objects, a nested loop per figure, nothing sorted or cached by the database.
It uses the follow-up rule itself (`next_due`), which has tests of its own.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from app.formatting import fmt_date
from app.reports.model import EMPLOYMENT_TYPES, LEVEL_OF, ReportScope
from app.reports.snapshot import VISIT_HISTORY
from app.rules.followup import FollowUpInput, next_due
from db.models import Citizen, Coach, HoursRecord, Placement, Visit, WageAgreement


@dataclass
class Rows:
    citizens: dict[str, Citizen]
    placements: dict[str, list[Placement]]        # citizen -> by (start, id)
    wages: dict[str, list[WageAgreement]]
    hours: dict[str, list[HoursRecord]]
    held: dict[str, list[Visit]]                  # citizen -> by time
    coach_team: dict[str, str | None]


def read(s) -> Rows:
    live = [c for c in s.scalars(select(Citizen)) if c.deleted_at is None]
    placements: dict[str, list[Placement]] = defaultdict(list)
    for p in s.scalars(select(Placement)):
        if p.deleted_at is None:
            placements[p.citizen_id].append(p)
    for rows in placements.values():
        rows.sort(key=lambda p: (p.start_date, p.id))
    wages: dict[str, list[WageAgreement]] = defaultdict(list)
    for w in s.scalars(select(WageAgreement)):
        if w.deleted_at is None:
            wages[w.placement_id].append(w)
    hours: dict[str, list[HoursRecord]] = defaultdict(list)
    for h in s.scalars(select(HoursRecord)):
        if h.deleted_at is None:
            hours[h.placement_id].append(h)
    held: dict[str, list[Visit]] = defaultdict(list)
    for v in s.scalars(select(Visit)):
        if v.deleted_at is None and v.status == "afholdt" and v.citizen_id:
            held[v.citizen_id].append(v)
    for visits in held.values():
        visits.sort(key=lambda v: v.at)
    teams = {c.id: c.team_id for c in s.scalars(select(Coach))}
    return Rows({c.id: c for c in live}, placements, wages, hours, held, teams)


def runs(p: Placement, day: date) -> bool:
    return p.start_date <= day and (p.end_date is None or p.end_date >= day)


def in_scope(rows: Rows, scope: ReportScope) -> list[str]:
    def chosen(coach: str | None) -> bool:
        if scope.coach_id:
            return coach == scope.coach_id
        return not scope.team_id or (coach is not None and rows.coach_team.get(coach) == scope.team_id)
    return sorted({cid for cid, c in rows.citizens.items() for p in rows.placements.get(cid, [])
                   if p.start_date <= scope.end and (p.end_date is None or p.end_date >= scope.start)
                   and chosen(p.coach_id or c.coach_id)})


def newest_wage(rows: Rows, p: Placement, day: date) -> WageAgreement | None:
    valid = [w for w in rows.wages.get(p.id, []) if w.valid_from <= day]
    return max(valid, key=lambda w: (w.valid_from, w.version_no)) if valid else None


def followups(rows: Rows, ids: list[str], start: date, end: date, today: date) -> dict:
    counts, groups, details = [0, 0, 0], ([], [], []), {}
    stop = min(end, today)

    def due(p: Placement, previous: date | None, day: date) -> date:
        wage = newest_wage(rows, p, day)
        last = previous if previous is not None and previous >= p.start_date else None
        return next_due(FollowUpInput(p.placement_type, p.start_date,
                                      wage.attendance_hours if wage else None, last))
    for cid in ids:
        mine, previous, late = rows.placements.get(cid, []), None, None
        on_time = False
        for visit in rows.held.get(cid, []):
            day = visit.at.date()
            if day <= start - VISIT_HISTORY or day > end:
                continue
            if day >= start:
                own = [p for p in mine if p.id == visit.placement_id]
                running = [p for p in mine if runs(p, day)]
                p = own[0] if own else running[0] if running else None
                if p is not None:
                    when = due(p, previous, day)
                    counts[0 if day <= when else 1] += 1
                    on_time = on_time or day <= when
                    late = late if day <= when else (day, when)
            previous = day
        if on_time:
            groups[0].append(cid)
        if late:
            groups[1].append(cid)
            details[cid] = f"Besøg {fmt_date(late[0])}, forfaldt {fmt_date(late[1])}"
        if any(due(p, previous, stop) < stop for p in mine if runs(p, stop)):
            counts[2] += 1
            groups[2].append(cid)
            details.setdefault(cid, "Opfølgning overskredet ved periodens slutning")
    return {"counts": tuple(counts), "groups": groups, "details": details}


def learning(rows: Rows, ids: list[str], start: date, end: date, today: date) -> dict:
    ended = hired = same = 0
    to_job, without = set(), set()
    for cid in ids:
        mine = rows.placements.get(cid, [])
        for course in mine:
            finish = course.end_date or course.planned_end
            if course.placement_type != "ekstern_laering" or finish is None:
                continue
            if not start <= finish <= min(end, today):
                continue
            ended += 1
            jobs = [p for p in mine if p.placement_type in EMPLOYMENT_TYPES
                    and course.start_date <= p.start_date <= finish + timedelta(days=31)]
            if jobs:
                hired += 1
                same += any(p.company_id and p.company_id == course.company_id for p in jobs)
                to_job.add(cid)
            else:
                without.add(cid)
    return {"counts": (ended, hired, same), "to_job": sorted(to_job), "without": sorted(without - to_job)}


def types(rows: Rows, ids: list[str], start: date, end: date) -> dict[str, list[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for cid in ids:
        for p in rows.placements.get(cid, []):
            if p.start_date <= end and (p.end_date is None or p.end_date >= start):
                found[p.placement_type].add(cid)
    return {kind: sorted(cids) for kind, cids in found.items()}


def moves(rows: Rows, ids: list[str], start: date, end: date) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cid in ids:
        mine = rows.placements.get(cid, [])
        for before, after in zip(mine, mine[1:]):
            step = (LEVEL_OF[before.placement_type], LEVEL_OF[after.placement_type])
            if step[0] != step[1] and start <= after.start_date <= end:
                found[step].append(cid)
    return found
