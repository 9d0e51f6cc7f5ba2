"""Versions of the tillægsaftale: changed content -> N+1, unchanged -> the
same version and the same bytes; old versions reproduce byte for byte."""
from __future__ import annotations

import hashlib
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from app.formatting import fmt_date
from app.rules.errors import ValidationError
from app.services import accommodations, addenda, placements, wages
from app.services.crud import NotFound
from db.models import AccessLog
from tests.test_addendum_helpers import TODAY, flat, make_placement, pdf_text


def _prints(ctx) -> list[SimpleNamespace]:
    with ctx.uow() as s:
        rows = s.scalars(select(AccessLog).where(AccessLog.action == "print").order_by(AccessLog.at))
        return [SimpleNamespace(citizen_id=r.citizen_id, entity=r.entity, entity_id=r.entity_id,
                                detail=r.detail) for r in rows]


def test_unchanged_content_reuses_the_version_and_its_bytes(ctx):
    made = make_placement(ctx)
    first, pdf1, new1 = addenda.print_addendum(ctx, made.placement_id)
    again, pdf2, new2 = addenda.print_addendum(ctx, made.placement_id)
    assert (new1, new2) == (True, False)
    assert again.id == first.id and again.version_no == 1
    assert pdf1 == pdf2 and hashlib.sha256(pdf1).hexdigest() == first.file_sha256
    assert len(addenda.versions(ctx, made.placement_id)) == 1


def test_changed_content_makes_the_next_version_and_old_ones_reproduce_exactly(ctx):
    made = make_placement(ctx)
    v1, pdf1, _ = addenda.print_addendum(ctx, made.placement_id)
    wages.add_wage_version(ctx, made.placement_id, valid_from=TODAY, hourly_wage_ore=15025,
                           overenskomst="3F Det Grønne Område", attendance_hours=9.5, work_intensity=50,
                           payer="virksomhed_borger", subsidy_per_hour_ore=2575)
    v2, pdf2, new = addenda.print_addendum(ctx, made.placement_id)
    assert new and v2.version_no == 2 and v2.content_hash != v1.content_hash
    assert "Timeløn 150,25 kr." in flat("".join(pdf_text(pdf2)))
    assert all("Version 2, " in page for page in pdf_text(pdf2))
    placements.update_placement(ctx, made.placement_id, tasks="Nye opgaver: beskæring af æbletræer.")
    v3, _, _ = addenda.print_addendum(ctx, made.placement_id)
    assert v3.version_no == 3
    old = addenda.reproduce(ctx, v1.id)
    assert old == pdf1 and hashlib.sha256(old).hexdigest() == v1.file_sha256
    assert "Timeløn 145,50 kr." in flat("".join(pdf_text(old)))  # what was signed, not today's data
    assert all(addenda.verify(ctx, v.id) for v in (v1, v2, v3))
    assert [v.version_no for v in addenda.versions(ctx, made.placement_id)] == [1, 2, 3]


def test_an_ended_skaanehensyn_changes_the_content(ctx):
    made = make_placement(ctx, n_accommodations=2)
    v1, _, _ = addenda.print_addendum(ctx, made.placement_id)
    active = accommodations.active_accommodations(ctx, made.citizen_id, placement_id=made.placement_id)
    accommodations.end_accommodation(ctx, active[0].id, TODAY - timedelta(days=1))
    v2, pdf, new = addenda.print_addendum(ctx, made.placement_id)
    assert new and v2.version_no == 2
    text = flat("".join(pdf_text(pdf)))  # still part of the period, printed with its dates
    assert f"{fmt_date(active[0].start_date)} – {fmt_date(TODAY - timedelta(days=1))}" in text
    assert "Ændret siden version 1 Skånehensyn" in text


def test_the_preview_writes_nothing_until_it_is_kept(ctx):
    made = make_placement(ctx)
    draft = addenda.prepare(ctx, made.placement_id)
    assert draft.is_new_version and draft.version_no == 1
    assert addenda.versions(ctx, made.placement_id) == [] and _prints(ctx) == []
    dto, pdf = addenda.commit(ctx, draft)
    assert pdf == draft.pdf and dto.file_sha256 == draft.file_sha256 and dto.version_no == 1


def test_a_draft_overtaken_by_another_print_is_numbered_after_it(ctx):
    made = make_placement(ctx)
    stale = addenda.prepare(ctx, made.placement_id)
    placements.update_placement(ctx, made.placement_id, job_title="Frugtplukker")
    other, _, _ = addenda.print_addendum(ctx, made.placement_id)
    kept, pdf = addenda.commit(ctx, stale)
    assert (other.version_no, kept.version_no) == (1, 2)
    assert hashlib.sha256(pdf).hexdigest() == kept.file_sha256 and addenda.verify(ctx, kept.id)


def test_each_print_and_reprint_is_in_the_access_log(ctx):
    made = make_placement(ctx)
    v1, _, _ = addenda.print_addendum(ctx, made.placement_id)
    addenda.print_addendum(ctx, made.placement_id)
    addenda.reproduce(ctx, v1.id)
    logged = _prints(ctx)
    assert len(logged) == 3
    assert all(e.citizen_id == made.citizen_id and e.entity == "addendum" and e.entity_id == v1.id
               for e in logged)
    assert "Søren" not in " ".join(e.detail for e in logged)


def test_signed_date_is_recorded_and_checked(ctx):
    made = make_placement(ctx)
    v1, _, _ = addenda.print_addendum(ctx, made.placement_id)
    today = date.today()  # not TODAY (the day the tests started): a run across midnight prints tomorrow
    signed = addenda.record_signed(ctx, v1.id, today)
    assert signed.signed_on == today
    assert addenda.versions(ctx, made.placement_id)[0].signed_on == today
    with pytest.raises(ValidationError):
        addenda.record_signed(ctx, v1.id, today + timedelta(days=1))
    with pytest.raises(ValidationError):
        addenda.record_signed(ctx, v1.id, date(2020, 1, 1))
    assert addenda.verify(ctx, v1.id)  # signing does not change the printed file


def test_unknown_placement_is_not_found(ctx):
    with pytest.raises(NotFound):
        addenda.prepare(ctx, "00000000-0000-0000-0000-000000000000")
