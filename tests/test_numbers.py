"""Danish numbers read by babel (strict, da_DK) in every amount, hours and
percentage field: thousands separators are read as such, and input that
could mean two things is refused with a suggestion."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.numbers import NumberError, parse_kr_to_ore, parse_number


@pytest.mark.parametrize(("typed", "value"), [
    ("1.234", 1234.0), ("1.234,50", 1234.5), ("12,5", 12.5), ("7", 7.0), ("1234", 1234.0),
    ("-3,5", -3.5), ("1.234.567,25", 1234567.25), (" 37 ", 37.0), ("75 %", 75.0), ("125,50 kr.", 125.5),
])
def test_danish_numbers(typed: str, value: float) -> None:
    assert parse_number(typed) == value


@pytest.mark.parametrize(("typed", "ore"), [("1.234", 123400), ("1.234,50", 123450), ("0,05", 5), ("125", 12500)])
def test_amounts_in_ore(typed: str, ore: int) -> None:
    assert parse_kr_to_ore(typed) == ore


def test_english_decimal_point_is_refused_with_a_suggestion() -> None:
    with pytest.raises(NumberError, match=r"Mente du 12,5\?"):
        parse_number("12.5")


@pytest.mark.parametrize("typed", ["", "abc", "12,5,3", "1,2.3", "12.50"])
def test_not_numbers(typed: str) -> None:
    with pytest.raises(NumberError):
        parse_number(typed)


def test_more_than_two_decimals_in_an_amount_is_refused() -> None:
    with pytest.raises(NumberError, match="to decimaler"):
        parse_kr_to_ore("12,505")


def test_money_field_shows_the_suggestion_at_the_field(qapp: QApplication) -> None:
    from ui.editors.fields import MoneyEdit, NumberEdit, read_number, read_ore

    money, hours = MoneyEdit(), NumberEdit()
    money.setText("1.234,50")
    errors: dict[str, str] = {}
    assert read_ore(money, "hourly_wage", errors) == 123450 and errors == {}
    hours.setText("12.5")
    assert read_number(hours, "attendance_hours", errors) is None
    assert errors["attendance_hours"].endswith("Mente du 12,5?")
    money.set_ore(123450)
    assert read_ore(money, "hourly_wage", errors) == 123450
