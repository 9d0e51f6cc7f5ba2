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
            out[column.key] = _datetime_text
        elif isinstance(column.type, Date) and not isinstance(column.type, DateTime) and _same_date_text(proc):
            out[column.key] = _date_text
        elif isinstance(column.type, (DateTime, Date, Time)):  # ISO text in JSON
            out[column.key] = partial(_date_value, column, proc)
        else:
            out[column.key] = proc
    return out


def _datetime_text(value: Any) -> Any:
    """ISO text -> SQLite's DATETIME text, without SQLAlchemy's per-value
    formatting (checked equal to it by `_same_text`); aware values go the long way."""
    if value is None:
        return None
    stamp = datetime.fromisoformat(value)
    return stamp.isoformat(" ", "microseconds") if stamp.tzinfo is None else _SQLITE_DATETIME(stamp)


# SQLite's DateTime always has a bind processor; the typing allows None for types without one.
_SQLITE_DATETIME = cast(Convert, DateTime().dialect_impl(sqlite_dialect()).bind_processor(sqlite_dialect()))


def _date_text(value: Any) -> Any:
    """ISO date text -> the same text, checked by parsing (as `_datetime_text`)."""
    return None if value is None else date.fromisoformat(value).isoformat()


def _same_date_text(proc: Convert | None) -> bool:
    samples = (date(2026, 11, 23), date(987, 1, 2))
    return proc is not None and all(proc(s) == s.isoformat() for s in samples)


def _date_value(column: Any, proc: Convert | None, value: Any) -> Any:
    value = from_json(column, value)
    return proc(value) if proc else value


def _same_text(proc: Convert | None) -> bool:
    samples = (datetime(2026, 11, 23, 8, 5, 3), datetime(987, 1, 2, 3, 4, 5, 60))
    return proc is not None and all(proc(s) == s.isoformat(" ", "microseconds") for s in samples)
