"""The data folder is the user's only (POSIX): folders 0700, files 0600 —
the store and its -wal/-shm, backups, logs and settings, also what an older
version left readable to others."""
from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import jobcoach_cmd, subprocess_env

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(jobcoach_cmd() + list(args), env=subprocess_env(), capture_output=True,
                          text=True, timeout=180)


def _modes(top: Path) -> dict[str, int]:
    return {str(p.relative_to(top)): stat.S_IMODE(p.stat().st_mode) for p in [top, *top.rglob("*")]}


def test_everything_in_the_data_folder_is_private(isolated: Path) -> None:
    # What an older version made: world-readable.
    isolated.chmod(0o755)
    old = isolated / "backups"
    old.mkdir(mode=0o755)
    (old / "gammel.txt").write_text("x")
    (old / "gammel.txt").chmod(0o644)
    previous = os.umask(0o022)  # the usual umask of a desktop session, inherited by the program
    try:
        for args in (("demo", "--size", "small", "--seed", "3"), ("backup",), ("list", "citizens")):
            done = _run(*args)
            assert done.returncode == 0, done.stderr
    finally:
        os.umask(previous)
    modes = _modes(isolated)
    assert any(name.endswith(".db") for name in modes) and any("log" in name for name in modes)
    assert any(name.startswith("backups/") and name.endswith(".db") for name in modes)
    wrong = {name: oct(mode) for name, mode in modes.items()
             if mode != (0o700 if (isolated / name).is_dir() else 0o600)}
    assert wrong == {}
