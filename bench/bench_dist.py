"""The installed build: size of dist/jobcoach, and the start of the frozen
program (`jobcoach --smoke-test`) next to the same start from source.

Both start against a real Secret Service (gnome-keyring in a private D-Bus
session), on an empty store of their own, after one warm-up start that
creates the store. dist/jobcoach is measured when it is newer than the
sources; otherwise a fresh build is (into dist/ when there is none).
"""
from __future__ import annotations

import importlib.util
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, BenchEnv, Figure
from tests.dist.bundle import clean_env, exe_name, have_secret_service_tools, newest_source

DIST = ROOT / "dist" / "jobcoach"
RUNS = 5
START_TARGET_S = 1.5


def run(env: BenchEnv) -> list[Figure]:
    if importlib.util.find_spec("PyInstaller") is None:
        return [Figure("dist: bundle", 0, "", note="skipped: PyInstaller is not installed")]
    with tempfile.TemporaryDirectory() as tmp:
        folder, figures = _current_bundle(Path(tmp))
        return figures + _measure(folder)


def _measure(folder: Path) -> list[Figure]:
    size = _folder_mb(folder)
    where = "dist/jobcoach" if folder == DIST else "fresh build (dist/ older than the sources)"
    figures = [Figure("dist: bundle size (folder)", size, "MB", note=where),
               Figure("dist: bundle size (zip)", _zipped_mb(folder), "MB", anchor_name="folder",
                      anchor_value=size)]
    if not have_secret_service_tools():
        figures.append(Figure("dist: start", 0, "", note="skipped: no dbus-run-session/gnome-keyring"))
        return figures
    times = _timings_in_keyring_session(folder / exe_name())
    frozen, source = times["frozen"], times["source"]
    figures.append(Figure("dist: start frozen (--smoke-test, median of 5)", frozen, "s",
                          target=f"< {START_TARGET_S} s", anchor_name="from source",
                          anchor_value=source, ok=frozen < START_TARGET_S,
                          note="empty store, real Secret Service"))
    return figures


def _current_bundle(tmp: Path) -> tuple[Path, list[Figure]]:
    """dist/jobcoach when it is newer than the sources; else a fresh build:
    into dist/ when there is none, into `tmp` rather than over an old one
    that someone may be using."""
    exe = DIST / exe_name()
    if exe.exists() and exe.stat().st_mtime > newest_source():
        return DIST, []
    distpath, workpath = (ROOT / "dist", ROOT / "build") if not exe.exists() else (tmp / "dist", tmp / "work")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath",
                    str(distpath), "--workpath", str(workpath), str(ROOT / "pyinstaller.spec")],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    return distpath / "jobcoach", [Figure("dist: build time (pyinstaller --clean)", seconds, "s")]


def _folder_mb(folder: Path) -> float:
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


def _zipped_mb(folder: Path) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        archive = shutil.make_archive(str(Path(tmp) / "jobcoach"), "zip", folder.parent, folder.name)
        return Path(archive).stat().st_size / 1e6


def _timings_in_keyring_session(frozen_exe: Path) -> dict[str, float]:
    """Run `_inner` (below) inside its own D-Bus session and read its JSON."""
    with tempfile.TemporaryDirectory() as tmp:
        home, runtime = Path(tmp) / "home", Path(tmp) / "runtime"
        home.mkdir()
        runtime.mkdir(mode=0o700)
        env = clean_env(HOME=str(home), XDG_RUNTIME_DIR=str(runtime), PYTHONPATH=str(ROOT),
                        XDG_DATA_HOME=str(home / "share"), JOBCOACH_BENCH_TMP=tmp,
                        JOBCOACH_BENCH_FROZEN=str(frozen_exe))
        out = subprocess.run(["dbus-run-session", "--", sys.executable, "-m", "bench.bench_dist",
                              "--inner"], cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=900, check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])


def _inner() -> int:
    """Inside the session: unlock a keyring, then time both starts."""
    subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets", "--daemonize"],
                   input=secrets.token_hex(16), text=True, check=True, capture_output=True)
    _wait_for_secret_service()
    tmp = Path(os.environ["JOBCOACH_BENCH_TMP"])
    commands = {"frozen": [os.environ["JOBCOACH_BENCH_FROZEN"], "--smoke-test"],
                "source": [sys.executable, "-m", "ui.launcher", "--smoke-test"]}
    result = {name: _median_start(argv, tmp / name) for name, argv in commands.items()}
    print(json.dumps(result))
    return 0


def _median_start(argv: list[str], data_dir: Path) -> float:
    env = dict(os.environ, JOBCOACH_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    times = []
    for attempt in range(RUNS + 1):  # the first creates the store and is not counted
        started = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)
        if attempt:
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def _wait_for_secret_service(seconds: float = 10) -> None:
    from keyring.backends.SecretService import Keyring

    deadline = time.monotonic() + seconds
    while True:
        try:
            Keyring().get_password("jobcoach-bench", "probe")
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


if __name__ == "__main__" and sys.argv[1:] == ["--inner"]:
    sys.exit(_inner())
