"""Weekly hours: who raised them, ordinary hours reached, the monthly means."""
from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date

from app.reports.model import Count, Group, HoursRaised, MonthRow
from app.reports.snapshot import Snapshot
from app.rules.hours import ORDINARY_HOURS_GOAL_PER_MONTH, step3_reached

WINDOW_WEEKS = 4


def fmt_hours(value: float) -> str:
    """12,5 t (cheaper than Babel; called for thousands of citizens)."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " t"
Week = tuple[float, float, float]  # attendance, paid, ordinary (summed over placements)


def citizen_weeks(snap: Snapshot, citizen_id: str) -> dict[date, Week]:
    """A citizen's recorded weeks, summed over concurrent placements."""
    if citizen_id not in snap.weeks:
        snap.weeks[citizen_id] = _sum_weeks(snap, citizen_id)
    return snap.weeks[citizen_id]


def _sum_weeks(snap: Snapshot, citizen_id: str) -> dict[date, Week]:
    weeks: dict[date, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for p in snap.placements.get(citizen_id, []):
        for week, att, paid, ordinary in snap.hours.get(p.id, []):
            acc = weeks[week]
            acc[0] += att
            acc[1] += paid
            acc[2] += ordinary
    return {week: (a, b, c) for week, (a, b, c) in weeks.items()}


def agreed_hours(snap: Snapshot, citizen_id: str, day: date) -> float | None:
    """Hours present a week by the wage versions in force on `day`, summed
    over the placements active that day; None when no version applies."""
    total, found = 0.0, False
    for p in snap.placements.get(citizen_id, []):
        versions = [v for v in snap.wages.get(p.id, []) if v[0] <= day]
        if p.active_on(day) and versions:
            total += max(versions, key=lambda v: (v[0], v[1]))[2]
            found = True
    return total if found else None


def level_change(snap: Snapshot, cid: str, start: date, end: date) -> tuple[float, float, str] | None:
    """(baseline, end level, source) of one citizen's weekly hours, or None.

    Hours log first: baseline = mean attendance of the citizen's first 4
    recorded weeks up to the period's end (before or in the period); end
    level = mean of the last 4 recorded weeks that start in the period.
    Without a recorded week in the period, the wage agreements: baseline =
    the agreed weekly hours on the day of the citizen's first wage version;
    end level = those agreed on the period's last day (or on the last day a
    placement of the citizen ran, if earlier)."""
    weeks = citizen_weeks(snap, cid)
    upto = sorted(w for w in weeks if w <= end)
    inside = [w for w in upto if w >= start]
    if inside:
        base = statistics.fmean(weeks[w][0] for w in upto[:WINDOW_WEEKS])
        last = statistics.fmean(weeks[w][0] for w in inside[-WINDOW_WEEKS:])
        return base, last, "timer"
    firsts = [v[0] for p in snap.placements.get(cid, []) for v in snap.wages.get(p.id, [])]
    ends = [p.end or end for p in snap.placements.get(cid, [])]
    last_day = min(end, max(ends, default=end))
    if not firsts or min(firsts) > last_day:
        return None
    agreed_base, agreed_last = agreed_hours(snap, cid, min(firsts)), agreed_hours(snap, cid, last_day)
    if agreed_base is None or agreed_last is None:
        return None
    return agreed_base, agreed_last, "lønaftale"


def hours_raised(snap: Snapshot, start: date, end: date) -> tuple[HoursRaised, list[Group]]:
    """A citizen raised the weekly hours when the end level is higher than
    the baseline (see `level_change`), compared at 0.01 hours."""
    raised, same, rises, changes, details = [], [], [], [], {}
    by_source = {"timer": 0, "lønaftale": 0}
    for cid in snap.citizen_ids:
        change = level_change(snap, cid, start, end)
        if change is None:
            continue
        base, last, source = change
        by_source[source] += 1
        delta = round(last - base, 2)
        changes.append(delta)
        details[cid] = f"{fmt_hours(round(base, 2))} → {fmt_hours(round(last, 2))} ({source})"
        if delta > 0:
            raised.append(cid)
            rises.append(delta)
        else:
            same.append(cid)
    measured = len(changes)
    figure = HoursRaised(
        measured=measured, raised=len(raised), from_hours_log=by_source["timer"],
        from_wages=by_source["lønaftale"], not_measured=len(snap.citizen_ids) - measured,
        mean_rise=statistics.fmean(rises) if rises else None,
        median_rise=statistics.median(rises) if rises else None,
        mean_change=statistics.fmean(changes) if changes else None)
    return figure, [
        Group("hours_raised", "Har øget ugentlige timer", tuple(raised), details),
        Group("hours_not_raised", "Har ikke øget ugentlige timer", tuple(same), details)]


def ordinary_reached(snap: Snapshot, start: date, end: date) -> tuple[Count, list[Group]]:
    """Of the citizens with hours recorded in the period: those with at least
    30 ordinary hours in one calendar month (weeks count in the month their
    Monday falls in; only weeks that start in the period)."""
    reached, measured, details = [], 0, {}
    for cid in snap.citizen_ids:
        months: dict[tuple[int, int], float] = defaultdict(float)
        for week, (_, _, ordinary) in citizen_weeks(snap, cid).items():
            if start <= week <= end:
                months[(week.year, week.month)] += ordinary
        if not months:
            continue
        measured += 1
        (year, month), best = max(months.items(), key=lambda kv: (kv[1], kv[0]))
        details[cid] = f"Bedste måned {month:02d}.{year}: {fmt_hours(round(best, 2))}"
        if step3_reached(best):
            reached.append(cid)
    label = f"Nået ordinære timer (mindst {ORDINARY_HOURS_GOAL_PER_MONTH:.0f} t på en måned)"
    return Count("ordinary_reached", label, len(reached), measured), [
        Group("ordinary_reached", label, tuple(reached), details)]


def months_between(start: date, end: date) -> list[date]:
    months, day = [], date(start.year, start.month, 1)
    while day <= end:
        months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def monthly(snap: Snapshot, start: date, end: date) -> tuple[list[MonthRow], list[Group]]:
    """Per calendar month: mean hours present and paid per citizen-week, and
    intensity = paid / present over all those weeks."""
    cells: dict[date, list[tuple[str, Week]]] = defaultdict(list)
    for cid in snap.citizen_ids:
        for week, values in citizen_weeks(snap, cid).items():
            if start <= week <= end:
                cells[date(week.year, week.month, 1)].append((cid, values))
    rows, groups = [], []
    for month in months_between(start, end):
        cell = cells.get(month, [])
        att = sum(v[0] for _, v in cell)
        paid = sum(v[1] for _, v in cell)
        ids = tuple(sorted({cid for cid, _ in cell}))
        rows.append(MonthRow(month, len(ids), len(cell), att / len(cell) if cell else None,
                             paid / len(cell) if cell else None,
                             100.0 * paid / att if att else None, sum(v[2] for _, v in cell)))
        groups.append(Group(f"month:{month:%Y-%m}", f"Timer registreret i {month:%m.%Y}", ids))
    return rows, groups
