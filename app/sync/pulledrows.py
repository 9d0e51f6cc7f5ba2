"""A pulled record -> the row this laptop stores, checked and converted in
one pass over its values (a first full sync reads more than a million).

The check is db.rowcheck's (known column, value of the column's type, the
required columns present) and gives the same reason; the conversion is
app.sync.rowvalues' (the value as SQLAlchemy would store it). Each column
has one function that does both (`_fix`): for text, keys and times, the
common columns, the check and the conversion are fused, so that a time is
parsed once, not once to check it and again to convert it. A record that
fails is not stored: `Unstorable` carries the Danish reason it is set aside
with.
"""
from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

from app.sync.rowvalues import Convert, column_converters, date_text, datetime_text, day_text, naive_text
from db.base import BOOKKEEPING, Base, Synced
from db.models import MODEL_BY_TABLE, Conflict
from db.rowcheck import ID, INT_LIMIT, Rule, checkers, problem, rules

MODELS: dict[str, type[Base] | type[Synced]] = dict(MODEL_BY_TABLE, conflict=Conflict)
Fix = Callable[[Any], Any]  # a pulled value -> the value stored; raises _Refused when its check fails


class Unstorable(ValueError):
    """The record cannot be stored here; the message is the reason (Danish)."""


class _Refused(Exception):
    """The value fails its column's check (db.rowcheck.problem says why)."""


@dataclass(frozen=True)
class _Table:
    fixes: dict[str, Fix]                   # every column: check and convert a pulled value
    converts: dict[str, Convert | None]     # every column: convert a local value (not checked)
    required: tuple[str, ...]               # columns a stored row must have a value in
    must: frozenset[str]                    # ... as a set
    versioned: bool                         # has version and updated_at (the record's own, not its data's)
    created: bool                           # has created_at


@cache
def _table(model: type) -> _Table:
    converts, checks = column_converters(model), checkers(model)
    required = tuple(r.name for r in rules(model).values() if not r.nullable and r.name not in BOOKKEEPING)
    fixes = {name: _fix(rule, checks[name], converts.get(name)) for name, rule in rules(model).items()}
    return _Table(fixes, converts, required, frozenset(required), "version" in converts, "created_at" in converts)


def _fix(rule: Rule, check: Callable[[Any], bool], convert: Convert | None) -> Fix:
    """The column's check, then its conversion, in one function: what
    `check` accepts it returns converted, what it refuses raises _Refused."""
    if rule.kind == "str" and convert is None:
        return _key(rule.nullable) if rule.foreign else _text(rule.nullable, rule.length)
    if rule.kind == "datetime" and convert is datetime_text:
        return _stamp(rule.nullable)
    if rule.kind == "date" and convert is date_text:
        return _day(rule.nullable)
    if rule.kind in ("int", "float"):
        return _number(rule.nullable, rule.kind == "float", convert)
    return _checked(check, convert)


def _text(nullable: bool, length: int | None) -> Fix:
    """db.rowcheck.checker's text check; stored as it is."""
    limit = sys.maxsize if length is None else length

    def fix(value: Any) -> Any:
        if type(value) is str and len(value) <= limit and "\x00" not in value:
            return value
        if value is None and nullable:
            return None
        raise _Refused
    return fix


@lru_cache(maxsize=1 << 16)
def _is_key(value: str) -> bool:
    """db.rowcheck's id check, remembered: a pull names the same parents thousands of times."""
    return ID.match(value) is not None


def _key(nullable: bool) -> Fix:
    """db.rowcheck.checker's check of another row's id; stored as it is."""
    def fix(value: Any) -> Any:
        if type(value) is str and _is_key(value):
            return value
        if value is None and nullable:
            return None
        raise _Refused
    return fix


def _stamp(nullable: bool) -> Fix:
    """db.rowcheck's datetime check (ISO with a 'T', no time zone) and
    rowvalues.datetime_text's conversion, on one parse."""
    def fix(value: Any) -> Any:
        if type(value) is str and len(value) >= 16 and value[10] == "T":
            try:
                stamp = datetime.fromisoformat(value)
            except ValueError:
                raise _Refused from None
            if stamp.tzinfo is None:
                return naive_text(value, stamp)
        elif value is None and nullable:
            return None
        raise _Refused
    return fix


def _day(nullable: bool) -> Fix:
    """db.rowcheck's date check and rowvalues.date_text's conversion, on one parse."""
    def fix(value: Any) -> Any:
        if type(value) is str and len(value) == 10:
            try:
                day = date.fromisoformat(value)
            except ValueError:
                raise _Refused from None
            return day_text(value, day)
        if value is None and nullable:
            return None
        raise _Refused
    return fix


def _number(nullable: bool, real: bool, convert: Convert | None) -> Fix:
    """db.rowcheck's check of a whole number (an int within 64 bits) or, if
    `real`, of a finite number (either); then the conversion."""
    def fix(value: Any) -> Any:
        kind = type(value)
        if (kind is int and -INT_LIMIT <= value <= INT_LIMIT) or (real and kind is float and math.isfinite(value)):
            return value if convert is None else convert(value)
        if value is None and nullable:
            return None if convert is None else convert(None)
        raise _Refused
    return fix


def _checked(check: Callable[[Any], bool], convert: Convert | None) -> Fix:
    """Any other column: its check, then its conversion (whose ValueError
    or TypeError passes through: a check's reason comes first)."""
    def fix(value: Any) -> Any:
        if not check(value):
            raise _Refused
        return convert(value) if convert is not None else value
    return fix


def stored_row(model: type, record: dict[str, Any], overlays: list[dict[str, list[Any]]], now: str) -> dict[str, Any]:
    """The record as a row of stored values. `overlays`: this laptop's unsent
    edits of the row, laid over the pulled values; `now` (ISO): the row's
    updated_at here. Raises Unstorable (or the error a value's conversion raised)."""
    table = _table(model)
    fixes = table.fixes
    data = record["data"]
    row: dict[str, Any] = {}
    broken: Exception | None = None
    for name, value in data.items():
        fix = fixes.get(name)
        if fix is None:
            raise Unstorable(f"ukendt felt '{name[:50]}'")
        try:
            row[name] = fix(value)
        except _Refused:
            raise Unstorable(problem(rules(model)[name], value) or f"feltet '{name}' har en ugyldig værdi") from None
        except (ValueError, TypeError) as exc:  # every value is checked first: a check's reason wins
            broken = broken or exc
    if not table.must <= data.keys():  # a value there is not None: a column that must have one refuses None
        missing = next(name for name in table.required if name not in data)
        raise Unstorable(f"feltet '{missing}' mangler")
    if broken is not None:
        raise broken
    if overlays:
        _lay_over(row, overlays, table.converts)
    row["id"] = record["id"]
    if table.versioned:  # the record's version, not its data's (the row took it above, checked)
        row["version"] = record["version"]
        row["updated_at"] = _stored_now(table.converts["updated_at"], now)
    if table.created and "created_at" not in row:
        convert = table.converts["created_at"]
        row["created_at"] = convert(record["created_at"]) if convert is not None else record["created_at"]
    return row


def _lay_over(row: dict[str, Any], overlays: list[dict[str, list[Any]]], converts: dict[str, Convert | None]) -> None:
    """Local values, not checked (this laptop wrote them)."""
    for fields in overlays:
        for name, pair in fields.items():
            if name in converts and name != "version":
                convert = converts[name]
                row[name] = convert(pair[1]) if convert is not None else pair[1]


@lru_cache(maxsize=16)
def _stored_now(convert: Any, now: str) -> Any:
    """The time of applying, as stored: converted once per page, not per row."""
    return convert(now) if convert is not None else now
