"""Logins against a real server on PostgreSQL, raw HTTP: 10 failures within
15 minutes per user name and per client address, then 429 with Retry-After
until the window has passed (the right password too); password hashing
bounded per process; device tokens expire after 90 days unused and are
renewed in use; `jobcoach-server passwd` revokes the user's devices; devices
are listed with name, user, team, created and last seen."""
from __future__ import annotations

import subprocess
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select, update

from server.models import Device, LoginAttempt, utcnow
from tests.sync.http_api import API
from tests.sync.support import add_user, server_engine, server_env

pytestmark = pytest.mark.postgres
PASSWORD = "hemmelig-kode"


def _login(base: str, user: str, password: str, name: str = "pc") -> httpx.Response:
    return httpx.post(base + API + "/devices", json={"username": user, "password": password, "name": name},
                      timeout=120)


def _pull(base: str, token: str) -> int:
    return httpx.get(base + API + "/pull", headers={"Authorization": f"Bearer {token}"}).status_code


def _age_failures(db_url: str, by: timedelta) -> None:
    with server_engine(db_url).begin() as conn:
        conn.execute(update(LoginAttempt).values(at=LoginAttempt.at - by))


def _server_cli(db_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "server.cli", *args], input=stdin, env=server_env(db_url),
                          capture_output=True, text=True, timeout=60)


def test_ten_failures_lock_a_user_name_even_for_the_right_password(fresh_server) -> None:
    server = fresh_server()
    add_user(server.url, "anna", "nord")
    for _ in range(10):
        assert _login(server.base, "anna", "forkert-kode").status_code == 401
    locked = _login(server.base, "anna", PASSWORD)
    assert locked.status_code == 429
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60
    assert "Retry-After" in locked.headers and PASSWORD not in locked.text
    _age_failures(server.url, timedelta(minutes=14))
    assert _login(server.base, "anna", PASSWORD).status_code == 429  # still within the window
    _age_failures(server.url, timedelta(minutes=2))
    assert _login(server.base, "anna", PASSWORD).status_code == 200


def test_ten_failures_from_one_address_lock_other_names_too(fresh_server) -> None:
    server = fresh_server()
    add_user(server.url, "bo", "nord")
    for i in range(10):
        assert _login(server.base, f"gaet-{i}", "forkert-kode").status_code == 401
    assert _login(server.base, "bo", PASSWORD).status_code == 429
    _age_failures(server.url, timedelta(minutes=16))
    assert _login(server.base, "bo", PASSWORD).status_code == 200


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads peak memory from /proc")
def test_a_flood_of_logins_does_not_exhaust_memory(fresh_server) -> None:
    server = fresh_server()
    add_user(server.url, "carl", "syd")
    assert _login(server.base, "carl", PASSWORD).status_code == 200
    before = _peak_rss_mb(server.proc.pid)
    with ThreadPoolExecutor(40) as pool:
        codes = list(pool.map(lambda i: _login(server.base, "carl", PASSWORD, f"pc{i}").status_code, range(40)))
    assert codes == [200] * 40
    # argon2 takes 64 MiB a hash: 40 at once would be 2.5 GB; 4 at a time stay far below.
    assert _peak_rss_mb(server.proc.pid) - before < 8 * 64


def test_a_token_expires_after_90_days_unused_and_is_renewed_in_use(server) -> None:
    user = f"dora-{uuid.uuid4().hex[:6]}"
    add_user(server.url, user, "vest")
    old, used = (_login(server.base, user, PASSWORD, n).json() for n in ("old", "used"))
    now = utcnow()
    with server_engine(server.url).begin() as conn:
        conn.execute(update(Device).where(Device.id == old["device_id"]).values(last_seen=now - timedelta(days=91)))
        conn.execute(update(Device).where(Device.id == used["device_id"]).values(last_seen=now - timedelta(days=89)))
    assert _pull(server.base, old["token"]) == 401
    assert _pull(server.base, used["token"]) == 200
    with server_engine(server.url).connect() as conn:
        seen = conn.execute(select(Device.last_seen).where(Device.id == used["device_id"])).scalar_one()
    assert seen >= now - timedelta(minutes=1)


def test_passwd_changes_the_password_and_revokes_the_devices(server) -> None:
    user = f"eva-{uuid.uuid4().hex[:6]}"
    add_user(server.url, user, "vest")
    token = _login(server.base, user, PASSWORD).json()["token"]
    assert _pull(server.base, token) == 200
    changed = _server_cli(server.url, "passwd", user, stdin="en-ny-god-kode\n")
    assert changed.returncode == 0, changed.stderr
    assert "en-ny-god-kode" not in changed.stdout + changed.stderr
    assert _pull(server.base, token) == 401
    assert _login(server.base, user, "en-ny-god-kode").status_code == 200
    assert _server_cli(server.url, "passwd", "ingen-saadan", stdin="en-ny-god-kode\n").returncode == 2
    assert _server_cli(server.url, "passwd", user, stdin="kort\n").returncode == 2


def test_list_devices_shows_name_user_team_created_and_last_seen(server) -> None:
    user = f"finn-{uuid.uuid4().hex[:6]}"
    add_user(server.url, user, "oest")
    device = _login(server.base, user, PASSWORD, "Finns bærbare").json()
    assert _pull(server.base, device["token"]) == 200
    listed = _server_cli(server.url, "list-devices")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[0].split("\t") == ["id", "navn", "bruger", "team", "oprettet",
                                                         "sidst set", "status"]
    line = next(row for row in listed.stdout.splitlines() if row.startswith(device["device_id"]))
    _id, name, who, team, created, seen, status = line.split("\t")
    assert (name, who, team, status) == ("Finns bærbare", user, "oest", "aktiv")
    assert created != "-" and seen != "-"
