"""The pure parts of the statusudtalelse on small hand-made inputs: the
follow-up plan's held, late and missed contacts, the skånehensyn timeline,
hours summed over placements and the trend from agreements."""
from __future__ import annotations

from datetime import date

from app.reports.snapshot import P
from app.services.status_accommodations import Timeline, Version
from app.services.status_followups import followup_lines
from app.services.status_hours import Wage, month_hours, trend

JOB = P("job", "c", None, "skaanejob", date(2026, 1, 5), None, None)
FLEX = P("flex", "c", None, "fleksjob", date(2026, 1, 5), None, None)


def _lines(placement: P, held: list[date], wages=None, start=date(2026, 1, 1), end=date(2026, 3, 31)):
    return [(f.day, f.what, f.due) for f in followup_lines(
        [placement], wages or {}, [(d, "På stedet", placement.id) for d in held], [], start, end,
        today=date(2026, 11, 30))]


def test_no_contact_at_all_misses_every_monthly_due():
    assert _lines(JOB, []) == [(date(2026, 2, 5), "Frist uden kontakt", date(2026, 2, 5)),
                               (date(2026, 3, 5), "Frist uden kontakt", date(2026, 3, 5))]


def test_a_visit_before_the_placement_started_does_not_move_the_plan():
    assert _lines(JOB, [date(2025, 12, 20), date(2026, 2, 4)])[0] == (
        date(2026, 2, 4), "Afholdt", date(2026, 2, 5))


def test_small_fleksjob_is_followed_every_fourth_week():
    wages = {"flex": [Wage("flex", date(2026, 1, 5), 1, 8.0, 50, 4.0)]}
    assert _lines(FLEX, [date(2026, 1, 30), date(2026, 3, 10)], wages) == [
        (date(2026, 1, 30), "Afholdt", date(2026, 2, 2)),
        (date(2026, 3, 10), "Afholdt for sent", date(2026, 2, 27))]
    # 20 hours a week is not a small fleksjob: monthly, so due a month after 30.01 (28.02)
    wages = {"flex": [Wage("flex", date(2026, 1, 5), 1, 20.0, 50, 10.0)]}
    assert _lines(FLEX, [date(2026, 1, 30), date(2026, 2, 27)], wages)[1] == (
        date(2026, 2, 27), "Afholdt", date(2026, 2, 28))


def _version(vid: str, text: str, start: date, end: date | None = None, after: str | None = None,
             recorded: date = date(2026, 5, 20)) -> Version:
    return Version(vid, after, "pauser", text, "borger", start, end, recorded)


def test_a_text_change_counts_from_the_day_recorded_and_a_correction_takes_the_old_ones_place():
    timeline = Timeline([_version("a", "Pause hver anden time.", date(2026, 1, 5)),
                         _version("b", "Pause hver time.", date(2026, 1, 5), after="a"),
                         _version("c", "Pause hver time.", date(2026, 1, 5), date(2026, 10, 31), after="b",
                                  recorded=date(2026, 6, 1))])
    assert [v.id for v in timeline.in_force(date(2026, 3, 1))] == ["a"]
    assert [v.id for v in timeline.in_force(date(2026, 5, 25))] == ["c"]  # b, with c's end date
    assert timeline.in_force(date(2026, 11, 1)) == []
    changes = [(c.day, c.what) for c in timeline.changes(date(2026, 1, 1), date(2026, 12, 31))]
    assert changes == [(date(2026, 1, 5), "Indført"), (date(2026, 5, 20), "Ændret"),
                       (date(2026, 10, 31), "Ophørt")]


def test_hours_sum_over_placements_and_the_trend_falls_back_to_the_agreements():
    other = P("other", "c", None, "intern", date(2026, 1, 5), None, None)
    weeks = [("job", date(2026, 1, 5), 10.0, 5.0, 0.0), ("other", date(2026, 1, 5), 4.0, 2.0, 1.0),
             ("job", date(2025, 12, 29), 10.0, 5.0, 0.0)]  # its Monday is before the period
    wages = {"job": [Wage("job", date(2026, 1, 5), 1, 10.0, 50, 5.0), Wage("job", date(2026, 2, 2), 2, 14.0, 50, 7.0)]}
    months = month_hours(date(2026, 1, 1), date(2026, 2, 28), weeks, [JOB, other], wages, {"other": 4.0})
    assert [(m.weeks, m.present, m.effective, m.ordinary, m.agreed_present) for m in months] == [
        (2, 14.0, 7.0, 1.0, 14.0), (0, 0.0, 0.0, 0.0, 18.0)]
    assert months[0].agreed_intensity == 50.0
    found = trend(months)
    assert found is not None and (found.first, found.last, found.source) == (14.0, 18.0, "aftale")
