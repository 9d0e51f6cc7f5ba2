"""What a synced value may be, read from the models' own column types: the
server checks each pushed change with it and the laptop each pulled row, so
neither side ever stores a value the other cannot read.

Reasons are Danish: they are shown in *Synkronisering* next to a change or
row that was set aside.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, Time, inspect

from db.base import BOOKKEEPING

ID = re.compile(r"^[0-9A-Za-z-]{1,36}$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_TIME = r"[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
_DATETIME = re.compile(rf"^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}T{_TIME}$")
_CLOCK = re.compile(rf"^{_TIME}$")
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


@lru_cache(maxsize=None)
def rules(model: type) -> dict[str, Rule]:
    out = {}
    for column in inspect(model).columns:
        default = column.default.arg if column.default is not None and column.default.is_scalar else None
        has_default = column.default is not None or column.server_default is not None
        length = getattr(column.type, "length", None) if isinstance(column.type, String) else None
        out[column.key] = Rule(column.key, _kind(column), length, bool(column.nullable),
                               not column.nullable and not has_default and column.key not in BOOKKEEPING,
                               default, bool(column.foreign_keys))
    return out


def problem(rule: Rule, value: Any) -> str | None:
    """Why `value` cannot be stored in this column (None: it can)."""
    name = rule.name
    if value is None:
        return None if rule.nullable else f"feltet '{name}' skal udfyldes"
    check = _CHECKS[rule.kind]
    reason = check(value)
    if reason:
        return f"feltet '{name}' {reason}"
    if rule.kind == "str":
        if rule.length is not None and len(value) > rule.length:
            return f"feltet '{name}' er for langt (højst {rule.length} tegn)"
        if rule.foreign and not ID.match(value):
            return f"feltet '{name}' er ikke et gyldigt id"
    return None


def text_problem(value: str) -> str | None:
    """Text PostgreSQL's JSON and UTF-8 cannot hold (NUL, lone surrogates)."""
    if "\x00" in value:
        return "indeholder et NUL-tegn"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "er ikke gyldig tekst"
    return None


def _str(value: Any) -> str | None:
    return text_problem(value) if isinstance(value, str) else "skal være tekst"


def _int(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return "skal være et helt tal"
    return None if -INT_LIMIT <= value <= INT_LIMIT else "er et for stort tal"


def _float(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "skal være et tal"
    if isinstance(value, int):
        return None if -INT_LIMIT <= value <= INT_LIMIT else "er et for stort tal"
    return None if math.isfinite(value) else "skal være et endeligt tal"


def _bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "skal være sand eller falsk"


def _parsed(pattern: re.Pattern[str], parse: Any, wanted: str) -> Any:
    def check(value: Any) -> str | None:
        if not isinstance(value, str) or not pattern.match(value):
            return f"skal være {wanted}"
        try:
            parse(value)
        except ValueError:
            return f"skal være {wanted}"
        return None
    return check


_CHECKS = {
    "str": _str, "int": _int, "float": _float, "bool": _bool,
    "date": _parsed(_DATE, date.fromisoformat, "en dato (ÅÅÅÅ-MM-DD)"),
    "datetime": _parsed(_DATETIME, datetime.fromisoformat, "et tidspunkt (ÅÅÅÅ-MM-DDTtt:mm:ss)"),
    "time": _parsed(_CLOCK, time.fromisoformat, "et klokkeslæt (tt:mm)"),
}


def row_problem(model: type, data: dict[str, Any]) -> str | None:
    """Why a whole pulled row cannot be stored (unknown or bad fields, or a
    column that must have a value but has none)."""
    known = rules(model)
    for name, value in data.items():
        rule = known.get(name)
        if rule is None:
            return f"ukendt felt '{name[:50]}'"
        reason = problem(rule, value)
        if reason:
            return reason
    for rule in known.values():
        if not rule.nullable and rule.name not in BOOKKEEPING and data.get(rule.name) is None:
            return f"feltet '{rule.name}' mangler"
    return None
