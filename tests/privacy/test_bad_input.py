"""Bad input through the services (and the service paths of the search box
and the access-log screen): each value gets a Danish ValidationError or is
stored intact; no other exception; nothing stored before changes."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.rules.errors import ValidationError
from app.services import access_log, accommodations, citizens, companies, placements, progression, search, visits, wages
from app.services.crud import NotFound
from db.models import SYNCED_MODELS, AccessLog, AccommodationCheck, HoursRecord
from tests.conftest import FULL
from tests.privacy import nasty
from tests.privacy.scenario import make_full_citizen

EXAMPLES = 400 if FULL else 40
TODAY = date.today()


def _valid(made) -> dict[str, tuple[Callable[..., Any], dict[str, Any]]]:
    start = TODAY - timedelta(days=60)
    return {
        "citizen": (lambda **v: citizens.create_citizen(CTX, **v),
                    dict(name="Ny Borger", cpr="010190-1234", phone="12345678", email="a@b.dk",
                         address="Vej 1", postal_code="8000", city="By", support="")),
        "citizen_update": (lambda **v: citizens.update_citizen(CTX, made.target_id, **v),
                           dict(name="Mål Borger", city="By")),
        "company": (lambda **v: companies.create_company(CTX, **v),
                    dict(name="Firma", cvr="29403473", p_number="", phone="", email="",
                         postal_code="", city="", employees=3, notes="")),
        "placement": (lambda **v: placements.create_placement(CTX, made.target_id, **v),
                      dict(placement_type="praktik", start_date=start, planned_end=None,
                           company_id=made.company_id, job_title="Job", tasks="", internal_unit="")),
        "wage": (lambda **v: wages.add_wage_version(CTX, made.placement_id, **v),
                 dict(valid_from=TODAY, hourly_wage_ore=10000, attendance_hours=10.0,
                      work_intensity=50, payer="enhed_borger", overenskomst="", note="")),
        "accommodation": (lambda **v: accommodations.add_accommodation(CTX, made.target_id, **v),
                          dict(category="pauser", source="borger", text="Pause", start_date=start,
                               end_date=None)),
        "milestone": (lambda **v: progression.add_milestone(CTX, made.placement_id, **v),
                      dict(kind="flere_timer", target_date=TODAY, text="Mål")),
        "hours": (lambda **v: progression.record_hours(CTX, made.placement_id, **v),
                  dict(week=TODAY, attendance=10.0, intensity_pct=50, ordinary=1.0, note="")),
        "visit": (lambda **v: visits.create_visit(CTX, made.target_id, **v),
                  dict(at=datetime.now() - timedelta(hours=2), channel="telefon", status="afholdt",
                       notes="Noter", participants="", next_contact=None)),
        "notes": (lambda **v: visits.save_notes(CTX, made.visit_id, **v), dict(notes="Autosave")),
        "action": (lambda **v: visits.add_action(CTX, made.target_id, **v),
                   dict(text_="Ring", owner="Mig", due_date=TODAY)),
        "check": (lambda **v: visits.set_check(CTX, made.visit_id, made.accommodation_id, **v),
                  dict(status="overholdes", comment="")),
        "search": (lambda **v: search.search(CTX, **v), dict(user_text="borger")),
        "access_log": (lambda **v: access_log.query(CTX, **v),
                       dict(citizen_id=None, user=None, start=None, end=None)),
    }


def _snapshot(ctx, skip: set[str]) -> dict[str, str]:
    """Every row that exists now (but the ones an operation may change), as text."""
    out: dict[str, str] = {}
    with ctx.uow() as s:
        for model in SYNCED_MODELS:
            if model is AccessLog:
                continue
            for row in s.scalars(select(model)):
                if row.id not in skip:
                    out[row.id] = repr(sorted((k, repr(v)) for k, v in vars(row).items()
                                              if not k.startswith("_")))
    return out


def _may_change(ctx, made) -> set[str]:
    """The target rows: the citizen being updated, the visit whose notes are
    saved (and its checks), and the week of hours that record_hours replaces."""
    with ctx.uow() as s:
        checks = set(s.scalars(select(AccommodationCheck.id).where(
            AccommodationCheck.visit_id == made.visit_id)))
        weeks = set(s.scalars(select(HoursRecord.id).where(HoursRecord.placement_id == made.placement_id)))
    return {made.target_id, made.visit_id} | checks | weeks


CTX = None


@pytest.fixture
def world(ctx):
    global CTX
    CTX = ctx
    made = make_full_citizen(ctx)
    made.target_id = citizens.create_citizen(ctx, name="Mål Borger").id
    yield made
    CTX = None


def _value_for(field: str) -> st.SearchStrategy:
    if field == "cpr":
        return st.one_of(nasty.cprs, nasty.anything)
    if field == "cvr":
        return st.one_of(nasty.cvrs, nasty.anything)
    if field == "user_text":  # the search box only ever hands over text
        return nasty.texts
    if field in ("at",):
        return st.one_of(nasty.moments, nasty.anything)
    return nasty.anything


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not FULL,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_every_field_rejects_or_stores_intact(world, data):
    ops = _valid(world)
    name = data.draw(st.sampled_from(sorted(ops)), label="operation")
    func, values = ops[name]
    field = data.draw(st.sampled_from(sorted(values)), label="field")
    bad = data.draw(_value_for(field), label="value")
    skip = _may_change(CTX, world)
    before = _snapshot(CTX, skip)
    try:
        result = func(**(values | {field: bad}))
    except ValidationError as exc:
        assert exc.errors and all(isinstance(m, str) and m for m in exc.errors.values())
        assert not any(w in str(exc) for w in ("Traceback", "object at 0x", "NoneType")), str(exc)
    except NotFound as exc:
        assert field.endswith("_id") or name in ("notes", "check"), (name, field, exc)
    else:
        _assert_intact(name, field, bad, result)
    after = _snapshot(CTX, skip)
    assert {k: after.get(k) for k in before} == before, (name, field)


def _assert_intact(name: str, field: str, bad: Any, result: Any) -> None:
    if name in ("search", "access_log") or not isinstance(bad, str):
        return
    stored = getattr(result, field, None) if not isinstance(result, int) else None
    if isinstance(stored, str) and field in ("notes", "text", "support", "tasks", "comment"):
        assert stored == bad.replace("\x00", ""), (name, field)
