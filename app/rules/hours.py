"""Hours, intensity and money."""
from __future__ import annotations

import math

from app.rules.errors import ValidationError

MAX_WEEK_HOURS = 37.0
ABSOLUTE_MAX_WEEK_HOURS = 60.0
ORDINARY_HOURS_GOAL_PER_MONTH = 30.0
MAX_HOURLY_WAGE_ORE = 100_000  # 1,000 kr. an hour


class NeedsConfirmation(ValidationError):
    """A value that is allowed only after the user confirms it."""


def attendance_hours(value: float, field: str = "attendance_hours", confirmed: bool = False) -> float:
    if value is None or not isinstance(value, (int, float)) or math.isnan(value):
        raise ValidationError.single(field, "Angiv timer som et tal.")
    if value < 0:
        raise ValidationError.single(field, "Timetallet kan ikke være negativt.")
    if value > ABSOLUTE_MAX_WEEK_HOURS:
        raise ValidationError.single(field, f"Højst {ABSOLUTE_MAX_WEEK_HOURS:.0f} timer om ugen.")
    if value > MAX_WEEK_HOURS and not confirmed:
        raise NeedsConfirmation({field: "Mere end 37 timer om ugen – bekræft, at det er rigtigt."})
    return round(float(value), 2)


def intensity(value: int, field: str = "work_intensity") -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 100:
        raise ValidationError.single(field, "Arbejdsintensiteten skal være mellem 1 og 100 %.")
    return value


def paid_hours(attendance: float, intensity_pct: int) -> float:
    """Løntimer = fremmødetimer x arbejdsintensitet (25 % of 4 hours = 1 hour)."""
    return round(attendance * intensity_pct / 100.0, 2)


def hourly_wage_ore(value: int, field: str = "hourly_wage") -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValidationError.single(field, "Timelønnen skal være et beløb på 0 kr. eller mere.")
    if value > MAX_HOURLY_WAGE_ORE:
        raise ValidationError.single(field, "Timelønnen ser for høj ud (over 1.000 kr.).")
    return value


def monthly_wage_ore(hourly_ore: int, paid_week_hours: float) -> int:
    """Estimated monthly wage: paid hours a week x 52/12 weeks."""
    return round(hourly_ore * paid_week_hours * 52 / 12)


def step3_reached(ordinary_hours_in_month: float) -> bool:
    """Step 3 ends at 30 ordinary hours a month (about 5-6 a week)."""
    return ordinary_hours_in_month >= ORDINARY_HOURS_GOAL_PER_MONTH
