"""The access log: every kind of access is logged, filters, CSV, read-only."""
from __future__ import annotations

import csv
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.services import access_log, audit, citizens, visits
from app.services.access_guard import AccessLogReadOnly
from db.base import utcnow
from db.models import AccessLog, OutboxEntry
from tests.privacy.scenario import make_full_citizen


def _entry(ctx, user: str, citizen_id: str, at: datetime, action: str = "view") -> None:
    with ctx.uow() as s:
        s.add(AccessLog(at=at, user=user, action=action, citizen_id=citizen_id, entity="citizen",
                        entity_id=citizen_id))


def test_views_search_hits_changes_and_deletes_are_logged(ctx):
    c = citizens.create_citizen(ctx, name="Log Borger")
    citizens.get_citizen(ctx, c.id)
    citizens.get_citizen(ctx, c.id, via="search_open")
    citizens.update_citizen(ctx, c.id, city="Vejle")
    citizens.reveal_cpr(ctx, c.id)
    v = visits.create_visit(ctx, c.id, at=datetime.now() - timedelta(hours=1), notes="x")
    visits.delete_visit(ctx, v.id)
    actions = [e.action for e in access_log.query(ctx, citizen_id=c.id)]
    assert sorted(actions) == sorted(["create", "view", "search_open", "change", "reveal_cpr",
                                      "create", "delete"])
    # synced: each entry has its outbox insert, made in the same transaction
    with ctx.uow() as s:
        ids = set(s.scalars(select(AccessLog.id)))
        logged = set(s.scalars(select(OutboxEntry.row_id).where(OutboxEntry.entity == "access_log")))
    assert ids and ids <= logged


def test_filters_by_citizen_user_and_period(ctx):
    a = citizens.create_citizen(ctx, name="Anna A")
    b = citizens.create_citizen(ctx, name="Bent B")
    now = utcnow()
    _entry(ctx, "leder1", a.id, now - timedelta(days=200))
    _entry(ctx, "leder1", b.id, now - timedelta(days=10))
    _entry(ctx, "coach2", a.id, now - timedelta(days=10))
    assert {e.user for e in access_log.query(ctx, user="leder1")} == {"leder1"}
    assert {e.citizen_id for e in access_log.query(ctx, citizen_id=b.id)} == {b.id}
    old_day = (now - timedelta(days=200)).date()
    window = access_log.query(ctx, start=old_day - timedelta(days=1), end=old_day + timedelta(days=1))
    assert [(e.user, e.citizen_id) for e in window] == [("leder1", a.id)]
    recent = access_log.query(ctx, citizen_id=a.id, start=date.today() - timedelta(days=30))
    assert [e.user for e in recent if e.action == "view"] == ["coach2"]
    assert "leder1" in access_log.users(ctx) and "coach2" in access_log.users(ctx)
    assert all(e.citizen_name in ("Anna A", "Bent B") for e in access_log.query(ctx))


def test_csv_is_semicolon_utf8_with_bom_and_formula_safe(ctx, tmp_path):
    c = citizens.create_citizen(ctx, name="Søren Ærø")
    _entry(ctx, "=cmd|calc", c.id, utcnow())
    path = tmp_path / "log.csv"
    n = access_log.export_csv(ctx, path, citizen_id=c.id)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == access_log.CSV_HEADER and len(rows) == n + 1 == 3
    assert {r[4] for r in rows[1:]} == {"Søren Ærø"}
    assert "'=cmd|calc" in {r[1] for r in rows[1:]}
    assert {r[2] for r in rows[1:]} == {"Oprettet", "Set"}


def test_log_rows_cannot_be_changed_or_deleted(ctx):
    c = citizens.create_citizen(ctx, name="Låst Log")
    with pytest.raises(AccessLogReadOnly):
        with ctx.uow() as s:
            s.scalars(select(AccessLog)).first().detail = "rettet"
    with pytest.raises(RuntimeError):  # refused by the outbox hook or the guard
        with ctx.uow() as s:
            s.delete(s.scalars(select(AccessLog)).first())
    with pytest.raises(AccessLogReadOnly):
        with ctx.uow() as s:
            s.scalars(select(AccessLog)).first().deleted_at = utcnow()
    (entry,) = access_log.query(ctx, citizen_id=c.id)
    assert entry.detail == "" and entry.action == "create"
    with pytest.raises(ValueError):
        with ctx.uow() as s:
            audit.record(s, ctx, "tamper", c.id)


def test_erasure_keeps_log_entries_of_any_age(ctx):
    made = make_full_citizen(ctx)
    _entry(ctx, "gammel", made.citizen_id, utcnow() - timedelta(days=170))
    before = {e.id for e in access_log.query(ctx, citizen_id=made.citizen_id)}
    from app.services.retention import erase_citizen

    erase_citizen(ctx, made.citizen_id)
    after = access_log.query(ctx, citizen_id=made.citizen_id)
    assert before < {e.id for e in after}
    assert after[0].action == "delete" and after[0].citizen_name == ""
