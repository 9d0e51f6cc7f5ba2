"""History only while it is needed: one visit's note autosaves travel as one
change, acknowledged outbox entries are pruned, the server keeps no values
in its change log, and pushes are split by bytes so a server (or proxy) with
a body limit of a few MB takes them."""
from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, text, update

from app.services import citizens, visits
from app.sync import outbox
from db.models import OutboxEntry, Visit
from tests.sync.support import add_user, server_engine

pytestmark = pytest.mark.postgres
WORDS = "Jobcoachen aftalte kaffepause med mester om skånehensyn. "


def _typed(saves: int, length: int) -> list[str]:
    """The note as saved while being typed: it grows to `length` characters."""
    full = (WORDS * (length // len(WORDS) + 1))[:length]
    return [full[: length * (i + 1) // saves] for i in range(saves)]


def _entries(laptop, row_id: str) -> list[OutboxEntry]:
    with laptop.ctx.uow() as s:
        rows = s.execute(select(OutboxEntry).where(OutboxEntry.row_id == row_id)).scalars().all()
        s.expunge_all()
        return list(rows)


def test_300_autosaves_of_a_long_note_are_one_change(laptops, server) -> None:
    a = laptops("a", "anna")
    citizen = citizens.create_citizen(a.ctx, name="Mette Holm")
    visit = visits.create_visit(a.ctx, citizen.id, at=datetime(2026, 11, 2, 10))
    a.sync()
    notes = _typed(300, 5100)
    for note in notes:
        visits.save_notes(a.ctx, visit.id, note)
    pending = [e for e in _entries(a, visit.id) if not e.sent]
    assert len(pending) == 1 and pending[0].op == "update"
    assert json.loads(pending[0].fields)["notes"] == ["", notes[-1]]
    a.sync()
    with server_engine(server.url).connect() as conn:
        logged = conn.execute(text("SELECT op, outcome FROM change_log WHERE row_id = :r ORDER BY seq"),
                              {"r": visit.id}).all()
        row = conn.execute(text("SELECT data, version FROM record WHERE id = :r"), {"r": visit.id}).one()
        columns = conn.execute(text("SELECT column_name FROM information_schema.columns "
                                    "WHERE table_name = 'change_log'")).scalars().all()
    assert [tuple(r) for r in logged] == [("insert", "applied"), ("update", "applied")]
    assert "fields" not in columns  # ids and outcomes only, no values
    assert row.data["notes"] == notes[-1]
    b = laptops("b", "bo")
    b.sync()
    with b.ctx.uow() as s:
        assert s.get(Visit, visit.id).notes == notes[-1]


def test_typing_in_a_new_visit_stays_in_its_insert(laptops) -> None:
    a = laptops("a", "anna")
    citizen = citizens.create_citizen(a.ctx, name="Jens Bo")
    visit = visits.create_visit(a.ctx, citizen.id, at=datetime(2026, 11, 2, 10))
    for note in _typed(20, 400):
        visits.save_notes(a.ctx, visit.id, note)
    entries = _entries(a, visit.id)
    assert [e.op for e in entries] == ["insert"]
    assert json.loads(entries[0].fields)["notes"][1] == _typed(20, 400)[-1]
    with a.ctx.uow() as s:
        assert s.get(Visit, visit.id).version == 1


def test_acknowledged_entries_are_pruned_after_their_keep_time(laptops) -> None:
    a = laptops("a", "anna")
    citizens.create_citizen(a.ctx, name="Gammel Ændring")
    a.sync()
    with a.ctx.uow() as s:
        s.execute(update(OutboxEntry).values(created_at=datetime.now() - outbox.KEEP_SENT - timedelta(days=1)))
    citizens.create_citizen(a.ctx, name="Ny Ændring")
    a.sync()
    with a.ctx.uow() as s:
        left = s.execute(select(OutboxEntry.fields)).scalars().all()
    assert left and all("Gammel" not in f for f in left) and any("Ny Ændring" in f for f in left)


def test_pushes_are_split_by_bytes_for_a_server_with_a_small_limit(fresh_server, tmp_path, monkeypatch) -> None:
    from tests.sync.support import Laptop

    monkeypatch.setenv("JOBCOACH_SERVER_MAX_BODY_MB", "1")
    server = fresh_server()
    add_user(server.url, "anna", "nord")
    monkeypatch.setattr(outbox, "BATCH_BYTES", 512 * 1024)
    laptop = Laptop(tmp_path, "a")
    try:
        laptop.register(server.base, "anna")
        citizen = citizens.create_citizen(laptop.ctx, name="Stor Note")
        for i in range(30):  # 30 visits with 90,000-character notes: 2.7 MB
            visits.create_visit(laptop.ctx, citizen.id, at=datetime(2026, 11, 2, 10), notes=f"{i} " + "x" * 90_000)
        laptop.sync()
        with server_engine(server.url).connect() as conn:
            count = conn.execute(text("SELECT count(*) FROM record WHERE entity = 'visit'")).scalar_one()
        assert count == 30
        with laptop.ctx.uow() as s:
            assert s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.sent.is_(False))) == 0
    finally:
        laptop.close()
