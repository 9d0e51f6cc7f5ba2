"""Employment types, moves along the ladder, and læringsforløb outcomes."""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from app.formatting import fmt_date
from app.labels import PLACEMENT_TYPES
from app.reports.model import EMPLOYMENT_TYPES, LEVEL_LABELS, LEVEL_OF, LEVELS, Count, Group, Learning
from app.reports.snapshot import Snapshot
from db.enums import PlacementType

# An employment that starts at most this long after a læringsforløb ends
# counts as its outcome (the decision is due when the course ends).
FOLLOW_ON_DAYS = 31


def by_type(snap: Snapshot, start: date, end: date) -> tuple[list[Count], list[Group]]:
    """Citizens with a placement of each type that overlaps the period (a
    citizen in two types counts in both)."""
    members: dict[str, set[str]] = defaultdict(set)
    for cid in snap.citizen_ids:
        for p in snap.placements.get(cid, []):
            if p.overlaps(start, end):
                members[p.type].add(cid)
    counts, groups = [], []
    for ptype in PlacementType:
        ids = tuple(sorted(members.get(ptype.value, ())))
        label = PLACEMENT_TYPES[ptype]
        counts.append(Count(f"type:{ptype.value}", label, len(ids), len(snap.citizen_ids)))
        groups.append(Group(f"type:{ptype.value}", label, ids))
    return counts, groups


def moves(snap: Snapshot, start: date, end: date) -> tuple[list[Count], list[Group]]:
    """A move is a placement that starts in the period on another step of the
    ladder (intern -> ekstern -> ordinært job) than the citizen's previous
    placement (the one that started last before it). Counted per pair of
    steps: the number of moves; the citizens behind them."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    details: dict[str, str] = {}
    for cid in snap.citizen_ids:
        rows = snap.placements.get(cid, [])
        for before, after in zip(rows, rows[1:]):
            old, new = LEVEL_OF[before.type], LEVEL_OF[after.type]
            if old != new and start <= after.start <= end:
                found[(old, new)].append(cid)
                details[cid] = f"{LEVEL_LABELS[old]} → {LEVEL_LABELS[new]} {fmt_date(after.start)}"
    counts, groups = [], []
    for old in LEVELS:
        for new in LEVELS:
            if old == new:
                continue
            key = f"move:{old}-{new}"
            label = f"{LEVEL_LABELS[old]} → {LEVEL_LABELS[new]}"
            ids = found.get((old, new), [])
            counts.append(Count(key, label, len(ids)))
            groups.append(Group(key, f"Skift {label}", tuple(sorted(set(ids))), details))
    return counts, groups


def learning(snap: Snapshot, start: date, end: date, today: date) -> tuple[Learning, list[Group]]:
    """Eksterne læringsforløb that ended in the period (end date, else the
    planned end, no later than today); each counts as ending in employment
    when the same citizen has an employment placement (skånejob, ekstern,
    fleksjob, småjob) that starts from the course's start until 31 days
    after its end."""
    ended = hired = same = 0
    to_job, not_to_job, details = set(), set(), {}
    for cid in snap.citizen_ids:
        rows = snap.placements.get(cid, [])
        for course in rows:
            course_end = course.end or course.planned_end
            if course.type != PlacementType.EXTERNAL_LEARNING or course_end is None:
                continue
            if not start <= course_end <= min(end, today):
                continue
            ended += 1
            jobs = [p for p in rows if p.type in EMPLOYMENT_TYPES
                    and course.start <= p.start <= course_end + timedelta(days=FOLLOW_ON_DAYS)]
            if jobs:
                hired += 1
                same += any(p.company_id and p.company_id == course.company_id for p in jobs)
                to_job.add(cid)
                details[cid] = f"Forløb slut {fmt_date(course_end)}, ansat {fmt_date(jobs[0].start)}"
            else:
                not_to_job.add(cid)
                details.setdefault(cid, f"Forløb slut {fmt_date(course_end)}, ingen ansættelse")
    return Learning(ended, hired, same), [
        Group("learning_to_job", "Læringsforløb endte i ansættelse", tuple(sorted(to_job)), details),
        Group("learning_not_to_job", "Læringsforløb uden ansættelse",
              tuple(sorted(not_to_job - to_job)), details)]
