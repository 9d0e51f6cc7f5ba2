"""The quick per-column checks (db.quickcheck) never let through a value
that db.rowcheck.problem refuses, and they do pass the usual good values."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from db.models import MODEL_BY_TABLE, Conflict
from db.quickcheck import as_old, quick_check
from db.rowcheck import problem, rules

RULES = [rule for model in [*MODEL_BY_TABLE.values(), Conflict] for rule in rules(model).values()]
TRICKY = [None, "", "a", "x" * 5000, "a\x00b", "\ud800", "æøå", "abc-123", "a,b", "2024-02-30", "2024-02-29",
          "2024-01-01T10:00:00", "2024-01-01T25:00", "10:30", "10:61", "2024-W01-1", "20240101", 0, 1, -1,
          2**63, -(2**63), True, False, 1.5, float("nan"), float("inf"), [], {}, b"x"]
VALUES = st.one_of(st.sampled_from(TRICKY), st.text(max_size=60), st.integers(), st.floats(), st.booleans(),
                   st.dates().map(str), st.datetimes().map(lambda d: d.isoformat()), st.times().map(str))


def _agrees(rule, value) -> None:
    for checked in (rule, as_old(rule)):
        if quick_check(checked)(value):
            assert problem(checked, value) is None, (checked, value)


def test_no_tricky_value_passes_the_quick_check_wrongly() -> None:
    for rule in RULES:
        for value in TRICKY:
            _agrees(rule, value)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(RULES), VALUES)
def test_quick_check_implies_the_full_check(rule, value) -> None:
    _agrees(rule, value)


def test_usual_good_values_pass_quickly() -> None:
    good = {"str": "ab-1", "int": 7, "float": 2.5, "bool": True, "date": "2024-02-29",
            "datetime": "2024-01-01T10:00:00", "time": "10:30"}
    for rule in RULES:
        assert quick_check(rule)(good[rule.kind]), rule
        assert quick_check(rule)(None) == rule.nullable
