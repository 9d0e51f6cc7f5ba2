"""`make bench`: run every bench/bench_*.py module and print its figures."""
from __future__ import annotations

import importlib
import json
import pkgutil
import sys
import time
import traceback
from datetime import datetime

from bench.common import ROOT, BenchEnv, Figure


def _modules(only: list[str]) -> list:
    names = sorted(m.name for m in pkgutil.iter_modules([str(ROOT / "bench")]) if m.name.startswith("bench_"))
    if only:
        names = [n for n in names if any(o in n for o in only)]
    return [importlib.import_module(f"bench.{n}") for n in names]


def _line(f: Figure) -> str:
    anchor = f"{f.anchor_name} {f.anchor_value:.4g}" if f.anchor_value is not None else "-"
    ratio = f"{f.ratio:.2f}x" if f.ratio is not None else "-"
    verdict = {True: "OK", False: "OVER", None: ""}[f.ok]
    return f"{f.name:<45} {f.value:>10.4g} {f.unit:<6} target {f.target or '-':<12} anchor {anchor:<28} ratio {ratio:<8} {verdict}"


def main(argv: list[str]) -> int:
    env = BenchEnv()
    print("Preparing the large demo data set (cached)...", file=sys.stderr, flush=True)
    env.ensure_dataset()
    results: list[Figure] = []
    failed = []
    for module in _modules(argv):
        started = time.perf_counter()
        try:
            figures = module.run(env)
        except Exception:  # noqa: BLE001 (report and go on with the other benchmarks)
            traceback.print_exc()
            failed.append(module.__name__)
            continue
        for fig in figures:
            print(_line(fig), flush=True)
        results.extend(figures)
        print(f"  ({module.__name__} took {time.perf_counter() - started:.1f} s)", file=sys.stderr)
    out = {"measured_at": datetime.now().isoformat(timespec="seconds"),
           "figures": [f.as_dict() for f in results], "failed": failed}
    (ROOT / "bench" / "results.json").write_text(json.dumps(out, indent=2, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
