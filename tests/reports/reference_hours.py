"""The hours figures of the report computed the plain way (see reference.py)."""
from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date

from app.reports.hours import fmt_hours
from app.rules.hours import step3_reached
from tests.reports.reference import Rows, newest_wage, runs


def weeks_of(rows: Rows, cid: str, end: date) -> dict[date, list[float]]:
    weeks: dict[date, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for p in rows.placements.get(cid, []):
        for h in sorted(rows.hours.get(p.id, []), key=lambda h: h.week_start):
            if h.week_start <= end:
                acc = weeks[h.week_start]
                acc[0] += h.attendance_hours
                acc[1] += h.paid_hours
                acc[2] += h.ordinary_hours
    return dict(weeks)


def level(rows: Rows, cid: str, start: date, end: date) -> tuple[float, float, str] | None:
    weeks = weeks_of(rows, cid, end)
    upto = sorted(weeks)
    inside = [w for w in upto if w >= start]
    if inside:
        return (statistics.mean(weeks[w][0] for w in upto[:4]),
                statistics.mean(weeks[w][0] for w in inside[-4:]), "timer")
    mine = rows.placements.get(cid, [])
    firsts = [w.valid_from for p in mine for w in rows.wages.get(p.id, [])]
    last_day = min(end, max((p.end_date or end for p in mine), default=end))
    if not firsts or min(firsts) > last_day:
        return None

    def agreed(day: date) -> float | None:
        found = [newest_wage(rows, p, day) for p in mine if runs(p, day)]
        return sum(w.attendance_hours for w in found if w) if any(found) else None
    base, last = agreed(min(firsts)), agreed(last_day)
    return None if base is None or last is None else (base, last, "lønaftale")


def raised(rows: Rows, ids: list[str], start: date, end: date) -> dict:
    changes = {cid: change for cid in ids if (change := level(rows, cid, start, end))}
    deltas = {cid: round(last - base, 2) for cid, (base, last, _) in changes.items()}
    rises = [d for d in deltas.values() if d > 0]
    return {"counts": (len(changes), len(rises), sum(c[2] == "timer" for c in changes.values()),
                       sum(c[2] == "lønaftale" for c in changes.values()), len(ids) - len(changes)),
            "means": (statistics.mean(rises) if rises else None, statistics.median(rises) if rises else None,
                      statistics.mean(deltas.values()) if deltas else None),
            "raised": [cid for cid in ids if deltas.get(cid, 0) > 0],
            "details": {cid: f"{fmt_hours(round(base, 2))} → {fmt_hours(round(last, 2))} ({source})"
                        for cid, (base, last, source) in changes.items()},
            "not_raised": [cid for cid in ids if cid in deltas and deltas[cid] <= 0]}


def ordinary(rows: Rows, ids: list[str], start: date, end: date) -> tuple[list[str], dict[str, str]]:
    reached, details = [], {}
    for cid in ids:
        months: dict[tuple[int, int], float] = defaultdict(float)
        for week, (_, _, hours) in weeks_of(rows, cid, end).items():
            if week >= start:
                months[(week.year, week.month)] += hours
        if months:
            (year, month), best = max(months.items(), key=lambda kv: (kv[1], kv[0]))
            details[cid] = f"Bedste måned {month:02d}.{year}: {fmt_hours(round(best, 2))}"
            if step3_reached(best):
                reached.append(cid)
    return reached, details


def months(rows: Rows, ids: list[str], start: date, end: date) -> dict[date, tuple]:
    cells: dict[date, list[tuple[str, list[float]]]] = defaultdict(list)
    for cid in ids:
        for week, values in weeks_of(rows, cid, end).items():
            if week >= start:
                cells[week.replace(day=1)].append((cid, values))
    out = {}
    for month, cell in cells.items():
        att, paid = sum(v[0] for _, v in cell), sum(v[1] for _, v in cell)
        out[month] = (len({cid for cid, _ in cell}), len(cell), att / len(cell), paid / len(cell),
                      100 * paid / att if att else None, sum(v[2] for _, v in cell),
                      sorted({cid for cid, _ in cell}))
    return out
