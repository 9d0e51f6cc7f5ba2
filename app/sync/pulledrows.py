"""A pulled record -> the row this laptop stores, checked and converted in
one pass over its values (a first full sync reads more than a million).

The check is db.rowcheck's (known column, value of the column's type, the
required columns present) and gives the same reason; the conversion is
app.sync.rowvalues' (the value as SQLAlchemy would store it). Each column
has one function that does both (`_fix`): for text, keys and times, the
common columns, the check and the conversion are fused, so that a time is
parsed once, not once to check it and again to convert it. A record that
fails is not stored: `Unstorable` carries the Danish reason it is set aside
with. `stored_rows` gives the same rows for many records of a table at once.
"""
from __future__ import annotations

import math
import sys
from collections import deque
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache, partial
from itertools import repeat
from operator import attrgetter, is_not, itemgetter, setitem
from typing import Any, cast

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


# A page's records of one table with the same data keys (as a table's
# records come), checked and converted a column at a time: text, keys,
# times, dates and numbers in the layouts a store writes are checked in C
# loops (map, set, max, join) instead of a Python call per value (a first
# sync has more than a million; repeated ids, dates and times are checked
# once); a column they do not pass goes value by value, and a value refused
# gives the page up to `stored_row`, record by record, for its reason. Each
# row is a copy of its record's data (the keys in its order, as `stored_row`
# makes them) with the converted columns put in.
ColumnFix = Callable[[list[Any]], list[Any]]  # a column's pulled values -> stored; raises when one fails
_PRESENT = partial(is_not, None)
_STR = frozenset({str})
_NUL = "\x00"
_ZONE = attrgetter("tzinfo")
_DAY_LAYOUT = itemgetter(4, 7)
_NUMBERS = {False: frozenset({int}), True: frozenset({int, float})}
_DATA, _ID, _VERSION, _CREATED = itemgetter("data"), itemgetter("id"), itemgetter("version"), itemgetter("created_at")
# Types whose equal values are the same value (unlike 1 == 1.0 == True, 0.0 == -0.0):
# a column of one of them is converted once per distinct value.
_ALONE = (frozenset({str}), frozenset({bool}), frozenset({int}))
_NONE = type(None)


def stored_rows(model: type, names: tuple[str, ...], records: list[dict[str, Any]],
                now: str) -> list[dict[str, Any]] | None:
    """`stored_row` of each record, with no local edits to lay over, when
    every record is stored; None otherwise (nothing is said why: `stored_row`,
    one by one, does). `names`: the keys of every record's data (in any order)."""
    fixes = _column_fixes(model, names)
    if fixes is None:
        return None
    table = _table(model)
    try:
        datas = list(map(_DATA, records))
        if set(map(len, datas)) != {len(names)}:  # each has every name (below) and no other key
            return None
        pulled = _columns(names, datas)
        columns = [fix(column) for fix, column in zip(fixes, pulled)]
        return _rows(table, names, datas, records, [new is not old for new, old in zip(columns, pulled)],
                     columns, now)
    except Exception:  # pure work: redone one by one, which raises or says why
        return None


def _columns(names: tuple[str, ...], datas: list[dict[str, Any]]) -> list[Any]:
    """The values of each name, a column each, in the records' order (a
    KeyError where a record lacks one)."""
    if len(names) == 1:
        return [list(map(itemgetter(names[0]), datas))]
    return list(zip(*map(itemgetter(*names), datas))) if names else []


def _rows(table: _Table, names: tuple[str, ...], datas: list[dict[str, Any]], records: list[dict[str, Any]],
          changed: list[bool], columns: list[Any], now: str) -> list[dict[str, Any]]:
    """Each record's data, copied (its keys in its order, as `stored_row`
    makes them), with id, version, updated_at and (if the data lacks it)
    created_at added, and the values the fixes converted put in."""
    ids = map(_ID, records)
    if table.versioned:  # the record's version and the time of applying, not its data's
        stamp = _stored_now(table.converts["updated_at"], now)
        rows = [{**data, "id": key, "version": version, "updated_at": stamp}
                for data, key, version in zip(datas, ids, map(_VERSION, records))]
        kept = {"id", "version", "updated_at"}
    else:
        rows = [{**data, "id": key} for data, key in zip(datas, ids)]
        kept = {"id"}
    for name, new, column in zip(names, changed, columns):
        if new and name not in kept:
            _put(rows, name, column)
    if table.created and "created_at" not in names:
        convert = table.converts["created_at"]
        made = list(map(_CREATED, records))
        _put(rows, "created_at", made if convert is None else list(map(convert, made)))
    return rows


def _put(rows: list[dict[str, Any]], name: str, values: list[Any]) -> None:
    """row[name] = value for each row and its value, in a C loop."""
    deque(map(setitem, rows, repeat(name), values), maxlen=0)


@lru_cache(maxsize=256)
def _column_fixes(model: type, names: tuple[str, ...]) -> tuple[ColumnFix, ...] | None:
    """The column fixes of these data keys, in their order; None when one is
    not a column or a required column is missing (refused: the long way says why)."""
    table = _table(model)
    if not all(name in table.fixes for name in names) or not table.must <= set(names):
        return None
    return tuple(_column_fix(rules(model)[name], table.fixes[name], table.converts.get(name)) for name in names)


def _column_fix(rule: Rule, fix: Fix, convert: Convert | None) -> ColumnFix:
    """`fix` for a column of values (what list(map(fix, values)) gives, or
    raises): the common columns are checked in C loops, and a column those
    checks do not pass goes value by value."""
    if rule.kind == "str" and convert is None:
        limit = sys.maxsize if rule.length is None or rule.foreign else rule.length
        return partial(_texts, fix, rule.nullable, limit, rule.foreign)
    if rule.kind == "datetime" and convert is datetime_text:
        return partial(_stamps, fix, rule.nullable)
    if rule.kind == "date" and convert is date_text:
        return partial(_days, fix, rule.nullable)
    if rule.kind in ("int", "float"):
        return partial(_numbers, fix, rule.nullable, _NUMBERS[rule.kind == "float"], convert)
    return partial(_each, fix)


def _each(fix: Fix, values: list[Any]) -> list[Any]:
    """list(map(fix, values)); `fix` once per distinct value where the values
    are of one type whose equal values are the same (and None)."""
    kinds = set(map(type, values))
    kinds.discard(_NONE)
    if kinds in _ALONE:
        distinct = set(values)
        fixed = dict(zip(distinct, map(fix, distinct)))
        return list(map(fixed.__getitem__, values))
    return list(map(fix, values))


def _present(values: Collection[Any], nullable: bool) -> tuple[set[type], Collection[Any]] | None:
    """The types of the values that are not None, and those values (`values`
    itself when none is None); None when there is a None and it is refused."""
    kinds = set(map(type, values))
    if _NONE not in kinds:
        return kinds, values
    if not nullable:
        return None
    kinds.discard(_NONE)
    return kinds, list(filter(_PRESENT, values))


def _texts(fix: Fix, nullable: bool, limit: int, key: bool, values: list[Any]) -> list[Any]:
    """`_text`'s or `_key`'s check (the values are stored as they are)."""
    found = _present(set(values) if key else values, nullable)  # each distinct id checked once (many repeat)
    if found is not None:
        kinds, present = found
        if (kinds <= _STR and (limit == sys.maxsize or max(map(len, present), default=0) <= limit)
                and (all(map(_is_key, present)) if key else _NUL not in "".join(present))):
            return values
    return _each(fix, values)


# The stores' own layouts of a time, as `naive_text` slices them: with six
# decimals, and without; (length, the marks at their places, what is added).
_LONG_STAMP = (26, ((4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":"), (19, ".")), "")
_SHORT_STAMP = (19, ((4, "-"), (7, "-"), (10, "T"), (13, ":"), (16, ":")), ".000000")


def _stamps(fix: Fix, nullable: bool, values: list[Any]) -> list[Any]:
    """`_stamp` of a column of times all laid out alike, as this program
    writes them: each parsed (the check) and found without a time zone, then
    changed as `naive_text` changes it."""
    found = _present(values, nullable)
    if found is not None and not found[1]:
        return values
    if found is not None and found[0] <= _STR:
        present = cast(list[str], found[1])
        sizes = set(map(len, present))
        for size, marks, tail in (_LONG_STAMP, _SHORT_STAMP):
            stored = _restamped(present, size, marks, tail) if sizes == {size} else None
            if stored is not None:
                return stored if present is values else list(map(dict(zip(present, stored)).get, values))
    return _each(fix, values)


def _restamped(stamps: list[str], size: int, marks: tuple[tuple[int, str], ...], tail: str) -> list[str] | None:
    """`naive_text` of these times, each `size` characters long, when all
    have `marks` in their places and parse without a time zone (None when
    not): their 'T' made a space and `tail` added, all in one string, in C
    loops (slices of it, each distinct time parsed once)."""
    count, stride = len(stamps), size + len(tail) + 1
    joined = (tail + "\n").join(stamps) + tail  # every time at a multiple of `stride`
    if not joined.isascii() or any(joined[at::stride] != mark * count for at, mark in marks):
        return None
    if any(map(_ZONE, map(datetime.fromisoformat, set(stamps)))):
        return None
    text = bytearray(joined, "ascii")
    text[10::stride] = b" " * count
    stored = text.decode("ascii").split("\n")
    return stored if len(stored) == count else None


def _days(fix: Fix, nullable: bool, values: list[Any]) -> list[Any]:
    """`_day` of dates laid out YYYY-MM-DD (stored as they are), once each parsed (the check)."""
    found = _present(set(values), nullable)  # each distinct date checked once
    if (found is not None and found[0] <= _STR and set(map(len, present := found[1])) <= {10}
            and set(map(_DAY_LAYOUT, present)) <= {("-", "-")}):
        for _ in map(date.fromisoformat, present):  # the check; a date that fails refuses the page's fast read
            pass
        return values
    return _each(fix, values)


def _numbers(fix: Fix, nullable: bool, kinds: frozenset[type], convert: Convert | None,
             values: list[Any]) -> list[Any]:
    """`_number`: whole numbers within 64 bits (and, for a real column, finite floats)."""
    split = _present(values, nullable)
    if split is None:
        return _each(fix, values)
    found, present = split
    # The bounds of all the numbers, floats too, bound the whole ones (a float
    # beyond them, or NaN, sends the column value by value); whole numbers within
    # them are finite as floats, so every number is tested for a float's check.
    if (found <= kinds and (not present or (-INT_LIMIT <= min(present) and max(present) <= INT_LIMIT))
            and (float not in found or all(map(math.isfinite, present)))):
        return values if convert is None else list(map(convert, values))
    return _each(fix, values)
