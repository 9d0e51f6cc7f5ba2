"""Find or build the PyInstaller bundle for the dist tests, and run it.

A bundle in dist/ is reused when it is newer than every source file (after
`make dist`); otherwise the tests build one into a temporary folder.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("app", "ui", "db", "resources")
IN_CI = os.environ.get("CI") == "true"
BUILD_SECONDS = 1500


@dataclass(frozen=True)
class Built:
    folder: Path    # dist/jobcoach
    work: Path      # PyInstaller's work folder (warn-*.txt, xref)
    sources_at: float  # sources changed after this time are not in the bundle

    @property
    def exe(self) -> Path:
        return self.folder / exe_name()


def exe_name() -> str:
    return "jobcoach.exe" if sys.platform == "win32" else "jobcoach"


def require(condition: bool, reason: str) -> None:
    """Skip on a developer's machine, fail in CI: there the build must run."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"dist test cannot run in CI: {reason}")
    pytest.skip(reason)


def newest_source() -> float:
    files = [ROOT / "pyinstaller.spec", ROOT / "pyproject.toml"]
    for folder in SOURCES:
        files += [p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return max(p.stat().st_mtime for p in files)


def reusable_dist() -> Built | None:
    """The bundle of an up-to-date `make dist`, if any."""
    exe = ROOT / "dist" / "jobcoach" / exe_name()
    work = ROOT / "build" / "pyinstaller"
    complete = (exe.parent / "_internal" / "base_library.zip").exists()  # not mid-build
    if exe.exists() and complete and work.is_dir() and exe.stat().st_mtime > newest_source():
        return Built(exe.parent, work, exe.stat().st_mtime)
    return None


def build(target: Path) -> Built:
    """Build into target/dist with work files in target/work."""
    dist, work = target / "dist", target / "work"
    started = time.time()
    log = target / "pyinstaller.log"
    with log.open("w") as out:
        proc = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist),
             "--workpath", str(work), str(ROOT / "pyinstaller.spec")],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, timeout=BUILD_SECONDS)
    if proc.returncode != 0:
        pytest.fail("PyInstaller failed:\n" + "\n".join(log.read_text().splitlines()[-40:]))
    return Built(dist / "jobcoach", work / "pyinstaller", started)


def find_or_build(tmp_factory: pytest.TempPathFactory) -> Built:
    require(importlib.util.find_spec("PyInstaller") is not None, "PyInstaller is not installed")
    return reusable_dist() or build(tmp_factory.mktemp("bundle"))


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of a coach's machine: no test keyring, no source tree."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHON_KEYRING_BACKEND", "JOBCOACH_TEST_KEYRING", "PYTHONPATH",
                        "DBUS_SESSION_BUS_ADDRESS", "GNOME_KEYRING_CONTROL", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def have_secret_service_tools() -> bool:
    return all(shutil.which(tool) for tool in ("dbus-run-session", "gnome-keyring-daemon"))
