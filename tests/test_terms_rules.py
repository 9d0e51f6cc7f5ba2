"""The rules of each kind of placement, and the small-fleksjob follow-up
rule counted on effective hours (seeds/003)."""
from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from app.documents.addendum_content import build_snapshot
from app.rules.errors import Collector, ValidationError
from app.rules.schedule import Slot
from app.rules.terms import check_period, check_schedule_hours, check_wage_terms
from app.services import placements, wages
from db.enums import PlacementType as PT
from db.models import Placement
from tests.addendum_kinds_support import make_kind


def _errors(kind: str, **values) -> dict[str, str]:
    c = Collector()
    check_wage_terms(kind, {"payer": "virksomhed_borger", "hourly_wage_ore": 10000, "subsidy_per_hour_ore": 0,
                            "work_intensity": 50, "attendance_hours": 10.0} | values, c)
    return c.errors


def test_payer_wage_subsidy_intensity_and_ordinary_hours_against_the_kind():
    assert _errors(PT.FLEX_JOB) == {}
    assert "payer" in _errors(PT.INTERNSHIP) and "hourly_wage" in _errors(PT.INTERNSHIP, payer="ingen_loen")
    assert _errors(PT.INTERNSHIP, payer="ingen_loen", hourly_wage_ore=0) == {}
    assert _errors(PT.EXTERNAL_EMPLOYMENT)["payer"].startswith("Ved ekstern beskæftigelse")
    assert "subsidy" in _errors(PT.WAGE_SUBSIDY) and _errors(PT.WAGE_SUBSIDY, subsidy_per_hour_ore=2000) == {}
    assert "subsidy" in _errors(PT.SMALL_JOB, subsidy_per_hour_ore=2000, work_intensity=100)
    assert "work_intensity" in _errors(PT.SMALL_JOB)
    assert "ordinary_hours" in _errors(PT.FLEX_JOB, ordinary_hours=12.0)


def test_period_schedule_and_end_rules():
    c = Collector()
    check_period(PT.INTERNSHIP, date(2026, 1, 5), None, None, "", c)
    assert set(c.errors) == {"planned_end", "purpose"}
    c = Collector()
    check_period(PT.EXTERNAL_LEARNING, date(2026, 1, 5), date(2026, 5, 1), None, "", c)
    assert c.errors["planned_end"].startswith("Et eksternt læringsforløb varer højst 3 måneder")
    check_schedule_hours(8.0, 8.0, "x")
    check_schedule_hours(0.0, 8.0, "x")  # no schedule yet: nothing to compare
    with pytest.raises(ValidationError) as err:
        check_schedule_hours(10.0, 15.0, "attendance_hours")
    assert err.value.errors == {"attendance_hours": "Ugeskemaet giver 10 t om ugen, men fremmødetimer pr. "
                                                    "uge er 15 t. Ret ugeskemaet eller timerne, så de passer."}


def test_small_fleksjob_follow_up_counts_effective_hours(ctx):
    pid = make_kind(ctx, PT.FLEX_JOB, start=date.today() - timedelta(days=3))
    # 16 hours present at 50 % = 8 effective: a small fleksjob
    placements.set_schedule(ctx, pid, [Slot(d, time(8, 0), time(12, 0)) for d in range(4)], adjust_hours=True)
    [_, w] = wages.wage_versions(ctx, pid)
    assert (w.attendance_hours, w.paid_hours) == (16.0, 8.0)
    with ctx.uow() as s:
        snap = build_snapshot(s, s.get(Placement, pid), "Enheden")
    assert snap["followup"]["rule"].startswith("Opfølgning hver 4. uge")  # 16 present, 8 effective: small
    first = date.fromisoformat(snap["followup"]["dates"][0])
    assert first - date.fromisoformat(snap["placement"]["start"]) == timedelta(weeks=4)
