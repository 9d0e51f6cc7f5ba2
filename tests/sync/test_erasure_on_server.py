"""Erasure wins on the server: after *Sletning* on one laptop, a dump of the
server's PostgreSQL database holds none of the citizen's name, CPR, phone or
note words, also when another laptop edited the citizen offline before the
erasure arrived (its edit reaching the server before or after the erasure);
the citizen does not come back, and the other laptop ends with the erased state."""
from __future__ import annotations

import subprocess
from datetime import datetime

import pytest
from sqlalchemy import select

from app.services.retention import erase_citizen
from db.models import Citizen, Visit
from tests.sync.support import snapshot

pytestmark = pytest.mark.postgres

NAME, CPR, PHONE, NEW_PHONE = "Ingeborg Kvistgaard", "0101901234", "87654321", "11223344"
NOTE, EDITED, NEW_VISIT = "zebrafinke i kantinen", "kragefjer på lageret", "solsortunge ved porten"
WORDS = ("Ingeborg", "Kvistgaard", CPR, PHONE, NEW_PHONE, "zebrafinke", "kragefjer", "solsortunge")


def _citizen_with_a_visit(laptop) -> tuple[str, str]:
    with laptop.ctx.uow() as s:
        citizen = Citizen(name=NAME, cpr=CPR, phone=PHONE, address="Fyrrevej 3")
        s.add(citizen)
        s.flush()
        visit = Visit(citizen_id=citizen.id, at=datetime(2026, 11, 2, 10), notes=NOTE)
        s.add(visit)
        s.flush()
        return citizen.id, visit.id


def _edit_offline(laptop, citizen_id: str, visit_id: str) -> None:
    with laptop.ctx.uow() as s:
        s.get(Citizen, citizen_id).phone = NEW_PHONE
        s.get(Visit, visit_id).notes = NOTE + "\n" + EDITED
        s.add(Visit(citizen_id=citizen_id, at=datetime(2026, 11, 20, 9), notes=NEW_VISIT))


def _dump(db_url: str) -> str:
    name = db_url.rsplit("/", 1)[1]
    return subprocess.run(["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--data-only", name],
                          capture_output=True, text=True, check=True, timeout=120).stdout


def _found(text: str) -> list[str]:
    return [w for w in WORDS if w in text]


@pytest.mark.parametrize("edit_arrives", ["before", "after"])
def test_server_keeps_nothing_of_an_erased_citizen(laptops, fresh_server, users, edit_arrives) -> None:
    server = fresh_server()
    from tests.sync.support import add_user
    for key in ("anna", "bo"):
        add_user(server.url, users[key], "nord")
    a, b = laptops("a", "anna", on=server), laptops("b", "bo", on=server)
    citizen_id, visit_id = _citizen_with_a_visit(a)
    a.sync()
    b.sync()
    assert _found(_dump(server.url)), "the test data must reach the server first"
    _edit_offline(b, citizen_id, visit_id)
    if edit_arrives == "before":
        b.sync()
    erase_citizen(a.ctx, citizen_id)
    a.sync()
    if edit_arrives == "after":
        b.sync()
    for laptop in (a, b, a, b):
        laptop.sync()
    assert _found(_dump(server.url)) == []
    with b.ctx.uow() as s:
        citizen = s.get(Citizen, citizen_id)
        assert citizen.deleted_at is not None and citizen.cpr is None
        assert all(v.deleted_at is not None for v in s.scalars(select(Visit).where(Visit.citizen_id == citizen_id)))
    assert _found(repr(snapshot(b))) == []
    def shared(laptop) -> dict:  # the access log of others reaches only a team leader
        return {k: v for k, v in snapshot(laptop).items() if not k.startswith("access_log:")}
    assert shared(a) == shared(b)
