"""Shared pieces of the benchmarks: figures, timing, the cached large data set.

Each `bench/bench_*.py` module has `run(env: BenchEnv) -> list[Figure]`.
`python -m bench` (`make bench`) runs them all, prints one line per figure
(name, value, unit, target, anchor measured in the same run, ratio) and
writes bench/results.json. No figure is hard-coded: every value is measured.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: str = ""            # e.g. "< 150 ms"; empty when there is none
    anchor_name: str = ""
    anchor_value: float | None = None
    ok: bool | None = None      # whether the target is met, when it can be judged
    note: str = ""
    key: str = ""               # a DESIGN.md target row this figure measures (bench.targets)

    @property
    def ratio(self) -> float | None:
        if self.anchor_value:
            return self.value / self.anchor_value
        return None

    def as_dict(self) -> dict:
        return asdict(self) | {"ratio": self.ratio}


def median_time(func: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time in seconds over `repeat` runs."""
    return statistics.median(times(func, repeat))


def times(func: Callable[[], object], repeat: int = 5) -> list[float]:
    """Wall times in seconds of `repeat` runs."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        out.append(time.perf_counter() - start)
    return out


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def fingerprint() -> str:
    """Changes when the demo or the schema changes: then the cache is remade."""
    digest = hashlib.sha256()
    sources = [ROOT / "app" / "demo.py", ROOT / "app" / "demo_text.py",
               *sorted((ROOT / "db" / "migrations" / "versions").glob("*.py"))]
    for path in sources:
        if path.exists():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class BenchEnv:
    """The large demo data set, made once and cached under bench/.cache."""

    data_dir: Path = CACHE / "large"
    keyring_file: Path = CACHE / "keyring.json"
    demo_seconds: float | None = None
    demo_rows: int | None = None
    demo_fresh: bool = False    # True when this run made the data set
    extra: dict = field(default_factory=dict)

    def env(self, data_dir: Path | None = None) -> dict[str, str]:
        env = dict(os.environ)
        env["JOBCOACH_DATA_DIR"] = str(data_dir or self.data_dir)
        env["PYTHON_KEYRING_BACKEND"] = "tests.support.keyrings.TestFileKeyring"
        env["JOBCOACH_TEST_KEYRING"] = str(self.keyring_file)
        env["PYTHONPATH"] = str(ROOT)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        return env

    def activate(self) -> None:
        """Point this process at the cached data set."""
        os.environ.update({k: v for k, v in self.env().items() if k != "PYTHONPATH"})
        import keyring

        from tests.support.keyrings import TestFileKeyring
        keyring.set_keyring(TestFileKeyring())

    def ensure_dataset(self) -> None:
        marker = self.data_dir / "demo-large.done"
        if marker.exists():
            parts = marker.read_text().split()
            if len(parts) == 3 and parts[2] == fingerprint():
                self.demo_seconds, self.demo_rows = float(parts[0]), int(parts[1])
                return
        shutil.rmtree(self.data_dir, ignore_errors=True)
        self.keyring_file.unlink(missing_ok=True)
        self.data_dir.mkdir(parents=True)
        self.demo_seconds, self.demo_rows = run_demo(self.env())
        self.demo_fresh = True
        marker.write_text(f"{self.demo_seconds} {self.demo_rows} {fingerprint()}")

    def open_context(self):
        self.activate()
        from app.context import open_context
        return open_context()


def run_demo(env: dict[str, str]) -> tuple[float, int]:
    """`jobcoach demo --size large` in a child process: (seconds, rows)."""
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "ui.launcher", "demo", "--size", "large"],
                         env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if out.returncode != 0:
        raise RuntimeError(f"jobcoach demo failed ({out.returncode}): {out.stderr[-2000:]}")
    return seconds, int(out.stdout.split()[1])
