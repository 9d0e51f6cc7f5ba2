"""A laptop that dies at the worst moment loses nothing and doubles nothing:
after the server committed a batch but before the laptop heard the answer,
and between applying a pulled page and committing its cursor. The laptop is
a real `jobcoach` process (login, sync) killed at those points."""
from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import func, select

from app.context import open_context
from app.sync import state
from app.sync.faults import AFTER_PUSH, BEFORE_CURSOR, FAULT_ENV
from db.models import Citizen, OutboxEntry
from server.models import ChangeLog, Record
from tests.conftest import jobcoach_cmd, subprocess_env
from tests.sync.support import server_engine

pytestmark = pytest.mark.postgres


def _jobcoach(*args: str, stdin: str = "", fault: str | None = None) -> subprocess.CompletedProcess:
    env = subprocess_env({FAULT_ENV: fault} if fault else {})
    return subprocess.run(jobcoach_cmd() + list(args), input=stdin, env=env,
                          capture_output=True, text=True, timeout=120)


def _login(server, user: str) -> None:
    done = _jobcoach("login", server.base, user, stdin="hemmelig-kode\n")
    assert done.returncode == 0, done.stderr
    assert "hemmelig-kode" not in done.stderr + done.stdout
    # The token is in the keyring only: no file of the data folder (settings, logs) holds it.
    from app import paths, secrets
    token = secrets.get_secret(secrets.DEVICE_TOKEN_NAME)
    assert token
    for path in paths.data_dir().rglob("*"):
        if path.is_file() and path.suffix not in (".db", ".db-wal", ".db-shm"):
            assert token not in path.read_text(errors="ignore"), path


def _add_citizens(n: int) -> list[str]:
    ctx = open_context()
    try:
        with ctx.uow() as s:
            rows = [Citizen(name=f"Borger {i}") for i in range(n)]
            s.add_all(rows)
            s.flush()
            return [r.id for r in rows]
    finally:
        ctx.close()


def _local(query):
    ctx = open_context()
    try:
        with ctx.uow() as s:
            return query(s)
    finally:
        ctx.close()


def test_cut_off_after_the_server_committed_applies_the_batch_once(server, users) -> None:
    import db.changes  # noqa: F401

    _login(server, users["anna"])
    ids = _add_citizens(3)
    crashed = _jobcoach("sync", fault=AFTER_PUSH)
    assert crashed.returncode == 70
    assert _local(state.waiting) > 0  # the laptop never heard the answer
    done = _jobcoach("sync")
    assert done.returncode == 0, done.stderr
    assert _local(state.waiting) == 0
    change_ids = _local(lambda s: list(s.execute(select(OutboxEntry.change_id)).scalars()))
    with server_engine(server.url).connect() as conn:
        logged = conn.execute(select(ChangeLog.change_id).where(ChangeLog.change_id.in_(change_ids))).scalars().all()
        versions = conn.execute(select(Record.version).where(Record.id.in_(ids))).scalars().all()
    assert sorted(logged) == sorted(change_ids)  # every change once, none twice (UNIQUE)
    assert versions == [1, 1, 1]


def test_killed_between_applying_a_page_and_its_cursor_misses_and_doubles_nothing(laptops, server, users) -> None:
    import db.changes  # noqa: F401

    other = laptops("other")
    with other.ctx.uow() as s:
        s.add_all([Citizen(name=f"Fra kollega {i}") for i in range(25)])
    other.sync()
    _login(server, users["bo"])
    crashed = _jobcoach("sync", fault=BEFORE_CURSOR)
    assert crashed.returncode == 70
    assert _local(state.cursor) == 0
    assert _local(lambda s: s.execute(select(func.count()).select_from(Citizen)
                                      .where(Citizen.name.like("Fra kollega%"))).scalar_one()) == 0
    done = _jobcoach("sync")
    assert done.returncode == 0, done.stderr
    names = _local(lambda s: s.execute(select(Citizen.name).where(Citizen.name.like("Fra kollega%"))).scalars().all())
    assert sorted(names) == sorted(f"Fra kollega {i}" for i in range(25))
    # Rows applied from the server never become local changes to send back.
    assert _local(state.waiting) == 0
    again = _jobcoach("sync")
    assert "hentet 0" in again.stderr.lower() or again.returncode == 0
