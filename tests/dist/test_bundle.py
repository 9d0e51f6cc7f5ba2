"""The frozen program, as IT installs it: built by pyinstaller.spec, started
against a real Secret Service, and refusing to run without a keyring."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dist.bundle import BUILD_SECONDS, clean_env, exe_name, have_secret_service_tools, require
from tests.dist.keyring_session import run_steps

pytestmark = [pytest.mark.dist, pytest.mark.timeout(BUILD_SECONDS + 600)]
CHECK_SECRET = Path(__file__).with_name("check_secret.py")
SQLITE_HEADER = b"SQLite format 3\x00"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def assert_not_plaintext(store: Path) -> None:
    assert not store.exists() or not store.read_bytes().startswith(SQLITE_HEADER), \
        "an unencrypted store was written"


def test_smoke_test_and_commands_against_real_secret_service(bundle: Path, tmp_path: Path) -> None:
    require(have_secret_service_tools(), "dbus-run-session or gnome-keyring-daemon missing")
    exe = str(bundle / exe_name())
    data = tmp_path / "coach-data"
    daemon, steps = run_steps(tmp_path / "session", [
        [exe, "--smoke-test"],
        [exe, "demo", "--size", "small", "--seed", "7"],
        [exe, "list", "citizens"],
        [sys.executable, str(CHECK_SECRET), str(data)],
    ], clean_env(JOBCOACH_DATA_DIR=str(data)))
    smoke, demo, listed, secret = steps
    assert daemon.returncode == 0, daemon.stderr
    assert smoke.returncode == 0, smoke.stderr
    assert "smoke-test ok" in smoke.stderr
    store = data / "jobcoach.db"
    assert store.exists()
    assert_not_plaintext(store)
    # A second start in the same session finds the key again, and faker's
    # Danish provider is inside the bundle.
    assert demo.returncode == 0, demo.stderr
    rows = listed.stdout.splitlines()
    assert listed.returncode == 0, listed.stderr
    assert len(rows) >= 20
    assert all(UUID.match(row.split("\t")[0]) for row in rows)
    assert any(letter in listed.stdout for letter in "æøåÆØÅ")
    assert secret.stdout.split() == ["key-in-secret-service", "no-key-in-files"], secret.stderr


@pytest.mark.parametrize("case", ["fail-backend", "no-dbus-session"])
def test_without_keyring_the_smoke_test_fails_in_danish(bundle: Path, tmp_path: Path, case: str) -> None:
    data = tmp_path / "coach-data"
    home = tmp_path / "home"
    home.mkdir()
    env = clean_env(JOBCOACH_DATA_DIR=str(data), HOME=str(home), XDG_DATA_HOME=str(home / "share"))
    if case == "fail-backend":
        env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    exe = str(bundle / exe_name())
    smoke = subprocess.run([exe, "--smoke-test"], env=env, capture_output=True, text=True, timeout=120)
    assert smoke.returncode != 0
    assert "ingen nøglering" in smoke.stderr, smoke.stderr
    listed = subprocess.run([exe, "list", "citizens"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert listed.returncode == 3
    assert "ingen nøglering" in listed.stderr
    assert_not_plaintext(data / "jobcoach.db")
