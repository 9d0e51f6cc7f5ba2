"""Shared pieces of the benchmarks: figures, timing, the cached large data set.

Each `bench/bench_*.py` module has `run(env: BenchEnv) -> list[Figure]`.
`python -m bench` (`make bench`) runs them all, prints one line per figure
(name, value, unit, target, anchor measured in the same run, ratio) and
writes bench/results.json. No figure is hard-coded: every value is measured.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

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

    @property
    def ratio(self) -> float | None:
        if self.anchor_value:
            return self.value / self.anchor_value
        return None

    def as_dict(self) -> dict:
        return asdict(self) | {"ratio": self.ratio}


def median_time(func: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time in seconds over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class BenchEnv:
    """The large demo data set, made once and cached under bench/.cache."""

    data_dir: Path = CACHE / "large"
    keyring_file: Path = CACHE / "keyring.json"
    demo_seconds: float | None = None
    demo_rows: int | None = None
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
            seconds, rows = marker.read_text().split()
            self.demo_seconds, self.demo_rows = float(seconds), int(rows)
            return
        shutil.rmtree(self.data_dir, ignore_errors=True)
        self.keyring_file.unlink(missing_ok=True)
        self.data_dir.mkdir(parents=True)
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "ui.launcher", "demo", "--size", "large"],
                             env=self.env(), capture_output=True, text=True, check=True)
        self.demo_seconds = time.perf_counter() - start
        self.demo_rows = int(out.stdout.split()[1])
        marker.write_text(f"{self.demo_seconds} {self.demo_rows}")

    def open_context(self):
        self.activate()
        from app.context import open_context
        return open_context()
