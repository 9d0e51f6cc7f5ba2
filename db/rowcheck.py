"""What a synced value may be, read from the models' own column types: the
server checks each pushed change with it and the laptop each pulled row, so
neither side ever stores a value the other cannot read.

Reasons are Danish: they are shown in *Synkronisering* next to a change or
row that was set aside.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Time
from sqlalchemy.orm import class_mapper
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from db.base import BOOKKEEPING

ID = re.compile(r"^[0-9A-Za-z-]{1,36}$")
INT_LIMIT = 2**63 - 1


@dataclass(frozen=True)
class Rule:
    """One column as sync sees it."""

    name: str
    kind: str            # str | int | float | bool | date | datetime | time
    length: int | None   # the most characters a str may have
    nullable: bool
    required: bool       # must be given, not null, on insert (no default)
    default: Any         # a scalar default filled in when an insert leaves the column out
    foreign: bool        # holds another row's id


def _kind(column: Any) -> str:
    kind = column.type
    for cls, name in ((Boolean, "bool"), (Integer, "int"), (Float, "float"), (DateTime, "datetime"),
                      (Date, "date"), (Time, "time")):
        if isinstance(kind, cls):
            return name
    return "str"


@cache
def rules(model: type) -> dict[str, Rule]:
    out = {}
    for column in class_mapper(model).columns:
        default = column.default.arg if isinstance(column.default, ScalarElementColumnDefault) else None
        has_default = column.default is not None or column.server_default is not None
        length = getattr(column.type, "length", None) if isinstance(column.type, String) else None
        out[column.key] = Rule(column.key, _kind(column), length, bool(column.nullable),
                               not column.nullable and not has_default and column.key not in BOOKKEEPING,
                               default, bool(column.foreign_keys))
    return out


def _ok_str(value: Any) -> bool:
    return type(value) is str and "\x00" not in value  # PostgreSQL's JSON holds no NUL


def _ok_int(value: Any) -> bool:
    return type(value) is int and -INT_LIMIT <= value <= INT_LIMIT


def _ok_float(value: Any) -> bool:
    if type(value) is float:
        return math.isfinite(value)
    return _ok_int(value)


def _ok_bool(value: Any) -> bool:
    return type(value) is bool


def _ok_date(value: Any) -> bool:
    return type(value) is str and len(value) == 10 and _parses(date.fromisoformat, value)


def _ok_datetime(value: Any) -> bool:
    """ISO, with a 'T', without a time zone (the stores keep UTC as naive times)."""
    if type(value) is not str or len(value) < 16 or value[10] != "T":
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is None
    except ValueError:
        return False


def _ok_time(value: Any) -> bool:
    return type(value) is str and 5 <= len(value) <= 15 and value[2] == ":" and _parses(time.fromisoformat, value)


def _parses(parse: Callable[[str], Any], value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


_OK: dict[str, Callable[[Any], bool]] = {
    "str": _ok_str, "int": _ok_int, "float": _ok_float, "bool": _ok_bool,
    "date": _ok_date, "datetime": _ok_datetime, "time": _ok_time,
}
_WANTED = {
    "str": "skal være tekst", "int": "skal være et helt tal", "float": "skal være et endeligt tal",
    "bool": "skal være sand eller falsk", "date": "skal være en dato (ÅÅÅÅ-MM-DD)",
    "datetime": "skal være et tidspunkt (ÅÅÅÅ-MM-DDTtt:mm:ss)", "time": "skal være et klokkeslæt (tt:mm)",
}


def checker(rule: Rule) -> Callable[[Any], bool]:
    """A fast yes/no for one column (a first full sync checks a million
    values); `problem` says why, for the few that fail."""
    nullable, length = rule.nullable, rule.length
    if rule.kind == "str" and not rule.foreign:
        if length is None:
            return lambda v: (type(v) is str and "\x00" not in v) if v is not None else nullable
        return lambda v: (type(v) is str and len(v) <= length and "\x00" not in v) if v is not None else nullable
    if rule.kind == "str":
        return lambda v: (type(v) is str and ID.match(v) is not None) if v is not None else nullable
    ok = _OK[rule.kind]
    return lambda v: ok(v) if v is not None else nullable


@cache
def checkers(model: type) -> dict[str, Callable[[Any], bool]]:
    return {name: checker(rule) for name, rule in rules(model).items()}


def problem(rule: Rule, value: Any) -> str | None:
    """Why `value` cannot be stored in this column (None: it can)."""
    name = rule.name
    if value is None:
        return None if rule.nullable else f"feltet '{name}' skal udfyldes"
    if not _OK[rule.kind](value):
        return f"feltet '{name}' {_special(rule.kind, value) or _WANTED[rule.kind]}"
    if rule.length is not None and len(value) > rule.length:
        return f"feltet '{name}' er for langt (højst {rule.length} tegn)"
    if rule.foreign and not ID.match(value):
        return f"feltet '{name}' er ikke et gyldigt id"
    return None


def _special(kind: str, value: Any) -> str | None:
    if isinstance(value, str) and "\x00" in value and kind == "str":
        return "indeholder et NUL-tegn"
    if type(value) is int and kind in ("int", "float"):
        return "er et for stort tal"
    if type(value) is float and kind == "int":
        return "skal være et helt tal"
    return None


def row_problem(model: type, data: dict[str, Any]) -> str | None:
    """Why a whole pulled row cannot be stored (unknown or bad fields, or a
    column that must have a value but has none)."""
    known, checks = rules(model), checkers(model)
    for name, value in data.items():
        check = checks.get(name)
        if check is None:
            return f"ukendt felt '{name[:50]}'"
        if not check(value):
            return problem(known[name], value) or f"feltet '{name}' har en ugyldig værdi"
    for name in _must(model):
        if data.get(name) is None:
            return f"feltet '{name}' mangler"
    return None


@cache
def _must(model: type) -> tuple[str, ...]:
    """Columns a stored row must have a value in (the store fills in the bookkeeping)."""
    return tuple(r.name for r in rules(model).values() if not r.nullable and r.name not in BOOKKEEPING)
