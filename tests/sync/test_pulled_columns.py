"""A pulled page read a table at a time (app.sync.pulledrows.stored_rows,
app.sync.apply.read_alike: a first sync's path) gives exactly the rows of
reading it a record at a time (stored_row, read_each): the same values, the
same columns in the same order, the same groups and ids in page order. When
one record cannot be stored it gives up (None), and the record-by-record
path sets that record aside with its Danish reason, as before."""
from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.sync.apply import read_alike, read_each, read_page, remote_session
from app.sync.pulledrows import MODELS, stored_row, stored_rows
from db.base import utcnow
from db.models import MODEL_BY_TABLE, SetAsideRow
from db.rowcheck import Rule
from db.rowcheck import rules as laptop_rules
from tests.conftest import FULL
from tests.sync.test_validate_properties import EDGES, ISO_LIKE, JSON

TABLES = sorted(MODEL_BY_TABLE)
NOW = "2026-12-01T04:00:00.123456"


def _good(rule: Rule) -> st.SearchStrategy[Any]:
    """Values the column takes, in the layouts a store writes and others."""
    stamps = st.datetimes(min_value=datetime(1, 1, 1, 0, 0, 0, 1))
    kinds: dict[str, st.SearchStrategy[Any]] = {
        "str": st.uuids().map(str) if rule.foreign else st.text(max_size=min(rule.length or 40, 40)),
        "int": st.integers(-2**63 + 1, 2**63 - 1) | st.integers(-5, 5),
        "float": st.floats(allow_nan=False, allow_infinity=False) | st.integers(-10**6, 10**6),
        "bool": st.booleans(),
        "date": st.dates().map(lambda d: d.isoformat()),
        "datetime": stamps.map(lambda d: d.isoformat()) | stamps.map(lambda d: d.isoformat(timespec="seconds")),
        "time": st.times().map(lambda t: t.isoformat()),
    }
    good = kinds[rule.kind]
    return (good | st.none()) if rule.nullable else good


def _value(draw: st.DrawFn, rule: Rule, bad: bool) -> Any:
    """Mostly a good value; now and then (`bad`) anything at all."""
    if bad and draw(st.integers(0, 4)) == 0:
        return draw(JSON | ISO_LIKE | EDGES)
    if rule.length and draw(st.integers(0, 9)) == 0 and rule.kind == "str" and not rule.foreign:
        return "x" * (rule.length + draw(st.integers(0, 1)))  # at the limit, and one beyond
    return draw(_good(rule))


@st.composite
def _layout(draw: st.DrawFn, table: str) -> tuple[str, ...]:
    """The data keys of a table's records: the required ones and some more
    (now and then an unknown one, or a required one left out), in any order."""
    rules = laptop_rules(MODELS[table])
    names = [n for n in rules if n not in ("id", "version", "updated_at")]
    keys = [r.name for r in rules.values() if not r.nullable and r.name in names]
    keys += draw(st.lists(st.sampled_from(names), max_size=len(names), unique=True))
    if draw(st.integers(0, 19)) == 0:
        keys.append("nope")
    if keys and draw(st.integers(0, 19)) == 0:
        keys.pop(0)
    return tuple(draw(st.permutations(list(dict.fromkeys(keys)))))


def _record(draw: st.DrawFn, table: str, keys: tuple[str, ...], bad: bool) -> dict[str, Any]:
    rules = laptop_rules(MODELS[table])
    data = {k: _value(draw, rules[k], bad) if k in rules else 1 for k in keys}
    return {"id": str(uuid.uuid4()), "entity": table, "data": data, "version": draw(st.integers(1, 9)),
            "deleted": False, "seq": 1, "created_at": "2026-11-30T10:00:00"}


@st.composite
def _alike(draw: st.DrawFn) -> tuple[type, tuple[str, ...], list[dict[str, Any]]]:
    """Records of one table with the same keys in the same order."""
    table = draw(st.sampled_from(TABLES))
    keys = draw(_layout(table))
    bad = draw(st.booleans())
    return MODELS[table], keys, [_record(draw, table, keys, bad) for _ in range(draw(st.integers(1, 6)))]


def _one_by_one(model: type, records: list[dict[str, Any]]) -> list[list[tuple[str, Any]]] | None:
    rows = []
    for record in records:
        try:
            rows.append(list(stored_row(model, record, [], NOW).items()))
        except Exception:  # any error: the record is not stored
            return None
    return rows


@settings(max_examples=1500 if FULL else 300, deadline=None)
@given(_alike())
def test_a_table_read_a_column_at_a_time_gives_the_rows_one_at_a_time_gives(
        alike: tuple[type, tuple[str, ...], list[dict[str, Any]]]) -> None:
    model, keys, records = alike
    rows = stored_rows(model, keys, records, NOW)
    assert (None if rows is None else [list(r.items()) for r in rows]) == _one_by_one(model, records)


@st.composite
def _page(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A page: records of a few tables, each table in one or two layouts
    (the same keys in another order, too), interleaved; now and then a
    record that cannot be stored, or of a table this version lacks."""
    tables = draw(st.lists(st.sampled_from(TABLES), min_size=1, max_size=3, unique=True))
    layouts = []
    for table in tables:
        keys = draw(_layout(table))
        layouts.append((table, keys))
        if len(keys) > 1 and draw(st.booleans()):
            layouts.append((table, keys[::-1]))
    bad = draw(st.integers(0, 3)) == 0
    records = [_record(draw, *draw(st.sampled_from(layouts)), bad) for _ in range(draw(st.integers(1, 12)))]
    if draw(st.integers(0, 19)) == 0:
        records.insert(draw(st.integers(0, len(records))), {**records[0], "entity": "nope", "id": "x"})
    return records


@pytest.fixture
def store(ctx):
    return ctx.store


@settings(max_examples=300 if FULL else 80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(records=_page())
def test_a_page_read_a_table_at_a_time_is_read_as_record_by_record(store, records: list[dict[str, Any]]) -> None:
    """The same groups (in the same order), rows and ids; or None exactly
    when record by record sets a record aside."""
    with remote_session(store) as session:
        try:
            groups, applied = read_each(session, records, {}, NOW)
            set_aside = session.execute(select(SetAsideRow.id)).first() is not None
        finally:
            session.rollback()
    alike = read_alike(records, NOW)
    if set_aside:
        assert alike is None
    else:
        assert alike is not None
        assert [(key, [list(r.items()) for r in rows]) for key, rows in alike[0].items()] == \
            [(key, [list(r.items()) for r in rows]) for key, rows in groups.items()]
        assert alike[1] == applied


def test_a_page_with_a_record_it_cannot_store_sets_it_aside_with_its_reason(store) -> None:
    """The page goes record by record: the rest is read, the bad one set aside."""
    def citizen(name: str, **more: Any) -> dict[str, Any]:
        data = {"name": name, "phone": "", "email": "", "address": "", "postal_code": "", "city": "Ærø",
                "status": "aktiv", "support": "", **more}
        return {"id": str(uuid.uuid4()), "entity": "citizen", "data": data, "version": 1,
                "deleted": False, "seq": 1, "created_at": "2026-11-30T10:00:00"}

    good = [citizen(f"Borger {i}", created_at="2026-11-30T10:00:00.000001") for i in range(5)]
    bad = citizen("X", created_at="2026-11-30T10:00:00.000001", shoe_size=44)
    late = citizen("Y", created_at="2026-11-30T10:00:00+02:00")
    page = {"records": [*good[:2], bad, *good[2:], late], "cursor": 9, "epoch": "e", "more": False}
    assert read_alike(page["records"], NOW) is None
    with remote_session(store) as session:
        groups, applied = read_page(session, page)
        reasons = session.execute(select(SetAsideRow.row_id, SetAsideRow.reason).order_by(SetAsideRow.id)).all()
        session.rollback()
    assert applied == [r["id"] for r in good]
    assert [row["name"] for rows in groups.values() for row in rows] == [f"Borger {i}" for i in range(5)]
    assert [tuple(r) for r in reasons] == [(bad["id"], "ukendt felt 'shoe_size'"),
                                           (late["id"], "feltet 'created_at' skal være et tidspunkt "
                                                        "(ÅÅÅÅ-MM-DDTtt:mm:ss)")]
    assert read_alike([*good, citizen("Z", created_at=utcnow().isoformat())], NOW) is not None


def _not_called(value: Any) -> Any:
    raise AssertionError(f"went value by value: {value!r}")


def test_the_common_columns_are_checked_without_going_value_by_value() -> None:
    """The layouts a store writes pass the C loops (what they give is checked above)."""
    from app.sync.pulledrows import _days, _numbers, _stamps, _texts

    long, short = ["2026-11-30T10:00:00.000001", None, "0987-01-02T03:04:05.000060"], ["2026-11-30T10:00:00", None]
    assert _stamps(_not_called, True, long) == ["2026-11-30 10:00:00.000001", None, "0987-01-02 03:04:05.000060"]
    assert _stamps(_not_called, True, short) == ["2026-11-30 10:00:00.000000", None]
    assert _stamps(_not_called, True, [None, None]) == [None, None]
    assert _days(_not_called, True, ["2026-11-30", None]) == ["2026-11-30", None]
    assert _texts(_not_called, True, 5, False, ["abcde", None, ""]) == ["abcde", None, ""]
    key = str(uuid.uuid4())
    assert _texts(_not_called, False, 2**62, True, [key, key]) == [key, key]
    assert _numbers(_not_called, True, frozenset({int, float}), None, [1, 2.5, None, -2**63 + 1]) == \
        [1, 2.5, None, -2**63 + 1]
    with pytest.raises(AssertionError, match="value by value"):
        _stamps(_not_called, True, ["2026-11-30T10:00:00.000001", "2026-11-30T10:00:00"])  # two layouts


def _valid(table: str) -> dict[str, Any]:
    """A value of each data column of `table` that it stores."""
    good = {"str": "x", "int": 1, "float": 1.5, "bool": True, "date": "2026-11-30",
            "datetime": "2026-11-30T10:00:00.000001", "time": "08:00:00"}
    return {name: str(uuid.uuid4()) if rule.foreign else good[rule.kind]
            for name, rule in laptop_rules(MODELS[table]).items() if name not in ("id", "version", "updated_at")}


TZ_LONG = "2026-11-30T10:00:00.1+0100"  # 26 characters, a '.' at 19: the long layout's marks, but a time zone
CASES = [  # (table, column, a column's values, stored?)
    ("accommodation", "superseded", [True, 1, None], False),       # 1 == True: not one value
    ("accommodation", "superseded", [1, True], False),
    ("accommodation", "superseded", [False, True, False, False], True),
    ("schedule_slot", "start_time", ["08:00:00", "08:00", "08:00:00", "8:00"], False),
    ("schedule_slot", "start_time", ["08:00:00", "08:00", "08:00:00", "23:59:59.5"], True),
    ("wage_agreement", "version_no", [1, True], False),
    ("wage_agreement", "version_no", [2**63 - 1, -2**63 + 1, 0], True),
    ("wage_agreement", "version_no", [2**63, 1], False),
    ("wage_agreement", "attendance_hours", [1e300, 2, -1e300], True),  # beyond a whole number's bounds: floats may be
    ("wage_agreement", "attendance_hours", [2**63, 1.5], False),
    ("wage_agreement", "attendance_hours", [float("nan"), 2**70], False),
    ("wage_agreement", "attendance_hours", [1.5, float("nan")], False),  # NaN within min and max
    ("wage_agreement", "attendance_hours", [2**70, float("inf")], False),
    ("visit", "at", ["2026-11-30T10:00:00", "2026-11-30T10:00:00", "2027-01-02T03:04:05"], True),
    ("visit", "at", ["2026-11-30T10:00:00.000001", TZ_LONG], False),
    ("visit", "at", ["2026-11-30T10:00:00.000001", "2026-11-30T10:00:00.000001"], True),
    ("visit", "at", ["2026-11-30T10:00:00\n", "2026-11-30T10:00:00"], False),
    ("visit", "next_contact", ["2026-11-30", None, "2026-11-30", "2026-02-30"], False),
    ("visit", "next_contact", ["2026-11-30", None, "2026-11-30", "2026-12-01"], True),
    ("visit", "citizen_id", ["a-b", "a-b", "a b"], False),
    ("visit", "citizen_id", ["a-b", "a-b", "abc\n"], True),  # rowcheck's id pattern ends with '$'
    ("visit", "citizen_id", ["a-b", "a-b", None], True),
    ("milestone", "placement_id", ["a-b", "a-b", None], False),
    ("visit", "citizen_id", [["a"], "a-b"], False),
    ("visit", "notes", ["a", "a", None], False),
    ("visit", "participants", ["a", "a", "", "æ"], True),
    ("visit", "notes", ["a", "a\x00"], False),
    ("visit", "created_at", [None, None], False),
]


@pytest.mark.parametrize(("table", "column", "values", "stored"), CASES)
def test_a_column_read_at_once_is_read_as_value_by_value(table: str, column: str, values: list[Any],
                                                          stored: bool) -> None:
    """Repeated values (checked once each), values equal across types, numbers
    at the bounds, times with marks in place but a zone: the same rows, or None."""
    records = [{"id": str(uuid.uuid4()), "entity": table, "data": {**_valid(table), column: value},
                "version": 2, "deleted": False, "seq": 1, "created_at": "2026-11-30T10:00:00"} for value in values]
    rows = stored_rows(MODELS[table], tuple(records[0]["data"]), records, NOW)
    assert (rows is not None) == stored
    assert (None if rows is None else [list(r.items()) for r in rows]) == _one_by_one(MODELS[table], records)


def test_a_run_of_records_with_other_keys_is_read_in_parts() -> None:
    """Records of a table with other data keys (or the same in another order)
    in one run: their rows in their groups, in page order, as record by record."""
    def visit(**data: Any) -> dict[str, Any]:
        return {"id": str(uuid.uuid4()), "entity": "visit", "data": data, "version": 1, "deleted": False,
                "seq": 1, "created_at": "2026-11-30T10:00:00"}
    full = _valid("visit")
    less = {k: v for k, v in full.items() if k != "next_contact"}
    turned = dict(reversed(full.items()))
    made = {k: v for k, v in full.items() if k != "created_at"}  # the record's created_at: full's columns
    records = [visit(**full), visit(**less), visit(**turned), visit(**made), visit(**full), visit(**less)]
    action = {"id": str(uuid.uuid4()), "entity": "action", "data": _valid("action"), "version": 1,
              "deleted": False, "seq": 1, "created_at": "2026-11-30T10:00:00"}
    page = [records[0], action, *records[1:]]
    alike = read_alike(page, NOW)
    assert alike is not None
    groups = {key: [list(r.items()) for r in rows] for key, rows in alike[0].items()}
    expected: dict[tuple[str, tuple[str, ...]], list[Any]] = {}
    for record in page:
        row = stored_row(MODELS[record["entity"]], record, [], NOW)
        expected.setdefault((record["entity"], tuple(sorted(row))), []).append(list(row.items()))
    assert list(groups.items()) == list(expected.items())
    assert [(key[0], len(rows)) for key, rows in groups.items()] == [("visit", 4), ("action", 1), ("visit", 2)]
    assert alike[1] == [r["id"] for r in page]
