"""The figures against the hand-counted data set of tests/reports/dataset.py.

How each expectation was counted (period 01.01–30.06.2025, today 15.07.2025):

- In scope: Anna, Bent, Carla, Dorte, Erik (Frida's praktik ended 30.06.2024).
- Raised hours: 2 of 4 measured = 50 %.
  Anna (hours log) first 4 weeks 8 -> last 4 in the period (10+10+12+12)/4 = 11: +3.
  Bent (no log; wage agreements) 10 t on 02.09.2024 (intern) -> 20 t on
  30.06.2025 (only the ekstern runs then): +10.
  Carla (log) 12 -> 12: 0. Dorte (log) (6+6+5+5)/4 = 5,5 -> (6+5+5+4)/4 = 5: -0,5.
  Erik: no hours, no wage -> not measured.
  Mean rise (3+10)/2 = 6,5; median 6,5; mean change (3+10+0-0,5)/4 = 3,125.
- Ordinary hours: Carla has 5 x 8 = 40 in March 2025 (>= 30); measured are those
  with hours in the period: Anna, Carla, Dorte -> 1 of 3.
- Types in the period: fleksjob Anna; intern Bent; ekstern_laering Bent, Erik;
  ekstern Bent; skånejob Carla (ends 31.01.2025); småjob Carla;
  intern_laering Dorte; praktik nobody.
- Moves: Bent intern -> ekstern (læringsforløb 03.03.2025); Carla ekstern
  (skånejob) -> ordinært job (småjob 03.02.2025). Læringsforløb -> ekstern
  beskæftigelse is the same step: no move.
- Follow-ups: Anna 10.01 on time (due 20.12.2024 + 4 weeks = 17.01, fleksjob
  <= 10 t), 01.04 late (due 07.02), 15.06 on time (quarterly after 3 months:
  due 01.07). Bent 05.01 late (no earlier contact: due a month after the
  start, 02.10.2024), 30.01 on time, 20.03 on time (new placement: due a month
  after its start), 20.06 on time. Dorte 01.02 on time (due 06.02).
  -> 6 on time, 2 late (25 %). Overdue on 30.06: Carla (never visited),
  Dorte (due 01.03) -> 2.
- Læringsforløb: Bent's (ended 31.05, ekstern at the same company from 02.06)
  and Erik's (ended 04.04, nothing after): 2 ended, 1 in employment (same company).
- Months: Jan Dorte 2 weeks of 6 t; Feb Dorte 2 x 5; Mar Carla 5 x 12 + Dorte 4
  -> 6 weeks, mean 64/6, paid (60+2)/6, intensity 62/64; Apr none; May Anna
  4 weeks mean 11, paid 5,5, intensity 50 %; Jun none.
"""
from __future__ import annotations

import pytest

from app.services import reports
from app.services.reports import ScopeChoice
from tests.reports.dataset import END, START, TODAY, build


@pytest.fixture
def data(ctx):
    return build(ctx)


def _report(ctx, choice=None):
    return reports.build_report(ctx, reports.make_scope(START, END, choice), today=TODAY)


def _names(report, key, data):
    by_id = {v: k for k, v in data.ids.items()}
    return sorted(by_id[c] for c in report.groups[key].citizen_ids)


def test_hours_raised(ctx, data):
    r = _report(ctx)
    assert r.citizens == 5
    h = r.hours
    assert (h.measured, h.raised, h.from_hours_log, h.from_wages, h.not_measured) == (4, 2, 3, 1, 1)
    assert h.share == pytest.approx(50.0)
    assert h.mean_rise == pytest.approx(6.5) and h.median_rise == pytest.approx(6.5)
    assert h.mean_change == pytest.approx(3.125)
    assert _names(r, "hours_raised", data) == ["Anna", "Bent"]
    assert _names(r, "hours_not_raised", data) == ["Carla", "Dorte"]
    assert r.groups["hours_raised"].details[data.ids["Anna"]] == "8 t → 11 t (timer)"
    assert r.groups["hours_raised"].details[data.ids["Bent"]] == "10 t → 20 t (lønaftale)"


def test_ordinary_hours_and_types(ctx, data):
    r = _report(ctx)
    assert (r.ordinary.count, r.ordinary.total) == (1, 3)
    assert _names(r, "ordinary_reached", data) == ["Carla"]
    counts = {c.key.split(":")[1]: c.count for c in r.types}
    assert counts == {"fleksjob": 1, "intern": 1, "ekstern_laering": 2, "ekstern": 1,
                      "skaanejob": 1, "smaajob": 1, "intern_laering": 1, "praktik": 0}
    assert _names(r, "type:ekstern_laering", data) == ["Bent", "Erik"]


def test_moves_between_types(ctx, data):
    r = _report(ctx)
    moves = {c.key: c.count for c in r.moves}
    assert moves == {"move:intern-ekstern": 1, "move:ekstern-ordinaer": 1, "move:intern-ordinaer": 0,
                     "move:ekstern-intern": 0, "move:ordinaer-intern": 0, "move:ordinaer-ekstern": 0}
    assert _names(r, "move:intern-ekstern", data) == ["Bent"]
    assert _names(r, "move:ekstern-ordinaer", data) == ["Carla"]


def test_followups_on_time_and_late(ctx, data):
    f = _report(ctx).followups
    assert (f.on_time, f.late, f.overdue_open) == (6, 2, 2)
    assert f.late_share == pytest.approx(25.0)
    r = _report(ctx)
    assert _names(r, "followup_late", data) == ["Anna", "Bent"]
    assert _names(r, "followup_overdue", data) == ["Carla", "Dorte"]


def test_learning_to_employment(ctx, data):
    r = _report(ctx)
    assert (r.learning.ended, r.learning.to_employment, r.learning.same_company) == (2, 1, 1)
    assert r.learning.share == pytest.approx(50.0)
    assert _names(r, "learning_to_job", data) == ["Bent"]
    assert _names(r, "learning_not_to_job", data) == ["Erik"]


def test_monthly_hours_and_intensity(ctx, data):
    months = {m.month.month: m for m in _report(ctx).months}
    assert sorted(months) == [1, 2, 3, 4, 5, 6]
    assert (months[1].citizens, months[1].weeks, months[1].mean_attendance) == (1, 2, 6.0)
    assert months[3].weeks == 6 and months[3].citizens == 2
    assert months[3].mean_attendance == pytest.approx(64 / 6)
    assert months[3].mean_paid == pytest.approx(62 / 6)
    assert months[3].intensity == pytest.approx(100 * 62 / 64)
    assert months[3].ordinary_total == pytest.approx(40.0)
    assert months[4].weeks == 0 and months[4].mean_attendance is None
    assert (months[5].mean_attendance, months[5].mean_paid, months[5].intensity) == (11.0, 5.5, 50.0)


def test_scope_by_coach_and_team(ctx, data):
    other = _report(ctx, ScopeChoice("coach", data.other_coach, "Dorthe"))
    assert other.citizens == 1 and (other.hours.measured, other.hours.raised) == (1, 0)
    assert (other.followups.on_time, other.followups.late, other.followups.overdue_open) == (1, 0, 1)
    team = _report(ctx, ScopeChoice("team", data.other_team, "Team Nord"))
    assert _names(team, "citizens", data) == ["Dorte"]
    mine = _report(ctx, ScopeChoice("team", data.my_team, "Mit team"))
    assert _names(mine, "citizens", data) == ["Anna", "Bent", "Carla", "Erik"]
    assert (mine.hours.measured, mine.hours.raised) == (3, 2)


def test_period_that_ends_before_it_starts_is_refused(ctx):
    from app.rules.errors import ValidationError
    with pytest.raises(ValidationError) as err:
        reports.make_scope(END, START)
    assert "før" in err.value.errors["period"]
