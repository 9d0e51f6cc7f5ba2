"""The benchmark runner prints every DESIGN.md target row: a figure claims
its row by key or by name; a row nobody measured is printed as "not measured"
with the reason."""
from __future__ import annotations

from bench.__main__ import _line, _summary
from bench.common import Figure, percentile
from bench.targets import TARGETS, claim


def test_figures_claim_their_target_rows_by_key_or_name() -> None:
    figs = [Figure("start-up to usable main window (median of 5)", 0.9, "s", "< 1.5 s"),
            Figure("empty PySide6 window start", 0.5, "s", "-"),
            Figure("search as you type p95", 12.0, "ms", "< 30 ms"),
            Figure("addendum: one tillægsaftale PDF (median)", 80.0, "ms", "< 150 ms"),
            Figure("addendum: first PDF in the process (cold)", 300.0, "ms"),
            Figure("something else", 1.0, "s", key="memory")]
    claimed = claim(figs)
    assert [f.value for f in claimed["startup"]] == [0.9]
    assert [f.value for f in claimed["search_p95"]] == [12.0]
    assert [f.value for f in claimed["addendum_pdf"]] == [80.0]
    assert [f.value for f in claimed["memory"]] == [1.0]
    assert claimed["full_sync"] == [] and claimed["devices_50_mixed"] == [] and claimed["report_12m"] == []


def test_summary_prints_every_target_row_with_the_reason_when_missing() -> None:
    figs = [Figure("search as you type p95", 12.0, "ms", "< 30 ms", ok=True)]
    lines = _summary(figs, ["bench_ui", "bench_core"], ["bench_sync"])
    body = "\n".join(lines)
    for t in TARGETS:
        assert t.what in body and t.target in body
    assert "bench_sync failed" in body
    assert "bench_addendum.py missing" in body
    assert "bench_ui reported no such figure" in body  # e.g. memory
    assert body.count("not measured") == len(TARGETS) - 1


def test_a_line_shows_value_target_anchor_and_ratio() -> None:
    line = _line(Figure("demo --size large: time", 30.0, "s", "< 120 s", "plain sqlite3", 3.0, True))
    assert "< 120 s" in line and "plain sqlite3 3" in line and "10.00x" in line and "OK" in line
    assert percentile([5, 1, 4, 2, 3], 50) == 3
