"""Recorded hours, one row per citizen and week, as the driver returns them.

A row is (week, attendance, paid, ordinary, citizen) with the week's Monday
as ISO text, which sorts as the dates do: the figures compare and group the
weeks as text, so tens of thousands of rows are neither parsed nor copied.
A week with hours in two placements of the citizen becomes one row, summed
in the order of the citizen's placements (start, then id). Monthly totals
are summed in date order, so they do not depend on the order rows were
stored in (which differs between two laptops after a sync).
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from datetime import date
from typing import Any

WeekRow = tuple[str, float, float, float, str]

# Weeks up to the period's end (a later one counts in no figure), by citizen
# and in the order of the citizen's placements; the covering indexes of
# migration 0012_rp give this order without a sort.
HOURS = (
    "SELECT h.week_start, h.attendance_hours, h.paid_hours, h.ordinary_hours, p.citizen_id "
    "FROM placement AS p JOIN hours_record AS h ON h.placement_id = p.id AND h.deleted_at IS NULL "
    "AND h.week_start <= ? WHERE p.deleted_at IS NULL ORDER BY p.citizen_id, p.start_date, p.id")


def read_weeks(raw: Any, wanted: set[str], end: date) -> dict[str, list[WeekRow]]:
    """Each wanted citizen's recorded weeks up to `end`, in date order."""
    out: dict[str, list[WeekRow]] = {}
    untidy: set[str] = set()  # a week out of order or twice: two placements
    current, mine, latest = None, None, ""
    for row in raw.execute(HOURS, (end.isoformat(),)).fetchall():
        cid = row[4]
        if cid != current:
            current, mine, latest = cid, None, ""
            if cid in wanted:
                mine = out[cid] = []
        if mine is None:
            continue
        if row[0] > latest:
            latest = row[0]
        else:
            untidy.add(cid)
        mine.append(row)
    for cid in untidy:
        out[cid] = _one_row_a_week(out[cid])
    return out


def _one_row_a_week(rows: list[WeekRow]) -> list[WeekRow]:
    """Date order, a week of several placements summed in the rows' order."""
    weeks: dict[str, WeekRow] = {}
    for row in rows:
        have = weeks.get(row[0])
        weeks[row[0]] = row if have is None else (
            row[0], have[1] + row[1], have[2] + row[2], have[3] + row[3], row[4])
    return [weeks[week] for week in sorted(weeks)]


def weeks_in_period(weeks: dict[str, list[WeekRow]], start: date) -> dict[str, list[WeekRow]]:
    """Of weeks up to the period's end: those from `start` on, for the
    citizens that have any."""
    first = start.isoformat()
    out = {}
    for cid, rows in weeks.items():
        i = bisect_left(rows, first, key=_week) if rows[0][0] < first else 0
        if i < len(rows):
            out[cid] = rows[i:]
    return out


def best_month(weeks: list[WeekRow]) -> tuple[str, float]:
    """The month ("YYYY-MM") with the most ordinary hours (the later one of
    equals). The weeks are in date order, so each month's come together."""
    top, best = "", -math.inf
    month, total = "", 0.0
    for row in weeks:
        if not (month and row[0].startswith(month)):  # a new month
            if month and total >= best:
                top, best = month, total
            month, total = row[0][:7], 0.0
        total += row[3]
    if total >= best:
        top, best = month, total
    return top, best


def month_sums(citizen_ids: list[str], period: dict[str, list[WeekRow]]
               ) -> tuple[dict[str, list[float]], dict[str, list[str]]]:
    """"YYYY-MM" -> [attendance, paid, ordinary, weeks] summed over the
    citizen-weeks of the period in citizen and date order, and the citizens."""
    sums: dict[str, list[float]] = {}
    members: dict[str, list[str]] = defaultdict(list)
    for cid in citizen_ids:
        for week, att, paid, ordinary, _ in period.get(cid, ()):
            month = week[:7]
            acc = sums.get(month) or sums.setdefault(month, [0, 0, 0, 0])
            acc[0] += att
            acc[1] += paid
            acc[2] += ordinary
            acc[3] += 1
            ids = members[month]
            if not ids or ids[-1] != cid:
                ids.append(cid)
    return sums, members


def _week(row: WeekRow) -> str:
    return row[0]
