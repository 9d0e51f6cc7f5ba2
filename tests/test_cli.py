"""The command line of DESIGN.md: demo and list, in a child process."""
from __future__ import annotations

import subprocess

from app import paths
from tests.conftest import jobcoach_cmd, subprocess_env


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(jobcoach_cmd() + list(args), env=subprocess_env(), capture_output=True,
                          text=True, timeout=120)


def test_demo_small_then_list_everything() -> None:
    demo = _run("demo", "--size", "small", "--seed", "7")
    assert demo.returncode == 0, demo.stderr
    assert "100.0 %" in demo.stderr  # progress shown
    raw = paths.store_path().read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    for what, minimum in (("citizens", 40), ("companies", 25), ("placements", 60)):
        out = _run("list", what)
        assert out.returncode == 0, out.stderr
        lines = out.stdout.splitlines()
        assert len(lines) >= minimum
        assert all(len(line.split("\t")[0]) == 36 for line in lines)  # id first
    names = [line.split("\t")[1] for line in _run("list", "citizens").stdout.splitlines()]
    for name in names[:10]:
        for part in name.split():
            if len(part) > 3:
                assert part.encode() not in raw


def test_unknown_command_is_usage_error() -> None:
    assert _run("frobnicate").returncode == 2


def test_smoke_test_exits_zero() -> None:
    result = subprocess.run(jobcoach_cmd() + ["--smoke-test"], env=subprocess_env(),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert paths.store_path().exists()
