"""Pulled JSON values -> the values SQLite stores, per column, exactly as
SQLAlchemy would write them (db.values.from_json, then the column type's
bind processor), worked out once per table: a first full sync converts more
than a million values."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import cache, partial
from typing import Any, cast

from sqlalchemy import Date, DateTime, Time
from sqlalchemy.dialects.sqlite import dialect as sqlite_dialect
from sqlalchemy.orm import class_mapper

from db.values import from_json

Convert = Callable[[Any], Any]


@cache
def column_converters(model: type) -> dict[str, Convert | None]:
    """Per column: JSON value -> the value SQLite stores, as SQLAlchemy would
    write it (db.values.from_json, then the column type's bind processor);
    None where the JSON value is stored as it is. Worked out once per table:
    a first full sync converts more than a million values."""
    dialect = sqlite_dialect()
    out: dict[str, Convert | None] = {}
    for column in class_mapper(model).columns:
        proc = column.type.dialect_impl(dialect).bind_processor(dialect)
        if isinstance(column.type, DateTime) and _same_text(proc):
            out[column.key] = datetime_text
        elif isinstance(column.type, Date) and not isinstance(column.type, DateTime) and _same_date_text(proc):
            out[column.key] = date_text
        elif isinstance(column.type, (DateTime, Date, Time)):  # ISO text in JSON
            out[column.key] = partial(_date_value, column, proc)
        else:
            out[column.key] = proc
    return out


def datetime_text(value: Any) -> Any:
    """ISO text -> SQLite's DATETIME text, without SQLAlchemy's per-value
    formatting (checked equal to it by `_same_text`); aware values go the long way."""
    if value is None:
        return None
    stamp = datetime.fromisoformat(value)
    return naive_text(value, stamp) if stamp.tzinfo is None else _SQLITE_DATETIME(stamp)


def naive_text(value: str, stamp: datetime) -> str:
    """`stamp.isoformat(" ", "microseconds")` of the naive `stamp` parsed
    from `value`: by slicing `value` when it is laid out so already
    (YYYY-MM-DD?HH:MM:SS, with or without six decimals: the stores' own
    layout), as formatting costs more than parsing."""
    if value[4:5] == value[7:8] == "-" and value[13:14] == value[16:17] == ":":
        if len(value) == 26 and value[19] == ".":
            return value[:10] + " " + value[11:]
        if len(value) == 19:
            return value[:10] + " " + value[11:] + ".000000"
    return stamp.isoformat(" ", "microseconds")


# SQLite's DateTime always has a bind processor; the typing allows None for types without one.
_SQLITE_DATETIME = cast(Convert, DateTime().dialect_impl(sqlite_dialect()).bind_processor(sqlite_dialect()))


def date_text(value: Any) -> Any:
    """ISO date text -> the same text, checked by parsing (as `datetime_text`)."""
    return None if value is None else day_text(value, date.fromisoformat(value))


def day_text(value: str, day: date) -> str:
    """`day.isoformat()` of the `day` parsed from `value`: `value` itself
    when it is laid out so already (YYYY-MM-DD), as `naive_text`."""
    return value if len(value) == 10 and value[4] == value[7] == "-" else day.isoformat()


def _same_date_text(proc: Convert | None) -> bool:
    samples = (date(2026, 11, 23), date(987, 1, 2))
    return proc is not None and all(proc(s) == s.isoformat() for s in samples)


def _date_value(column: Any, proc: Convert | None, value: Any) -> Any:
    value = from_json(column, value)
    return proc(value) if proc else value


def _same_text(proc: Convert | None) -> bool:
    samples = (datetime(2026, 11, 23, 8, 5, 3), datetime(987, 1, 2, 3, 4, 5, 60))
    return proc is not None and all(proc(s) == s.isoformat(" ", "microseconds") for s in samples)
