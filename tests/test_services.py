"""Services: validation messages, search with æøå, today's overview, DTOs."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from app.context import Context
from app.rules.errors import ValidationError
from app.services import citizens, companies, placements, search, today, visits
from app.services.dto import CitizenDTO
from tests.support.scenario import write_through_every_service


def test_services_return_plain_data_objects(ctx: Context) -> None:
    c = citizens.create_citizen(ctx, name="Ib")
    assert isinstance(c, CitizenDTO)
    assert type(citizens.list_citizens(ctx).rows[0]) is CitizenDTO


def test_wrong_cvr_gives_danish_message_and_saves_nothing(ctx: Context) -> None:
    with pytest.raises(ValidationError) as err:
        companies.create_company(ctx, name="X", cvr="12345678", phone="12")
    assert set(err.value.errors) == {"cvr", "phone"}
    assert "CVR" in err.value.errors["cvr"]
    assert companies.list_companies(ctx).total == 0


def test_bad_update_changes_nothing(ctx: Context) -> None:
    c = citizens.create_citizen(ctx, name="Karen", phone="12345678")
    with pytest.raises(ValidationError):
        citizens.update_citizen(ctx, c.id, name="", phone="1")
    assert citizens.get_citizen(ctx, c.id, log_view=False) == c


def test_learning_course_longer_than_three_months_refused(ctx: Context) -> None:
    c = citizens.create_citizen(ctx, name="Lise")
    with pytest.raises(ValidationError) as err:
        placements.create_placement(ctx, c.id, placement_type="ekstern_laering",
                                    start_date=date(2026, 1, 1), planned_end=date(2026, 5, 1),
                                    internal_unit="Køkkenet")
    assert "3 måneder" in err.value.errors["planned_end"]


def test_search_folds_case_of_danish_letters(ctx: Context) -> None:
    ids = write_through_every_service(ctx)
    hits = search.search(ctx, "åse")
    assert any(h.kind == "citizen" and h.row_id == ids["citizen"] for h in hits)
    assert any(h.kind == "company" for h in search.search(ctx, "ÆRØ"))
    assert any(h.kind == "company" for h in search.search(ctx, "1015"))
    note_hits = search.search(ctx, "ÆRLIGE")
    assert [h.row_id for h in note_hits if h.kind == "visit"] == [ids["visit"]]
    assert search.search(ctx, 'ærø" OR *') is not None  # FTS syntax in input is inert
    assert not search.search(ctx, "Slettes")  # deleted rows leave the index


def test_search_sees_note_changes(ctx: Context) -> None:
    c = citizens.create_citizen(ctx, name="Per")
    v = visits.create_visit(ctx, c.id, at=datetime.now() - timedelta(hours=2), notes="blåbær")
    visits.save_notes(ctx, v.id, "jordbær")
    assert not [h for h in search.search(ctx, "blåbær") if h.kind == "visit"]
    assert [h.row_id for h in search.search(ctx, "jordbær") if h.kind == "visit"] == [v.id]


def test_today_overview_flags_learning_course_ending_and_overdue(ctx: Context) -> None:
    c = citizens.create_citizen(ctx, name="Mads")
    start = date.today() - timedelta(days=80)
    placements.create_placement(ctx, c.id, placement_type="ekstern_laering", start_date=start,
                                planned_end=date.today() + timedelta(days=10), internal_unit="X")
    sections = {i.section for i in today.overview(ctx) if i.citizen_id == c.id}
    assert "learning" in sections
    assert "overdue" in sections  # no contact for 80 days in the first year


def test_visit_in_future_cannot_be_marked_held(ctx: Context) -> None:
    c = citizens.create_citizen(ctx, name="Nina")
    with pytest.raises(ValidationError) as err:
        visits.create_visit(ctx, c.id, at=datetime.now() + timedelta(days=2), status="afholdt")
    assert "fremtiden" in err.value.errors["at"]
    planned = visits.create_visit(ctx, c.id, at=datetime.now() + timedelta(days=2), status="planlagt")
    assert planned.status == "planlagt"


def test_long_unicode_note_kept_intact(ctx: Context) -> None:
    c = citizens.create_citizen(ctx, name="Ole")
    note = ("Æblegrød 🍎 مرحبا ") * 6000
    assert len(note) > 100_000
    v = visits.create_visit(ctx, c.id, at=datetime.now() - timedelta(minutes=5), notes=note)
    assert visits.get_visit(ctx, v.id).notes == note
