"""Follow-ups done on time or late, measured against the follow-up plan of
`app.rules.followup` (monthly in a placement's first year, then quarterly;
small fleksjob every 4th week, then quarterly)."""
from __future__ import annotations

from bisect import bisect_right
from datetime import date

from app.formatting import fmt_date
from app.reports.model import FollowUps, Group
from app.reports.snapshot import P, Snapshot
from app.rules.followup import FollowUpInput, next_due


def _weekly_hours(snap: Snapshot, placement: P, day: date) -> float | None:
    versions = snap.wages.get(placement.id, [])  # sorted: the last one in force is the newest
    i = bisect_right(versions, day, key=lambda v: v[0])
    return versions[i - 1][2] if i else None


def _placement_for(snap: Snapshot, cid: str, day: date, placement_id: str | None) -> P | None:
    rows = snap.placements.get(cid, [])
    for p in rows:
        if p.id == placement_id:
            return p
    active = [p for p in rows if p.active_on(day)]
    return active[0] if active else None


def due_date(snap: Snapshot, placement: P, previous: date | None, day: date) -> date:
    """When the contact after `previous` was due; a contact from before the
    placement started does not count for it (the plan runs from the start)."""
    last = previous if previous is not None and previous >= placement.start else None
    return next_due(FollowUpInput(placement.type, placement.start,
                                  _weekly_hours(snap, placement, day), last))


def followups(snap: Snapshot, start: date, end: date, today: date) -> tuple[FollowUps, list[Group]]:
    """Each held visit in the period is on time when held no later than the
    date the contact was due after the citizen's previous held visit (or
    after the start of the visit's placement). Visits with no placement
    running are left out. Overdue at the end: citizens with a placement
    running on the period's last day (today, if earlier) whose next contact
    was due before that day."""
    on_time, late, overdue = set(), set(), set()
    n_on_time = n_late = 0
    details: dict[str, str] = {}
    last_late: dict[str, tuple[date, date]] = {}  # formatted once per citizen, at the end
    for cid in snap.citizen_ids:
        previous: date | None = None
        for day, placement_id in snap.visits.get(cid, []):
            placement = _placement_for(snap, cid, day, placement_id)
            if placement is not None and start <= day <= end:
                due = due_date(snap, placement, previous, day)
                if day <= due:
                    n_on_time += 1
                    on_time.add(cid)
                else:
                    n_late += 1
                    late.add(cid)
                    last_late[cid] = (day, due)
            previous = day
        if cid in last_late:
            day, due = last_late[cid]
            details[cid] = f"Besøg {fmt_date(day)}, forfaldt {fmt_date(due)}"
        if _overdue_at(snap, cid, previous, min(end, today)):
            overdue.add(cid)
            details.setdefault(cid, "Opfølgning overskredet ved periodens slutning")
    return FollowUps(n_on_time, n_late, len(overdue)), [
        Group("followup_on_time", "Opfølgning til tiden", tuple(sorted(on_time)), details),
        Group("followup_late", "Opfølgning for sent", tuple(sorted(late)), details),
        Group("followup_overdue", "Opfølgning overskredet ved periodens slutning",
              tuple(sorted(overdue)), details)]


def _overdue_at(snap: Snapshot, cid: str, last_visit: date | None, day: date) -> bool:
    running = [p for p in snap.placements.get(cid, []) if p.active_on(day)]
    return any(due_date(snap, p, last_visit, day) < day for p in running)
