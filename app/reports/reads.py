"""The report's rows, read straight from the driver in the order they are used.

Tens of thousands of rows: SQLAlchemy's per-value type processing cost more
than the reading, and the driver's cost grows with every value fetched, so
each query returns only the columns a figure needs, from a covering index
(migration 0012_rp), already sorted, and each row is handled once. Dates are
ISO text (SQLAlchemy's SQLite format): compared as text, turned into dates
once per distinct day.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

# Live placements of live citizens, each citizen's by (start, id): the order
# the figures walk them in. ix_placement_report covers it, no sort.
PLACEMENTS = (
    "SELECT p.id, p.citizen_id, p.company_id, p.placement_type, p.start_date, p.end_date, "
    "p.planned_end, p.coach_id, c.coach_id FROM placement AS p JOIN citizen AS c ON c.id = p.citizen_id "
    "WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY p.citizen_id, p.start_date, p.id")
WAGES = (
    "SELECT placement_id, valid_from, version_no, attendance_hours FROM wage_agreement "
    "WHERE deleted_at IS NULL ORDER BY placement_id")
# Held visits by time (ix_visit_status_at_cover), from the history kept
# before the period to its end: of those before it, each citizen's last
# counts. One range of one index (a second query for the last visits before
# the period read as many rows of another index, and more pages).
VISITS = (
    "SELECT citizen_id, substr(at, 1, 10), placement_id FROM visit "
    "WHERE status = ? AND at >= ? AND at < ? AND deleted_at IS NULL ORDER BY at")
# The report reads about 10 MB of index pages. With SQLite's default 8 MB
# page cache of a connection a repeated report decrypted a fifth of them
# again (some 20-30 ms); the connection keeps the larger cache (at most
# 8 MB more, and only once the pages are read).
PAGE_CACHE_KIB = 16384


def ensure_page_cache(raw: Any) -> None:
    if -raw.execute("PRAGMA cache_size").fetchone()[0] < PAGE_CACHE_KIB:
        raw.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")


class Days(dict):
    """ISO text -> date, each distinct day parsed once."""

    def __missing__(self, text: str) -> date:
        self[text] = day = date.fromisoformat(text)
        return day

    def maybe(self, text: str | None) -> date | None:
        return None if text is None else self[text]


def wages_by_placement(raw: Any, days: Days, owned: set[str]) -> dict[str, list[tuple[date, int, float]]]:
    """(valid_from, version_no, attendance hours) of each placement, in that order."""
    out: dict[str, list[tuple[date, int, float]]] = {}
    current, rows = None, None
    for pid, valid_from, no, att in raw.execute(WAGES).fetchall():
        if pid != current:
            current, rows = pid, None
            if pid in owned:
                rows = out[pid] = []
        if rows is not None:
            rows.append((days[valid_from], no, att))
    for rows in out.values():
        rows.sort()
    return out


def held_visits(raw: Any, days: Days, wanted: set[str], status: str, since: str, start: str,
                until: str) -> tuple[dict[str, list[tuple[date, str | None]]], dict[str, date]]:
    """Held visits from `start` to before `until` (stored text) by citizen,
    in time order; and each citizen's last held visit from `since` to before
    `start` (the only one before the period a figure uses)."""
    visits: dict[str, list[tuple[date, str | None]]] = defaultdict(list)
    before: dict[str, str] = {}
    first_day = start[:10]
    for cid, day, pid in raw.execute(VISITS, (status, since, until)).fetchall():
        if cid not in wanted:
            continue
        if day < first_day:
            before[cid] = day  # time order: the last one stays
        else:
            visits[cid].append((days[day], pid))
    return dict(visits), {cid: days[day] for cid, day in before.items()}
