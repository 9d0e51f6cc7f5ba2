"""Issue 12, item 5: a team move (`jobcoach-server adduser USER --team
OTHER` on an existing user). The laptop notices at its next sync, sends
what it may, sets aside what it may no longer send, drops the old team's
data without losing unsynced work, and pulls the new team's from zero."""
from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest
from sqlalchemy import select

from app.services import visits
from app.sync import held
from app.sync.teammove import MOVED_REASON
from db.models import Citizen, OutboxEntry, Visit
from tests.sync.support import server_env

pytestmark = pytest.mark.postgres


def _citizen(laptop, name: str) -> str:
    with laptop.ctx.uow() as s:
        row = Citizen(name=name)
        s.add(row)
        s.flush()
        return row.id


def _names(laptop) -> set[str]:
    with laptop.ctx.uow() as s:
        return set(s.execute(select(Citizen.name).where(Citizen.deleted_at.is_(None))).scalars())


def _unsent(session) -> list[str]:
    """Row ids of changes not on the server (set aside ones included)."""
    return list(session.execute(select(OutboxEntry.row_id).where(OutboxEntry.sent.is_(False))
                                .order_by(OutboxEntry.seq)).scalars())


def test_team_move(laptops, server, users) -> None:
    a, b, c = laptops("a", "anna"), laptops("b", "bo"), laptops("c", "carl")
    kept = _citizen(a, "Nord, rettes offline")
    visit = visits.create_visit(a.ctx, kept, at=datetime(2026, 3, 2, 10, 0))
    _citizen(b, "Nord, fra b")
    _citizen(c, "Syd, fra c")
    for laptop in (a, b, c, a):
        laptop.sync()
    assert {"Nord, rettes offline", "Nord, fra b"} <= _names(a)
    # Offline on a: an edit of a row of the old team, and a new citizen.
    visits.save_notes(a.ctx, visit.id, "Skrevet før flytningen")
    _citizen(a, "Ny hos a")
    moved = subprocess.run([sys.executable, "-m", "server.cli", "adduser", users["anna"], "--team",
                            f"syd-{users['carl'].split('-')[1]}"], check=False, input="hemmelig-kode\n",
                           env=server_env(server.url), capture_output=True, text=True, timeout=60)
    assert moved.returncode == 0, moved.stderr

    report = a.sync()
    assert report.team_moved and "flyttet til et andet team" in report.notice
    assert not report.still_apart
    names = _names(a)
    assert "Syd, fra c" in names and "Ny hos a" in names
    assert "Nord, fra b" not in names
    # The unsynced note is kept, with the visit and citizen it belongs to, and set aside.
    with a.ctx.uow() as s:
        assert s.get(Visit, visit.id).notes == "Skrevet før flytningen"
        assert s.get(Citizen, kept) is not None
        aside = held.held(s)
        entries = s.execute(select(OutboxEntry).where(OutboxEntry.seq.in_(list(aside)))).scalars().all()
        assert [e.row_id for e in entries] == [visit.id]
        assert set(aside.values()) == {MOVED_REASON}
        assert _unsent(s) == [visit.id]
    c.sync()
    assert "Ny hos a" in _names(c) and "Nord, rettes offline" not in _names(c)
    b.sync()
    assert "Ny hos a" not in _names(b)
    # Later rounds are ordinary ones: nothing blocked, nothing apart; a new
    # edit of the kept old-team visit is set aside too.
    _citizen(c, "Syd, senere")
    c.sync()
    visits.save_notes(a.ctx, visit.id, "Skrevet efter flytningen")
    again = a.sync()
    assert not again.team_moved and not again.apart and not again.resynced
    assert "Syd, senere" in _names(a)
    with a.ctx.uow() as s:
        assert len(held.held(s)) == 2 and _unsent(s) == [visit.id, visit.id]
    assert a.sync().pushed == 0
