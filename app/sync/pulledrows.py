"""A pulled record -> the row this laptop stores, checked and converted in
one pass over its values (a first full sync reads more than a million).

The check is db.rowcheck's (known column, value of the column's type, the
required columns present) and gives the same reason; the conversion is
app.sync.rowvalues' (the value as SQLAlchemy would store it). A record that
fails is not stored: `Unstorable` carries the Danish reason it is set aside
with.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from app.sync.rowvalues import Convert, column_converters
from db.base import BOOKKEEPING, Base, Synced
from db.models import MODEL_BY_TABLE, Conflict
from db.rowcheck import checkers, problem, rules

MODELS: dict[str, type[Base] | type[Synced]] = dict(MODEL_BY_TABLE, conflict=Conflict)


class Unstorable(ValueError):
    """The record cannot be stored here; the message is the reason (Danish)."""


@cache
def _columns(model: type) -> dict[str, tuple[Callable[[Any], bool], Convert | None, bool]]:
    """Per column: its check, its conversion, and whether a pulled value is
    stored (the version is the record's own, not a value of its data)."""
    converts = column_converters(model)
    return {name: (check, converts.get(name), name != "version") for name, check in checkers(model).items()}


@cache
def _required(model: type) -> tuple[str, ...]:
    """Columns a stored row must have a value in (the store fills in the bookkeeping)."""
    return tuple(r.name for r in rules(model).values() if not r.nullable and r.name not in BOOKKEEPING)


def stored_row(model: type, record: dict[str, Any], overlays: list[dict[str, list[Any]]], now: str) -> dict[str, Any]:
    """The record as a row of stored values. `overlays`: this laptop's unsent
    edits of the row, laid over the pulled values; `now` (ISO): the row's
    updated_at here. Raises Unstorable (or the error a value's conversion raised)."""
    columns = _columns(model)
    data = record["data"]
    row: dict[str, Any] = {}
    broken: Exception | None = None
    for name, value in data.items():
        spec = columns.get(name)
        if spec is None:
            raise Unstorable(f"ukendt felt '{name[:50]}'")
        check, convert, stored = spec
        if not check(value):
            raise Unstorable(problem(rules(model)[name], value) or f"feltet '{name}' har en ugyldig værdi")
        if stored:
            try:
                row[name] = convert(value) if convert is not None else value
            except (ValueError, TypeError) as exc:  # every value is checked first: a check's reason wins
                broken = broken or exc
    for name in _required(model):
        if data.get(name) is None:
            raise Unstorable(f"feltet '{name}' mangler")
    if broken is not None:
        raise broken
    for fields in overlays:  # local values, not checked (this laptop wrote them)
        for name, pair in fields.items():
            spec = columns.get(name)
            if spec is not None and spec[2]:
                row[name] = spec[1](pair[1]) if spec[1] is not None else pair[1]
    row["id"] = record["id"]
    if "version" in columns:
        row["version"] = record["version"]
        row["updated_at"] = _stored_now(columns["updated_at"][1], now)
    if "created_at" in columns and "created_at" not in row:
        convert = columns["created_at"][1]
        row["created_at"] = convert(record["created_at"]) if convert is not None else record["created_at"]
    return row


@lru_cache(maxsize=16)
def _stored_now(convert: Any, now: str) -> Any:
    """The time of applying, as stored: converted once per page, not per row."""
    return convert(now) if convert is not None else now
