"""Retention and erasure: the list, the scrub, the outbox, search and the raw file."""
from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy import select, update

from app import secrets
from app.services import access_log, citizens, search
from app.services.erasure_plan import ERASED_NAME
from app.services.retention import due_for_erasure, erase_citizen, redact_erased_outbox
from db.models import (
    Accommodation,
    AccommodationCheck,
    Action,
    Citizen,
    HoursRecord,
    Milestone,
    OutboxEntry,
    Placement,
    ScheduleSlot,
    Visit,
    WageAgreement,
)
from tests.privacy.rawpages import plaintext_pages
from tests.privacy.scenario import NOTE_WORD, PERSONAL_WORDS, make_full_citizen


def _key() -> str:
    return secrets.get_secret(secrets.DB_KEY_NAME)


def _raw_hits(ctx) -> list[str]:
    pages = plaintext_pages(ctx.store.path, _key()).lower()
    return [w for w in PERSONAL_WORDS if w.lower().encode() in pages]


def _mark_all_sent(ctx) -> None:
    with ctx.uow() as s:
        s.execute(update(OutboxEntry).values(sent=True))


def test_list_of_citizens_past_retention(ctx):
    ctx.settings.retention_days = 365
    old = citizens.create_citizen(ctx, name="Gammel Sag")
    citizens.end_citizen(ctx, old.id, date.today() - timedelta(days=400))
    recent = citizens.create_citizen(ctx, name="Ny Sag")
    citizens.end_citizen(ctx, recent.id, date.today() - timedelta(days=30))
    citizens.create_citizen(ctx, name="Aktiv Sag")
    due = due_for_erasure(ctx)
    assert [c.id for c in due] == [old.id]
    assert due[0].due_since == date.today() - timedelta(days=35)
    erase_citizen(ctx, old.id)
    assert due_for_erasure(ctx) == []


def test_erasure_scrubs_tombstones_and_records_outbox(ctx):
    made = make_full_citizen(ctx)
    keep = make_full_citizen(ctx, name="Bliver Her", cpr=None, marked=False)
    _mark_all_sent(ctx)  # as after a sync: the server has every row
    assert _raw_hits(ctx), "the raw scan must see the data before erasure"
    erase_citizen(ctx, made.citizen_id)
    with ctx.uow() as s:
        c = s.get(Citizen, made.citizen_id)
        assert (c.name, c.cpr, c.phone, c.address, c.support) == (ERASED_NAME, None, "", "", "")
        assert c.deleted_at is not None
        for model, field in ((Visit, "notes"), (Placement, "tasks"), (Accommodation, "text"),
                             (Action, "text"), (Milestone, "text"), (HoursRecord, "note"),
                             (WageAgreement, "note"), (AccommodationCheck, "comment"), (ScheduleSlot, "id")):
            rows = [r for r in s.scalars(select(model)) if _belongs(s, r, made)]
            assert rows, model
            assert all(r.deleted_at is not None for r in rows), model
            if field != "id":
                assert all(getattr(r, field) == "" for r in rows), model
        pending = s.scalars(select(OutboxEntry).where(OutboxEntry.sent.is_(False),
                                                      OutboxEntry.entity == "visit")).all()
        assert pending and all(e.op == "delete" for e in pending)
        assert json.loads(pending[0].fields)["notes"][1] == ""
        sent = s.scalars(select(OutboxEntry).where(OutboxEntry.row_id == made.citizen_id,
                                                   OutboxEntry.sent.is_(True))).all()
        assert sent and all(NOTE_WORD not in e.fields and "Qwerty" not in e.fields for e in sent)
        assert s.get(Citizen, keep.citizen_id).name == "Bliver Her"
    assert search.search(ctx, NOTE_WORD) == [] and search.search(ctx, "Qwertyborg") == []
    assert search.search(ctx, "Bliver")
    entry = access_log.query(ctx, citizen_id=made.citizen_id)[0]
    assert (entry.action, entry.citizen_name) == ("delete", "")
    # after the next sync round the erasure's own entries are sent, then blanked
    _mark_all_sent(ctx)
    assert redact_erased_outbox(ctx) > 0
    from app.services.retention import compact

    compact(ctx)
    assert _raw_hits(ctx) == []


def test_erasure_of_never_synced_citizen_leaves_nothing_to_send(ctx):
    made = make_full_citizen(ctx)
    erase_citizen(ctx, made.citizen_id)
    with ctx.uow() as s:
        ids = [made.citizen_id, made.visit_id, made.placement_id, made.accommodation_id]
        assert s.scalars(select(OutboxEntry).where(OutboxEntry.row_id.in_(ids))).all() == []
        log_rows = s.scalars(select(OutboxEntry).where(OutboxEntry.entity == "access_log")).all()
        assert log_rows  # the log itself still goes to the server
    assert _raw_hits(ctx) == []


def _belongs(s, row, made) -> bool:
    placement = getattr(row, "placement_id", None)
    visit = getattr(row, "visit_id", None)
    return (getattr(row, "citizen_id", None) == made.citizen_id or placement == made.placement_id
            or visit == made.visit_id)
