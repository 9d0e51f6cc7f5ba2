"""Weekly hours: who raised them, ordinary hours reached, the monthly means."""
from __future__ import annotations

import statistics
from datetime import date
from functools import lru_cache

from app.reports.model import Count, Group, HoursRaised, MonthRow
from app.reports.snapshot import Snapshot
from app.reports.weeks import best_month, month_sums
from app.rules.hours import ORDINARY_HOURS_GOAL_PER_MONTH, step3_reached

WINDOW_WEEKS = 4


@lru_cache(maxsize=4096)  # the same few hundred values, thousands of times
def fmt_hours(value: float) -> str:
    """12,5 t (cheaper than Babel; called for thousands of citizens)."""
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " t"


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
    inside = snap.weeks_from(start).get(cid)
    if inside:
        base = statistics.fmean([row[1] for row in snap.weeks[cid][:WINDOW_WEEKS]])
        last = statistics.fmean([row[1] for row in inside[-WINDOW_WEEKS:]])
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
    period = snap.weeks_from(start)
    for cid in snap.citizen_ids:
        if cid not in period:
            continue
        measured += 1
        month, best = best_month(period[cid])
        details[cid] = f"Bedste måned {month[5:7]}.{month[:4]}: {fmt_hours(round(best, 2))}"
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
    sums, members = month_sums(snap.citizen_ids, snap.weeks_from(start))
    rows, groups = [], []
    for month in months_between(start, end):
        key = f"{month:%Y-%m}"
        att, paid, ordinary, weeks = sums.get(key, (0, 0, 0, 0))
        n, ids = int(weeks), tuple(members.get(key, ()))
        rows.append(MonthRow(month, len(ids), n, att / n if n else None, paid / n if n else None,
                             100.0 * paid / att if att else None, ordinary))
        groups.append(Group(f"month:{key}", f"Timer registreret i {month:%m.%Y}", ids))
    return rows, groups
