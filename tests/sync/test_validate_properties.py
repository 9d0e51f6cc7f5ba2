"""Property tests of the change checks, without PostgreSQL: whatever a
pushed value is, the server's check answers (never raises), and whatever
the server accepts, every laptop can store (the pulled row passes the
laptop's own check and converts to the values SQLite keeps)."""
from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.sync.pulledrows import Unstorable, stored_row
from db.base import utcnow
from db.models import MODEL_BY_TABLE
from db.rowcheck import Rule, row_problem
from server.validate import entity_rules, refusal, with_defaults

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5)
ISO_LIKE = st.sampled_from(["2026-12-31", "31.12.2026", "2026-02-30", "2026-12-31T10:00:00", "2026-12-31 10:00",
                            "2026-12-31T10:00:00+02:00", "10:30", "25:00", "10:30:00.123456", "", "20261231",
                            "2026-12-31T10", "0001-01-01T00:00:00.000001", "9999-12-31"])
EDGES = st.sampled_from(["a\x00b", "abc\n", "x" * 301, "01a22dd5-3ce5-74d5-8d0c-1cbed7d31070\n", "2026-W05-3",
                         "2026-12-31T10:00:00,123456", "2026-W05-3T10:00:00.123456",
                         "2026-12-31T10:00:00.123456", "2026-12-31T10:00:00Z", 2**63, -2**63,
                         float("inf"), 1e300, 0])
COLUMNS = [(table, name) for table in MODEL_BY_TABLE for name in entity_rules()[table]
           if name not in ("id", "version", "updated_at")]


def _valid(rule: Rule) -> Any:
    """A value the column takes (for the columns an insert must carry)."""
    return {"str": "a" if not rule.foreign else "01a22dd5-3ce5-74d5-8d0c-1cbed7d31070", "int": 1,
            "float": 1.5, "bool": True, "date": date(2026, 1, 2).isoformat(),
            "datetime": datetime(2026, 1, 2, 3, 4, 5).isoformat(), "time": time(8, 0).isoformat()}[rule.kind]


def _insert(table: str, name: str, value: Any) -> dict[str, Any]:
    rules = entity_rules()[table]
    fields = {r.name: [None, _valid(r)] for r in rules.values() if r.required}
    fields[name] = [None, value]
    return {"change_id": "c", "entity": table, "row_id": "01a22dd5-0000-7000-8000-000000000001", "op": "insert",
            "fields": fields, "base_version": 0, "hlc": "001763900000000-00000-node"}


@settings(max_examples=400)
@given(st.sampled_from(COLUMNS), JSON | ISO_LIKE)
def test_what_the_server_accepts_every_laptop_can_store(column: tuple[str, str], value: Any) -> None:
    table, name = column
    change = _insert(table, name, value)
    if refusal(change, None) is not None:
        return
    data = {k: pair[1] for k, pair in with_defaults(change).items()}
    json.dumps(data, allow_nan=False, ensure_ascii=False).encode("utf-8")  # PostgreSQL's JSON takes it
    model = MODEL_BY_TABLE[table]
    assert row_problem(model, data) is None
    record = {"id": change["row_id"], "entity": table, "data": data, "version": 1, "deleted": False,
              "seq": 1, "created_at": "2026-11-30T10:00:00"}
    stored_row(model, record, [], utcnow().isoformat())  # converts without an error


@st.composite
def _pulled(draw: st.DrawFn) -> tuple[type, dict[str, Any]]:
    """A model and a record's data: its columns (often all an insert needs),
    unknown ones, values of any JSON or ISO-like shape, or of the column's own type."""
    table = draw(st.sampled_from(sorted(MODEL_BY_TABLE)))
    rules = entity_rules()[table]
    names = [n for n in rules if n not in ("id", "version", "updated_at")]
    chosen = draw(st.lists(st.sampled_from(names + ["version", "nope"]), max_size=6, unique=True))
    data = {r.name: _valid(r) for r in rules.values() if r.required} if draw(st.booleans()) else {}
    for name in chosen:
        data[name] = draw(JSON | ISO_LIKE | EDGES | st.just(_valid(rules[name])) if name in rules else JSON)
    return MODEL_BY_TABLE[table], data


@settings(max_examples=600)
@given(_pulled())
def test_a_pulled_row_is_set_aside_for_the_reason_the_check_gives(pulled: tuple[type, dict[str, Any]]) -> None:
    """The laptop's one-pass check (app.sync.pulledrows) agrees with
    db.rowcheck.row_problem, the check the server applies: the same rows
    stored, the same Danish reason for those set aside."""
    model, data = pulled
    record = {"id": "01a22dd5-0000-7000-8000-000000000001", "entity": model.__tablename__, "data": data,
              "version": 1, "deleted": False, "seq": 1, "created_at": "2026-11-30T10:00:00"}
    reason = row_problem(model, data)
    try:
        stored_row(model, record, [], utcnow().isoformat())
    except Unstorable as exc:
        assert str(exc) == reason
    else:
        assert reason is None


@given(st.sampled_from(sorted(MODEL_BY_TABLE) + ["conflict", "nope"]), st.sampled_from(["insert", "update", "delete"]),
       st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True), st.tuples(JSON, JSON), max_size=4),
       st.booleans())
def test_any_change_gets_an_answer(entity: str, op: str, fields: dict, exists: bool) -> None:
    change = {"change_id": "c", "entity": entity, "row_id": "r1", "op": op, "fields": fields, "base_version": 1,
              "hlc": "001763900000000-00000-node"}
    row = {"id": "r1", "entity": entity, "team": "t", "data": {}, "deleted": False} if exists else None
    answer = refusal(change, row)
    assert answer is None or (isinstance(answer, str) and answer)


def test_every_synced_table_has_a_danish_label() -> None:
    from app.sync.conflicts import ENTITY_LABELS

    assert set(MODEL_BY_TABLE) <= set(ENTITY_LABELS)  # shown in conflicts and under "Sat til side"


STAMPS = st.builds(lambda d, sep, spec: d.isoformat(sep, spec), st.datetimes(), st.sampled_from("T x"),
                   st.sampled_from(["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"]))


@settings(max_examples=1000)
@given(STAMPS | st.dates().map(date.isoformat) | ISO_LIKE | EDGES | st.text(max_size=30))
def test_a_pulled_time_is_stored_as_sqlalchemy_writes_it(value: Any) -> None:
    """app.sync.rowvalues' text shortcuts equal SQLAlchemy's own processors."""
    from sqlalchemy import Date, DateTime
    from sqlalchemy.dialects.sqlite import dialect

    from app.sync.rowvalues import date_text, datetime_text

    pairs: list[tuple[Any, Any, Any]] = [(DateTime(), datetime.fromisoformat, datetime_text),
                                         (Date(), date.fromisoformat, date_text)]
    for kind, parse, ours in pairs:
        try:
            expected = kind.dialect_impl(dialect()).bind_processor(dialect())(parse(value))
        except (ValueError, TypeError):
            continue
        assert ours(value) == expected
