"""The core: making the large demo data set, and computing the reports on it.

- `jobcoach demo --size large`: the cached run plus BENCH_DEMO_RUNS fresh runs
  (default 2) into throw-away folders; the median time and rows/s. Anchor, in
  the same run: the same rows (read back from the store) inserted with plain
  sqlite3 into the same tables — no encryption, no outbox, no search index.
- The team leader's report over the last 12 months of the large data set
  (median of 5); anchor: reading the rows it needs (the snapshot) alone.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.common import CACHE, BenchEnv, Figure, run_demo, times

DEMO_TABLES = ("coach", "company", "contact_person", "citizen", "accommodation", "placement",
               "wage_agreement", "schedule_slot", "milestone", "hours_record", "visit", "action")
DEMO_TARGET_S = 120.0
REPORT_TARGET_S = 0.3  # DESIGN.md: the team leader's report over 12 months


def _fresh_demo_times(env: BenchEnv) -> list[float]:
    runs = int(os.environ.get("BENCH_DEMO_RUNS", "2"))
    out = []
    for n in range(runs):
        folder = CACHE / f"demo-run-{n}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        run_env = env.env(folder) | {"JOBCOACH_TEST_KEYRING": str(folder / "keyring.json")}
        try:
            out.append(run_demo(run_env)[0])
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return out


def _read_demo_rows(ctx) -> tuple[list[str], dict[str, tuple[list[str], list[tuple]]]]:
    """The schema (tables and indexes) and every row the demo wrote."""
    from sqlalchemy import text
    names = ", ".join(f"'{t}'" for t in DEMO_TABLES)
    with ctx.uow() as s:
        ddl = [row[0] for row in s.execute(text(
            f"SELECT sql FROM sqlite_master WHERE tbl_name IN ({names}) AND sql IS NOT NULL "
            "AND type IN ('table', 'index') ORDER BY type = 'index'"))]
        rows = {}
        for table in DEMO_TABLES:
            result = s.execute(text(f"SELECT * FROM {table}"))
            rows[table] = (list(result.keys()), [tuple(r) for r in result])
    return ddl, rows


def _plain_insert(ddl: list[str], rows: dict, folder: Path) -> float:
    """Seconds to insert all rows with plain sqlite3 in one transaction."""
    path = folder / "plain.sqlite"
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    for statement in ddl:
        con.execute(statement)
    con.commit()
    start = time.perf_counter()
    with con:
        for table, (columns, values) in rows.items():
            marks = ", ".join("?" for _ in columns)
            con.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                            [tuple(_plain(v) for v in row) for row in values])
    seconds = time.perf_counter() - start
    con.close()
    return seconds


def _plain(value):
    return value.isoformat(sep=" ") if hasattr(value, "isoformat") and not isinstance(value, str) else value


def _demo_figures(env: BenchEnv, ctx) -> list[Figure]:
    runs = ([env.demo_seconds] if env.demo_seconds else []) + _fresh_demo_times(env)
    seconds = statistics.median(runs)
    ddl, rows = _read_demo_rows(ctx)
    n_rows = sum(len(v[1]) for v in rows.values())
    with tempfile.TemporaryDirectory() as tmp:
        plain = statistics.median(_plain_insert(ddl, rows, Path(tmp)) for _ in range(3))
    note = f"median of {len(runs)} runs, {env.demo_rows} rows incl. outbox-tracked inserts"
    return [
        Figure("demo --size large: time", seconds, "s", f"< {DEMO_TARGET_S:.0f} s",
               "plain sqlite3 insert, s", plain, seconds < DEMO_TARGET_S, note, key="demo_large"),
        Figure("demo --size large: rows/s", env.demo_rows / seconds, "rows/s", "",
               "plain sqlite3 rows/s", n_rows / plain, None, f"{n_rows} rows in the anchor"),
    ]


def _report_figures(ctx) -> list[Figure]:
    from app.reports import snapshot
    from app.services import reports
    today = date.today()
    scope = reports.make_scope(today - timedelta(days=365), today)
    build = times(lambda: reports.build_report(ctx, scope), 5)

    def load() -> None:
        with ctx.uow() as s:
            snapshot.load(s, scope)
    read = times(load, 5)
    median = statistics.median(build)
    return [Figure("report, last 12 months, large data set", median * 1000, "ms",
                   f"< {REPORT_TARGET_S * 1000:.0f} ms", "reading its rows, ms",
                   statistics.median(read) * 1000, median < REPORT_TARGET_S,
                   "median of 5", key="report_12m")]


def run(env: BenchEnv) -> list[Figure]:
    env.ensure_dataset()
    ctx = env.open_context()
    try:
        return _demo_figures(env, ctx) + _report_figures(ctx)
    finally:
        ctx.close()
