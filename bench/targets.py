"""DESIGN.md's target table: every row is printed by `make bench`, measured
or "not measured", so a missing benchmark cannot hide.

A figure claims a row by its `key`, or else — when it states a target — by
its name matching the row's pattern (the benchmark modules are written by
different people)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bench.common import Figure


@dataclass(frozen=True)
class Target:
    key: str
    what: str
    target: str
    module: str
    pattern: str      # regular expression on a figure's name, case-insensitive
    exclude: str = "^$"  # ... unless the name also matches this (anchors and the like)


TARGETS = (
    Target("startup", "start to a usable main window", "<= 2x empty window, < 1.5 s", "bench_ui",
           r"start|opstart", r"empty|tom |anchor|frozen|bundle|dist|source"),
    Target("search_p95", "search as you type, p95", "< 30 ms", "bench_ui", r"(search|søg).*p95|p95.*(search|søg)"),
    Target("open_citizen", "open a citizen with 200 visits", "< 100 ms", "bench_ui",
           r"(open|åbn).*(citizen|borger)"),
    Target("addendum_pdf", "one tillægsaftale PDF", "< 150 ms", "bench_addendum",
           r"addendum|tillægsaftale", r"anchor|paragraph"),
    Target("full_sync", "first full sync of the data set", "< 10 s, <= 10x insert", "bench_sync",
           r"(full|first|fuld|første).*sync"),
    Target("sync_100", "sync of 100 local changes", "< 500 ms", "bench_sync", r"100.*(change|ændring)"),
    Target("devices_50_mixed", "50 devices of 5 teams during another team's full sync",
           "no error, p95 < 500 ms", "bench_sync", r"50.*(device|enhed).*teams"),
    Target("memory", "memory with the data set open (peak RSS)", "< 250 MB", "bench_ui",
           r"memory|rss|hukommelse"),
    Target("report_12m", "the team leader's report over 12 months", "< 300 ms", "bench_core",
           r"report.*12"),
    Target("demo_large", "jobcoach demo --size large", "< 120 s", "bench_core", r"^demo.*time"),
)


def claim(figures: list[Figure]) -> dict[str, list[Figure]]:
    """Which figures measure which target row (a figure claims one row)."""
    claimed: dict[str, list[Figure]] = {t.key: [] for t in TARGETS}
    for fig in figures:
        target = next((t for t in TARGETS if fig.key == t.key), None)
        if target is None and not fig.key and fig.target:  # by name: only figures with a target
            target = next((t for t in TARGETS if re.search(t.pattern, fig.name, re.IGNORECASE)
                           and not re.search(t.exclude, fig.name, re.IGNORECASE)), None)
            if target is not None:
                fig.key = target.key
        if target is not None:
            claimed[target.key].append(fig)
    return claimed


def missing_line(t: Target, modules: set[str], failed: set[str], ran: set[str] | None = None) -> str:
    if t.module in failed:
        why = f"{t.module} failed"
    elif t.module not in modules:
        why = f"{t.module}.py missing"
    elif ran is not None and t.module not in ran:
        why = f"{t.module} not run this time"
    else:
        why = f"{t.module} reported no such figure"
    return f"{t.what:<45} {'not measured':>17} target {t.target:<12} ({why})"
