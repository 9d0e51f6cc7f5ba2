"""`jobcoach login URL USER`: plain http only to this machine unless
--insecure-http (and it says why); certificate checks off only for one
command, with a warning, never saved; the device is named (--device-name,
default host and user); the access-log entries written before the login are
sent under the account."""
from __future__ import annotations

import json
import socket
import subprocess
import uuid

import pytest
from sqlalchemy import select

from app import paths
from app.services import citizens
from app.sync.account import InsecureAddress, check_address
from app.sync.client import login, sync_round
from db.models import OutboxEntry
from tests.conftest import jobcoach_cmd, subprocess_env
from tests.sync.support import add_user, server_engine

pytestmark = pytest.mark.postgres


def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(jobcoach_cmd() + list(args), input=stdin, env=subprocess_env(), capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("url", ["http://jobcoach.kommune.dk", "http://10.0.0.5:8765", "ftp://x"])
def test_plain_http_to_another_machine_is_refused_and_says_why(url) -> None:
    done = _run("login", url, "anna", stdin="hemmelig-kode\n")
    assert done.returncode == 2
    assert ("klartekst" in done.stderr) or url.startswith("ftp")
    assert "hemmelig-kode" not in done.stdout + done.stderr


def test_local_and_explicitly_allowed_addresses_pass_the_check() -> None:
    for url in ("http://localhost:8765", "http://127.0.0.1:1", "http://[::1]:8765", "https://x.dk"):
        check_address(url)
    check_address("http://10.0.0.5", insecure_http=True)
    with pytest.raises(InsecureAddress):
        check_address("http://10.0.0.5")


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_no_verify_tls_warns_every_time_and_is_never_saved() -> None:
    url = f"https://127.0.0.1:{_closed_port()}"
    for _ in range(2):
        done = _run("login", url, "anna", "--no-verify-tls", stdin="hemmelig-kode\n")
        assert done.returncode == 1  # nobody answers there
        assert "certifikat kontrolleres ikke" in done.stderr
    settings = paths.settings_file()
    saved = json.loads(settings.read_text()) if settings.exists() else {}
    assert "verify_tls" not in saved
    plain = _run("login", url, "anna", stdin="hemmelig-kode\n")
    assert "certifikat kontrolleres ikke" not in plain.stderr


def test_device_name_given_or_host_and_user(ctx, server) -> None:
    user = f"gro-{uuid.uuid4().hex[:6]}"
    add_user(server.url, user, "vest")
    login(ctx, server.base, user, "hemmelig-kode", device_name="Gros bærbare")
    login(ctx, server.base, user, "hemmelig-kode")
    with server_engine(server.url).connect() as conn:
        from server.models import Account, Device
        names = conn.execute(select(Device.name).join(Account, Account.id == Device.account_id)
                             .where(Account.username == user).order_by(Device.created_at)).scalars().all()
    assert names == ["Gros bærbare", f"{socket.gethostname()} ({user})"[:100]]


def test_log_entries_written_before_the_login_are_sent_as_the_account(ctx, server) -> None:
    user = f"hans-{uuid.uuid4().hex[:6]}"
    add_user(server.url, user, "vest")
    made = citizens.create_citizen(ctx, name="Før Login")  # logged under the OS user name
    login(ctx, server.base, user, "hemmelig-kode")
    with ctx.uow() as s:
        users = {json.loads(f)["user"][1] for f in s.scalars(
            select(OutboxEntry.fields).where(OutboxEntry.entity == "access_log"))}
    assert users == {user}
    from app import secrets
    from app.sync.transport import Transport
    with Transport(server.base, secrets.get_secret(secrets.DEVICE_TOKEN_NAME)) as t:
        report = sync_round(ctx, t)
    assert report.pushed >= 2
    citizens.get_citizen(ctx, made.id)  # after the login: under the account directly
    with Transport(server.base, secrets.get_secret(secrets.DEVICE_TOKEN_NAME)) as t:
        assert sync_round(ctx, t).pushed >= 1  # a refusal would raise (403)
