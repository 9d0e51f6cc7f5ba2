"""`make bench`: run every bench/bench_*.py module and print its figures.

    python -m bench [NAME ...]   only the modules whose name contains NAME
                                 (then written to bench/.cache/results-partial.json)

A module that fails is reported and the others still run; at the end every
row of DESIGN.md's target table is printed, measured or "not measured".
"""
from __future__ import annotations

import importlib
import json
import os
import pkgutil
import platform
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path

from bench.common import ROOT, BenchEnv, Figure
from bench.targets import TARGETS, claim, missing_line

RESULTS = ROOT / "bench" / "results.json"            # a full run
PARTIAL = ROOT / "bench" / ".cache" / "results-partial.json"  # some modules only


def _names(only: list[str]) -> list[str]:
    names = sorted(m.name for m in pkgutil.iter_modules([str(ROOT / "bench")]) if m.name.startswith("bench_"))
    return [n for n in names if not only or any(o in n for o in only)]


def _line(f: Figure) -> str:
    anchor = f"{f.anchor_name} {f.anchor_value:.4g}" if f.anchor_value is not None else "-"
    ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
    verdict = {True: "OK", False: "OVER", None: ""}[f.ok]
    line = (f"{f.name:<45} {f.value:>10.4g} {f.unit:<6} target {f.target or '-':<12} "
            f"anchor {anchor:<34} ratio {ratio:<8} {verdict}")
    return f"{line}  [{f.note}]" if f.note else line


def _run_module(name: str, env: BenchEnv) -> list[Figure]:
    module = importlib.import_module(f"bench.{name}")
    figures = module.run(env)
    if not isinstance(figures, list) or not all(isinstance(f, Figure) for f in figures):
        raise TypeError(f"{name}.run() must return a list of Figure")
    return figures


def _summary(results: list[Figure], names: list[str], failed: list[str],
             ran: list[str] | None = None) -> list[str]:
    claimed = claim(results)
    lines = ["", "DESIGN.md targets:"]
    for t in TARGETS:
        figs = claimed[t.key]
        if not figs:
            lines.append("  " + missing_line(t, set(names), set(failed), None if ran is None else set(ran)))
        for f in figs:
            verdict = {True: "OK", False: "OVER", None: ""}[f.ok]
            lines.append(f"  {t.what:<45} {f.value:>10.4g} {f.unit:<6} target {t.target:<12} "
                         f"{verdict}  ({f.name})")
    return lines


def _load() -> list[float] | None:
    """Other work on the machine inflates every figure: shown next to them."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _write(results: list[Figure], failed: list[str], started: float, path: Path) -> None:
    claimed = claim(results)
    out = {"measured_at": datetime.now().isoformat(timespec="seconds"),
           "seconds": round(time.perf_counter() - started, 1),
           "machine": {"platform": platform.platform(), "python": platform.python_version(),
                       "cpus": os.cpu_count(), "load_average_at_end": _load()},
           "figures": [f.as_dict() for f in results], "failed": failed,
           "not_measured": [t.key for t in TARGETS if not claimed[t.key]]}
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False))


def main(argv: list[str]) -> int:
    started = time.perf_counter()
    env = BenchEnv()
    print("Preparing the large demo data set (cached under bench/.cache)...", file=sys.stderr, flush=True)
    try:
        env.ensure_dataset()
    except Exception:
        traceback.print_exc()
        return 1
    print(f"Load average at the start: {_load()} on {os.cpu_count()} CPUs", file=sys.stderr, flush=True)
    print(f"{'figure':<45} {'value':>10} {'unit':<6} target {'':<12} anchor (same run)", flush=True)
    results: list[Figure] = []
    failed: list[str] = []
    names = _names(argv)
    for name in names:
        module_started = time.perf_counter()
        try:
            figures = _run_module(name, env)
        except Exception:
            traceback.print_exc()
            print(f"{name}: FAILED (see above)", flush=True)
            failed.append(name)
            continue
        for fig in figures:
            print(_line(fig), flush=True)
        results.extend(figures)
        print(f"  ({name} took {time.perf_counter() - module_started:.1f} s)", file=sys.stderr, flush=True)
    for line in _summary(results, _names([]), failed, names):
        print(line, flush=True)
    path = PARTIAL if argv else RESULTS
    _write(results, failed, started, path)
    print(f"\nLoad average (1, 5, 15 min) at the end: {_load()} on {os.cpu_count()} CPUs. "
          f"Written to {path.relative_to(ROOT)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
