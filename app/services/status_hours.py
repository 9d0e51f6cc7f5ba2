"""Hours by month, their trend and the intensity steps of a statusudtalelse.

Pure functions of plain tuples (no store): the hours log's weeks, the wage
versions and the weekly schedules of one citizen's placements.
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from app.reports.hours import months_between
from app.reports.snapshot import P
from app.services.status_model import IntensityStep, MonthHours, Trend


@dataclass(frozen=True)
class Wage:
    placement_id: str
    valid_from: date
    version_no: int
    present: float          # agreed hours present a week
    intensity: int          # percent
    effective: float        # agreed paid hours a week


Week = tuple[str, date, float, float, float]  # placement, Monday, present, effective, ordinary


def in_force(wages: list[Wage], day: date) -> Wage | None:
    versions = [w for w in wages if w.valid_from <= day]
    return max(versions, key=lambda w: (w.valid_from, w.version_no)) if versions else None


def agreed_on(placements: list[P], wages: dict[str, list[Wage]], schedule_hours: dict[str, float],
              day: date) -> tuple[float | None, float | None]:
    """(hours present a week, intensity %) agreed on `day`, over the placements
    running that day: the wage version in force, else the weekly schedule
    (which has no intensity). (None, None) when nothing is agreed."""
    present = paid = wage_present = 0.0
    found = False
    for p in placements:
        if not p.active_on(day):
            continue
        wage = in_force(wages.get(p.id, []), day)
        if wage is not None:
            present += wage.present
            paid += wage.effective
            wage_present += wage.present
            found = True
        elif p.id in schedule_hours:
            present += schedule_hours[p.id]
            found = True
    return (round(present, 2) if found else None,
            round(100.0 * paid / wage_present, 1) if wage_present else None)


def month_hours(start: date, end: date, weeks: list[Week], placements: list[P],
                wages: dict[str, list[Wage]], schedule_hours: dict[str, float]) -> list[MonthHours]:
    """One row per calendar month of the period. A week counts in the month
    its Monday falls in, and only when that Monday is in the period."""
    sums: dict[date, list[float]] = defaultdict(lambda: [0, 0.0, 0.0, 0.0])
    for _, monday, present, effective, ordinary in weeks:
        if start <= monday <= end:
            acc = sums[date(monday.year, monday.month, 1)]
            acc[0] += 1
            acc[1] += present
            acc[2] += effective
            acc[3] += ordinary
    rows = []
    for month in months_between(start, end):
        last_day = min(end, date(month.year, month.month, calendar.monthrange(month.year, month.month)[1]))
        agreed, intensity = agreed_on(placements, wages, schedule_hours, last_day)
        n, present, effective, ordinary = sums.get(month, [0, 0.0, 0.0, 0.0])
        rows.append(MonthHours(month, int(n), round(present, 2), round(effective, 2), round(ordinary, 2),
                               agreed, intensity))
    return rows


def trend(months: list[MonthHours]) -> Trend | None:
    """Hours present a week, first month against last: from the hours log
    when two or more months have recorded weeks, else from the agreements."""
    recorded = [m for m in months if m.weeks]
    if len(recorded) >= 2:
        first, last = recorded[0], recorded[-1]
        return Trend(first.month, last.month, round(first.per_week or 0.0, 2),
                     round(last.per_week or 0.0, 2), "timer")
    agreed = [m for m in months if m.agreed_present is not None]
    if len(agreed) >= 2:
        first, last = agreed[0], agreed[-1]
        return Trend(first.month, last.month, first.agreed_present or 0.0, last.agreed_present or 0.0,
                     "aftale")
    return None


def intensity_steps(start: date, end: date, placements: list[P], wages: dict[str, list[Wage]],
                    workplaces: dict[str, str]) -> list[IntensityStep]:
    """The wage versions in force at some time in the period: the one in
    force on the first day (or the placement's start) and every later one."""
    steps = []
    for p in placements:
        versions = sorted(wages.get(p.id, []), key=lambda w: (w.valid_from, w.version_no))
        first_day = max(start, p.start)
        opening = in_force(versions, first_day)
        for w in versions:
            later = first_day < w.valid_from <= min(end, p.end or end) and in_force(versions, w.valid_from) is w
            if w is opening or later:
                steps.append(IntensityStep(w.valid_from, workplaces.get(p.id, ""), w.present,
                                           w.intensity, w.effective))
    return sorted(steps, key=lambda s: (s.valid_from, s.workplace))
