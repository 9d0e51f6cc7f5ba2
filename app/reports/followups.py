"""Follow-ups done on time or late, measured against the follow-up plan of
`app.rules.followup` (monthly in a placement's first year, then quarterly;
small fleksjob every 4th week, then quarterly)."""
from __future__ import annotations

from bisect import bisect_right
from datetime import date
from functools import cache

from app.formatting import fmt_date
from app.reports.model import FollowUps, Group
from app.reports.snapshot import P, Snapshot
from app.rules.followup import SHORTEST_INTERVAL, Plan, is_small_flex_job, plan_for
from db.enums import PlacementType

Late = tuple[date, date] | None  # a citizen's last late visit and the date it was due

FLEX_JOB = PlacementType.FLEX_JOB.value
day_text = cache(fmt_date)  # a year's report formats a few hundred distinct days thousands of times


def _weekly_hours(snap: Snapshot, placement: P, day: date) -> float | None:
    versions = snap.wages.get(placement.id, [])  # sorted: the last one in force is the newest
    i = bisect_right(versions, day, key=lambda v: v[0])
    return versions[i - 1][2] if i else None


def due_date(snap: Snapshot, placement: P, previous: date | None, day: date) -> date:
    """When the contact after `previous` was due; a contact from before the
    placement started does not count for it (the plan runs from the start)."""
    last = previous if previous is not None and previous >= placement.start else None
    plan = snap.plans.get(placement.id) or _plan(snap, placement, day)
    return plan.due_after(last)


def _plan(snap: Snapshot, placement: P, day: date) -> Plan:
    """A placement's follow-up plan on `day`, kept unless it is a fleksjob's
    (which depends on the hours agreed that day: the wages are looked up for
    those alone)."""
    if placement.type == FLEX_JOB:
        return plan_for(placement.start, is_small_flex_job(FLEX_JOB, _weekly_hours(snap, placement, day)))
    plan = snap.plans[placement.id] = plan_for(placement.start, False)
    return plan


def _held_on_time(snap: Snapshot, cid: str, previous: date | None) -> tuple[int, int, Late, date | None]:
    """(on time, late, the last late visit and its due date, the last visit)
    of one citizen's held visits in the period, each measured against the
    visit's own placement (one of the citizen's), else the first running
    that day; a visit with neither is left out."""
    on_time = late = 0
    last_late: Late = None
    rows, by_id = snap.placements.get(cid, []), snap.by_id
    for day, placement_id in snap.visits.get(cid, ()):
        placement = by_id.get(placement_id) if placement_id else None
        if placement is None or placement.citizen_id != cid:
            placement = next((p for p in rows if p.active_on(day)), None)
        if placement is None:
            pass
        elif previous is not None and day <= previous + SHORTEST_INTERVAL:
            on_time += 1  # under any plan: no due date needed (two thirds of the visits)
        elif day <= (due := due_date(snap, placement, previous, day)):
            on_time += 1
        else:
            late += 1
            last_late = (day, due)
        previous = day
    return on_time, late, last_late, previous


def followups(snap: Snapshot, start: date, end: date, today: date) -> tuple[FollowUps, list[Group]]:
    """Each held visit in the period is on time when held no later than the
    date the contact was due after the citizen's previous held visit (or
    after the start of the visit's placement). Visits with no placement
    running are left out. Overdue at the end: citizens with a placement
    running on the period's last day (today, if earlier) whose next contact
    was due before that day."""
    on_time, late, overdue = [], [], []
    n_on_time = n_late = 0
    details: dict[str, str] = {}
    stop = min(end, today)
    for cid in snap.citizen_ids:  # sorted, so each list below is too
        citizen_on_time, citizen_late, last_late, previous = _held_on_time(snap, cid, snap.last_before.get(cid))
        n_on_time += citizen_on_time
        n_late += citizen_late
        if citizen_on_time:
            on_time.append(cid)
        if last_late is not None:
            late.append(cid)
            details[cid] = f"Besøg {day_text(last_late[0])}, forfaldt {day_text(last_late[1])}"
        if _overdue_at(snap, cid, previous, stop):
            overdue.append(cid)
            details.setdefault(cid, "Opfølgning overskredet ved periodens slutning")
    return FollowUps(n_on_time, n_late, len(overdue)), [
        Group("followup_on_time", "Opfølgning til tiden", tuple(on_time), details),
        Group("followup_late", "Opfølgning for sent", tuple(late), details),
        Group("followup_overdue", "Opfølgning overskredet ved periodens slutning", tuple(overdue), details)]


def _overdue_at(snap: Snapshot, cid: str, last_visit: date | None, day: date) -> bool:
    return any(due_date(snap, p, last_visit, day) < day
               for p in snap.placements.get(cid, []) if p.active_on(day))
