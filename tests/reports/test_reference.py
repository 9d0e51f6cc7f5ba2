"""The report against a plain computation of the same figures
(tests/reports/reference.py) on a generated data set (tests/reports/generated.py),
for every kind of scope and several periods: the same citizens behind every
figure, the same counts and details, the same means."""
from __future__ import annotations

from datetime import date

import pytest

from app.reports.model import LEVELS, PilotReport
from app.services import reports
from app.services.reports import ScopeChoice
from db.enums import PlacementType
from tests.reports import reference as ref
from tests.reports import reference_hours as ref_hours
from tests.reports.generated import build

PERIODS = [(date(2025, 7, 1), date(2026, 6, 30), date(2026, 5, 15)),   # today inside the period
           (date(2026, 1, 1), date(2026, 3, 31), date(2026, 9, 1)),
           (date(2024, 6, 3), date(2026, 12, 31), date(2026, 9, 1)),    # beyond the data
           (date(2023, 1, 1), date(2023, 12, 31), date(2026, 9, 1))]   # before most of it


@pytest.fixture
def generated(ctx):
    return build(ctx)


def approx(value):
    return None if value is None else pytest.approx(value, rel=1e-9, abs=1e-9)


def _check(r: PilotReport, rows: ref.Rows, start: date, end: date, today: date) -> None:
    ids = ref.in_scope(rows, r.scope)
    assert list(r.groups["citizens"].citizen_ids) == ids and r.citizens == len(ids)
    h, want = r.hours, ref_hours.raised(rows, ids, start, end)
    assert (h.measured, h.raised, h.from_hours_log, h.from_wages, h.not_measured) == want["counts"]
    assert (h.mean_rise, h.median_rise, h.mean_change) == tuple(approx(v) for v in want["means"])
    assert list(r.groups["hours_raised"].citizen_ids) == want["raised"]
    assert list(r.groups["hours_not_raised"].citizen_ids) == want["not_raised"]
    assert r.groups["hours_raised"].details == want["details"]
    reached, best_months = ref_hours.ordinary(rows, ids, start, end)
    assert list(r.groups["ordinary_reached"].citizen_ids) == reached
    assert (r.ordinary.total, r.groups["ordinary_reached"].details) == (len(best_months), best_months)
    types = ref.types(rows, ids, start, end)
    for kind in PlacementType:
        assert list(r.groups[f"type:{kind.value}"].citizen_ids) == types.get(kind.value, [])
    moves = ref.moves(rows, ids, start, end)
    for count in r.moves:
        old, new = count.key.removeprefix("move:").split("-")
        assert old in LEVELS and count.count == len(moves.get((old, new), []))
        assert list(r.groups[count.key].citizen_ids) == sorted(set(moves.get((old, new), [])))
    f, want = r.followups, ref.followups(rows, ids, start, end, today)
    assert (f.on_time, f.late, f.overdue_open) == want["counts"]
    for key, cids in zip(("followup_on_time", "followup_late", "followup_overdue"), want["groups"]):
        assert list(r.groups[key].citizen_ids) == cids
    assert r.groups["followup_late"].details == want["details"]
    ln, want = r.learning, ref.learning(rows, ids, start, end, today)
    assert (ln.ended, ln.to_employment, ln.same_company) == want["counts"]
    assert list(r.groups["learning_to_job"].citizen_ids) == want["to_job"]
    assert list(r.groups["learning_not_to_job"].citizen_ids) == want["without"]
    months = ref_hours.months(rows, ids, start, end)
    for m in r.months:
        n, weeks, att, paid, intensity, ordinary, cids = months.get(m.month, (0, 0, None, None, None, 0, []))
        assert (m.citizens, m.weeks, list(r.groups[f"month:{m.month:%Y-%m}"].citizen_ids)) == (n, weeks, cids)
        assert (m.mean_attendance, m.mean_paid, m.intensity) == (approx(att), approx(paid), approx(intensity))
        assert m.ordinary_total == approx(ordinary)


def test_the_data_set_reaches_the_paths_it_is_for(ctx, generated) -> None:
    with ctx.uow() as s:
        raw = s.connection().exec_driver_sql
        shared_week = raw("SELECT count(*) FROM hours_record a JOIN placement pa ON pa.id = a.placement_id "
                          "JOIN hours_record b ON b.week_start = a.week_start AND b.id > a.id "
                          "JOIN placement pb ON pb.id = b.placement_id AND pb.citizen_id = pa.citizen_id "
                          "AND pb.id != pa.id").scalar()
        other = raw("SELECT count(*) FROM visit v JOIN placement p ON p.id = v.placement_id "
                    "WHERE p.citizen_id != v.citizen_id").scalar()
        flex = raw("SELECT count(*) FROM placement WHERE placement_type = 'fleksjob'").scalar()
    assert shared_week and other and flex


@pytest.mark.parametrize("start,end,today", PERIODS)
def test_every_figure_matches_the_plain_computation(ctx, generated, start, end, today) -> None:
    with ctx.uow() as s:
        rows = ref.read(s)
    choices = [None, ScopeChoice("team", generated.my_team, "Mit team"),
               ScopeChoice("team", generated.other_team, "Team Syd")]
    choices += [ScopeChoice("coach", coach, "Jobcoach") for coach in generated.coaches]
    for choice in choices:
        r = reports.build_report(ctx, reports.make_scope(start, end, choice), today=today)
        assert r.citizens > 0 or choice is not None
        _check(r, rows, start, end, today)
