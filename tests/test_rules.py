"""Property tests of the pure rules (DESIGN.md, "Checks on what is typed"
and "Rules found in the sources")."""
from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules import dates, hours
from app.rules import identifiers as ids
from app.rules.errors import ValidationError
from app.rules.followup import SHORTEST_INTERVAL, FollowUpInput, next_due
from app.rules.schedule import Slot, check_no_overlap, overlaps

digits = st.text(alphabet="0123456789", min_size=8, max_size=8)


def _cvr_sum(cvr: str) -> int:
    return sum(int(d) * w for d, w in zip(cvr, (2, 7, 6, 5, 4, 3, 2, 1)))


@given(digits)
def test_cvr_accepted_exactly_when_modulus_11_holds(cvr: str) -> None:
    valid = cvr[0] != "0" and _cvr_sum(cvr) % 11 == 0
    if valid:
        assert ids.normalize_cvr(cvr) == cvr
    else:
        with pytest.raises(ValidationError) as err:
            ids.normalize_cvr(cvr)
        assert "CVR" in err.value.errors["cvr"]


def test_known_cvr_numbers() -> None:
    assert ids.normalize_cvr("10 15 08 17") == "10150817"   # spaces are tolerated
    with pytest.raises(ValidationError):
        ids.normalize_cvr("10150818")
    with pytest.raises(ValidationError):
        ids.normalize_cvr("1234567")
    assert ids.normalize_cvr("") == ""


def _sevenths_for(year: int) -> list[int]:
    """The 7th digits that give a birth in `year` (the CPR office's table)."""
    yy = year % 100
    out = [d for d in range(4) if year // 100 == 19]
    out += [d for d in (4, 9) if (2000 if yy <= 36 else 1900) == year - yy]
    out += [d for d in (5, 6, 7, 8) if (2000 if yy <= 57 else 1800) == year - yy]
    return out


@given(st.dates(min_value=date(1858, 1, 1), max_value=date(2036, 12, 31)), st.integers(0, 999), st.data())
def test_cpr_with_real_date_is_accepted_whatever_its_modulus(born: date, rest: int, data) -> None:
    seventh = data.draw(st.sampled_from(_sevenths_for(born.year)))
    cpr = f"{born:%d%m%y}{seventh}{rest:03d}"
    assert ids.cpr_birth_date(cpr) == born
    assert ids.normalize_cpr(cpr) == f"{cpr[:6]}-{cpr[6:]}"
    assert ids.mask_cpr(ids.normalize_cpr(cpr)) == f"{cpr[:6]}-xxxx"


def test_cpr_whose_century_makes_an_impossible_date_is_refused_at_the_field() -> None:
    # 29.02.00 with 7th digit 0-3 is 29.02.1900, which never was
    with pytest.raises(ValidationError):
        ids.normalize_cpr("2902001234")
    assert ids.normalize_cpr("2902004234") == "290200-4234"


@pytest.mark.parametrize("cpr,year", [("0101904123", 1990), ("0101104123", 2010),
                                      ("0101575123", 2057), ("0101585123", 1858),
                                      ("0101379123", 1937), ("0101369123", 2036)])
def test_cpr_century_from_seventh_digit(cpr: str, year: int) -> None:
    assert ids.cpr_birth_date(cpr).year == year


def test_cpr_failing_old_modulus_11_is_accepted() -> None:
    cpr = "0101901235"
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    assert sum(int(d) * w for d, w in zip(cpr, weights)) % 11 != 0
    assert ids.normalize_cpr(cpr) == "010190-1235"


@pytest.mark.parametrize("bad", ["3102901234", "0013901234", "12345", "abcdefghij", "010190-12345"])
def test_bad_cpr_refused_with_danish_message(bad: str) -> None:
    with pytest.raises(ValidationError) as err:
        ids.normalize_cpr(bad)
    assert "CPR" in err.value.errors["cpr"]


@given(st.text(alphabet="0123456789", min_size=8, max_size=8), st.sampled_from(["", "+45", "+45 ", "0045"]))
def test_phone_eight_digits_optionally_with_prefix(number: str, prefix: str) -> None:
    assert ids.normalize_phone(prefix + number) == number


@given(st.text(max_size=12))
def test_phone_never_crashes_and_result_is_eight_digits(raw: str) -> None:
    try:
        result = ids.normalize_phone(raw)
    except ValidationError:
        return
    assert result == "" or (len(result) == 8 and result.isdigit())


@given(st.text(max_size=6))
def test_postal_code_is_four_digits(raw: str) -> None:
    try:
        result = ids.normalize_postal_code(raw)
    except ValidationError:
        return
    assert result == "" or (len(result) == 4 and result.isdigit())


@given(st.floats(0, 37, allow_nan=False), st.integers(1, 100))
def test_paid_hours_is_attendance_times_intensity(att: float, pct: int) -> None:
    paid = hours.paid_hours(att, pct)
    assert 0 <= paid <= att + 0.01
    assert abs(paid - att * pct / 100) < 0.01


def test_paid_hours_example_from_the_glossary() -> None:
    assert hours.paid_hours(4, 25) == 1.0


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_attendance_hours_bounds(value: float) -> None:
    try:
        result = hours.attendance_hours(value)
    except ValidationError:
        return
    assert 0 <= result <= 37


def test_above_37_hours_needs_confirmation() -> None:
    with pytest.raises(hours.NeedsConfirmation):
        hours.attendance_hours(38)
    assert hours.attendance_hours(38, confirmed=True) == 38


@given(st.integers(-1000, 1000))
def test_intensity_range(pct: int) -> None:
    if 1 <= pct <= 100:
        assert hours.intensity(pct) == pct
    else:
        with pytest.raises(ValidationError):
            hours.intensity(pct)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 1, 1)), st.integers(0, 200))
def test_learning_course_at_most_three_months(start: date, days: int) -> None:
    end = start + timedelta(days=days)
    limit = dates.add_months(start, 3)
    if end <= limit:
        dates.check_learning_course(start, end, None)
    else:
        with pytest.raises(ValidationError) as err:
            dates.check_learning_course(start, end, None)
        assert "3 måneder" in err.value.errors["planned_end"]


@given(st.dates(), st.dates())
def test_end_before_start_refused(a: date, b: date) -> None:
    if b < a:
        with pytest.raises(ValidationError):
            dates.end_not_before_start(a, b)
    else:
        dates.end_not_before_start(a, b)


times = st.integers(0, 23 * 60).map(lambda m: time(m // 60, m % 60))
# A start before its end, drawn as such (filtering with assume() discards most
# draws, which Hypothesis's health check fails on a loaded machine).
spans = st.lists(st.integers(0, 23 * 60), min_size=2, max_size=2, unique=True).map(sorted).map(
    lambda m: (time(m[0] // 60, m[0] % 60), time(m[1] // 60, m[1] % 60)))


@given(st.integers(0, 6), spans, st.integers(0, 6), spans)
def test_overlap_is_symmetric_and_same_day_only(d1, span1, d2, span2) -> None:
    (s1, e1), (s2, e2) = span1, span2
    a, b = Slot(d1, s1, e1), Slot(d2, s2, e2)
    assert overlaps(a, b) == overlaps(b, a)
    if d1 != d2:
        assert not overlaps(a, b)
    if overlaps(a, b):
        with pytest.raises(ValidationError):
            check_no_overlap([a], [b])
    else:
        check_no_overlap([a], [b])


def test_followup_monthly_in_first_year_then_quarterly() -> None:
    start = date(2026, 1, 10)
    assert next_due(FollowUpInput("ekstern", start, 20, None)) == date(2026, 2, 10)
    assert next_due(FollowUpInput("ekstern", start, 20, date(2026, 5, 3))) == date(2026, 6, 3)
    assert next_due(FollowUpInput("ekstern", start, 20, date(2027, 2, 1))) == date(2027, 5, 1)


def test_followup_small_flex_job_every_fourth_week_then_quarterly() -> None:
    start = date(2026, 1, 5)
    assert next_due(FollowUpInput("fleksjob", start, 10, None)) == date(2026, 2, 2)
    assert next_due(FollowUpInput("fleksjob", start, 8, date(2026, 3, 2))) == date(2026, 3, 30)
    assert next_due(FollowUpInput("fleksjob", start, 8, date(2026, 4, 20))) == date(2026, 7, 20)
    # more than 10 hours: the ordinary monthly rule
    assert next_due(FollowUpInput("fleksjob", start, 12, None)) == date(2026, 2, 5)


@given(st.sampled_from(["ekstern", "fleksjob", "intern"]), st.dates(min_value=date(2000, 1, 1),
       max_value=date(2090, 1, 1)), st.integers(0, 800), st.floats(0, 37))
def test_followup_due_is_after_last_contact_and_within_a_quarter(kind, start, offset, week_hours) -> None:
    last = start + timedelta(days=offset)
    due = next_due(FollowUpInput(kind, start, week_hours, last))
    assert last + SHORTEST_INTERVAL <= due <= dates.add_months(last, 3)
    assert next_due(FollowUpInput(kind, start, week_hours, None)) >= start + SHORTEST_INTERVAL


def test_step3_reached_at_thirty_ordinary_hours_a_month() -> None:
    assert not hours.step3_reached(29.5)
    assert hours.step3_reached(30)


def test_a_bug_inside_a_validator_is_an_error_not_a_field_message() -> None:
    from app.rules.errors import Collector

    def broken(value: str) -> str:
        return value.no_such_method()  # type: ignore[attr-defined]

    c = Collector()
    with pytest.raises(RuntimeError, match="validator for 'name' failed"):
        c.check("name", broken, "Åse")
    assert c.errors == {}


def test_a_value_of_the_wrong_kind_is_a_field_message() -> None:
    from datetime import date

    from app.rules.errors import WRONG_KIND, Collector

    c = Collector()
    assert c.check("start_date", date.fromisoformat, 20261123) is None  # a number where a date belongs
    assert c.errors == {"start_date": WRONG_KIND}
