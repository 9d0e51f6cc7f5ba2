"""A quick test per column that a pushed value is certainly storable.

A first full sync checks some 130,000 changes of up to 20 fields each, on
the server (each pushed change) and on the laptop (each pulled row), so
each column gets a small function made once: True for the common, clearly
good values (the right Python type, in range, short enough, plain text).
Anything else goes to db.rowcheck.problem, which gives the exact Danish
reason (or finds the value good after all).
"""
from __future__ import annotations

import math
from datetime import date, datetime, time
from typing import Any, Callable

from db.rowcheck import CLOCK, DATE, DATETIME, ID, INT_LIMIT, Rule

_PARSED = {"date": (DATE, date.fromisoformat), "datetime": (DATETIME, datetime.fromisoformat),
           "time": (CLOCK, time.fromisoformat)}

Quick = Callable[[Any], bool]


def quick_check(rule: Rule) -> Quick:
    """True: `value` needs no closer look for this column."""
    nullable, length, foreign = rule.nullable, rule.length, rule.foreign
    if rule.kind == "str":
        limit = length if length is not None else -1
        match = ID.match

        def text(value: Any) -> bool:
            if value is None:
                return nullable
            # ASCII without NUL is valid UTF-8 and JSON text; other text goes the long way
            return (type(value) is str and (limit < 0 or len(value) <= limit) and value.isascii()
                    and "\x00" not in value and (not foreign or match(value) is not None))
        return text
    if rule.kind == "int":
        return lambda value: nullable if value is None else type(value) is int and -INT_LIMIT <= value <= INT_LIMIT
    if rule.kind == "float":
        def number(value: Any) -> bool:
            if value is None:
                return nullable
            kind = type(value)
            return ((kind is float and math.isfinite(value))
                    or (kind is int and -INT_LIMIT <= value <= INT_LIMIT))
        return number
    if rule.kind == "bool":
        return lambda value: nullable if value is None else type(value) is bool
    pattern, parse = _PARSED[rule.kind]
    match = pattern.match

    def moment(value: Any) -> bool:
        if value is None:
            return nullable
        if type(value) is not str or match(value) is None:
            return False
        try:
            parse(value)
        except ValueError:
            return False
        return True
    return moment


def as_old(rule: Rule) -> Rule:
    """The rule for the value a laptop saw before its edit: only compared,
    never stored as such, but still storable JSON (no 1e400, no NUL)."""
    return Rule(rule.name, rule.kind, None, True, False, None, False)
