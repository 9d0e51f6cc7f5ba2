"""Dates: order, plausibility, and the eksternt læringsforløb's 3 months."""
from __future__ import annotations

import calendar
from datetime import date, datetime
from functools import lru_cache

from app.rules.errors import ValidationError

EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)
LEARNING_MAX_MONTHS = 3


@lru_cache(maxsize=8192)  # the reports ask the same few hundred thousand times
def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def plausible(day: date | None, field: str, label: str = "Datoen") -> date | None:
    if day is None:
        return None
    if not isinstance(day, date):
        raise ValidationError.single(field, f"{label} er ikke en gyldig dato.")
    if not EARLIEST <= (day.date() if isinstance(day, datetime) else day) <= LATEST:
        raise ValidationError.single(field, f"{label} skal ligge mellem 1990 og 2100.")
    return day


def end_not_before_start(start: date | None, end: date | None, field: str = "end_date") -> None:
    if start and end and end < start:
        raise ValidationError.single(field, "Slutdatoen ligger før startdatoen.")


def learning_course_end_limit(start: date) -> date:
    """The last allowed end date of an eksternt læringsforløb."""
    return add_months(start, LEARNING_MAX_MONTHS)


def check_learning_course(start: date, planned_end: date | None, end: date | None) -> None:
    limit = learning_course_end_limit(start)
    for field, value in (("planned_end", planned_end), ("end_date", end)):
        if value and value > limit:
            raise ValidationError.single(
                field,
                "Et eksternt læringsforløb varer højst 3 måneder "
                f"(senest {limit.strftime('%d.%m.%Y')}).",
            )


def not_in_future_if_held(at: datetime, held: bool, now: datetime, field: str = "at") -> None:
    if held and at > now:
        raise ValidationError.single(field, "Et besøg i fremtiden kan ikke markeres som afholdt.")
