"""Column values to and from JSON, the form the outbox and sync carry."""
from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Date, DateTime, Time
from sqlalchemy.sql.schema import Column


def to_json(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return value


def from_json(column: Column, value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Time):
        return time.fromisoformat(value)
    return value
