"""`jobcoach erase-citizen ID --yes` does what *Sletning* does, logged the
same way; without --yes, or for an unknown id, it changes nothing (exit 2)."""
from __future__ import annotations

import subprocess

from sqlalchemy import select

from app.context import open_context
from app.services.outbox_redaction import ERASE_DETAIL
from db.models import AccessLog, Citizen
from tests.conftest import jobcoach_cmd, subprocess_env


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(jobcoach_cmd() + list(args), env=subprocess_env(), capture_output=True,
                          text=True, timeout=180)


def test_erase_citizen_from_the_command_line() -> None:
    assert _run("demo", "--size", "small", "--seed", "5").returncode == 0
    first = _run("list", "citizens").stdout.splitlines()[0].split("\t")
    citizen_id, name = first[0], first[1]
    unconfirmed = _run("erase-citizen", citizen_id)
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    assert _run("erase-citizen", "ingen-saadan-borger", "--yes").returncode == 2
    done = _run("erase-citizen", citizen_id, "--yes")
    assert done.returncode == 0, done.stderr
    assert name not in done.stdout + done.stderr
    ctx = open_context()
    try:
        with ctx.uow() as s:
            citizen = s.get(Citizen, citizen_id)
            assert citizen.name == "Slettet borger" and citizen.cpr is None and citizen.deleted_at is not None
            logged = s.scalars(select(AccessLog).where(AccessLog.citizen_id == citizen_id,
                                                       AccessLog.detail == ERASE_DETAIL)).all()
            assert len(logged) == 1 and logged[0].action == "delete"
    finally:
        ctx.close()
