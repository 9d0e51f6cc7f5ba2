"""server.pushbody reads a push body exactly as PUSH_BODY (pydantic) does:
the same values, of the same types, or the same 422 errors. Bodies as a
laptop sends them, each rule's edge on both sides, and hypothesis's
variations of a body at every place in it (values of other types, lengths,
patterns, numbers orjson and pydantic read differently, nested values,
unknown keys, duplicate keys)."""
from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from server.protocol import PUSH_BODY
from server.pushbody import _plain_body, read_push_body

STAMP = "001796095839310-00001-9f7dc2153515"
ID = "01a22fa7-b1a3-7632-9231-8a4154153b97"


def _change(**over: Any) -> dict[str, Any]:
    change = {"change_id": ID[:-1] + "1", "entity": "citizen", "row_id": ID, "op": "insert",
              "base_version": 0, "hlc": STAMP,
              "fields": {"name": [None, "Sten"], "postal_code": [None, "6474"], "ended_on": [None, None],
                         "hours": [None, 7.5], "count": [None, 3], "active": [None, True]}}
    return change | over


def _body(*changes: dict[str, Any], **over: Any) -> dict[str, Any]:
    body = {"key": "9f7dc2153515-74bf1ad3", "epoch": None, "client_ms": 1764550000000,
            "after": "9f7dc2153515-28e9d25f", "changes": list(changes) or [_change()]}
    return body | over


def _typed(value: Any) -> Any:
    """Each scalar as its type and repr (1, 1.0 and True differ); a pair's tuple as a list."""
    if isinstance(value, (list, tuple)):
        return [_typed(v) for v in value]
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    return type(value).__name__, repr(value)  # repr: nan equals nan, -0.0 differs from 0.0


def _outcome(read: Any, raw: bytes) -> tuple[str, Any]:
    try:
        return "ok", _typed(read(raw))
    except ValidationError as exc:
        return "422", exc.errors(include_url=False, include_context=False)


def _same(raw: bytes) -> None:
    assert _outcome(read_push_body, raw) == _outcome(PUSH_BODY.validate_json, raw), raw[:300]


def _raw(body: Any) -> bytes:
    return json.dumps(body, allow_nan=True).encode()


def test_a_laptops_body_is_read_by_the_quick_check_as_pydantic_reads_it() -> None:
    body = _body(_change(), _change(entity="visit", op="update", base_version=2**31 - 1,
                                    fields={"citizen_id": [ID, ID[:-1] + "9"], "at": ["a", "b"]}))
    assert _plain_body(json.loads(_raw(body)))
    _same(_raw(body))
    _same(_raw(_body(changes=[])))
    _same(_raw({"key": "k", "changes": [_change(fields={})]}))


EDGES: list[Any] = [
    _body(key=""), _body(key="x" * 100), _body(key="x" * 101), _body(key="a b"), _body(key="ab\n"), _body(key=5),
    _body(epoch="e" * 36), _body(epoch="e" * 37), _body(epoch=""), _body(epoch="a_b"), _body(after=None),
    _body(after="ok:1.2_3-x"), _body(after="é"), _body(client_ms=None), _body(client_ms=-1), _body(client_ms=10**15),
    _body(client_ms=10**15 - 1), _body(client_ms=1.0), _body(client_ms="1"), _body(client_ms=True),
    _body(extra=1), {"changes": []}, {"key": "k"}, [], "x", None,
    _body(changes=[_change()] * 5000), _body(changes=[_change()] * 5001), _body(changes={}), _body(changes=None),
    _body(changes=[1]), _body(changes=[[]]),
    _body(_change(change_id="")), _body(_change(change_id="a" * 36)), _body(_change(change_id="a" * 37)),
    _body(_change(row_id="a\nb")), _body(_change(row_id="ab\n")), _body(_change(row_id="٣")),
    _body(_change(row_id=1)), _body(_change(row_id=None)), _body(_change(entity="Citizen")),
    _body(_change(entity="a" * 50)), _body(_change(entity="a" * 51)), _body(_change(entity="1a")),
    _body(_change(entity="unknown_table")), _body(_change(op="INSERT")), _body(_change(op=["insert"])),
    _body(_change(base_version=-1)), _body(_change(base_version=2**31)), _body(_change(base_version=1.0)),
    _body(_change(base_version="1")), _body(_change(base_version=True)), _body(_change(base_version=None)),
    _body(_change(hlc="001796095839310-00001-")), _body(_change(hlc="001796095839310-00001-" + "a" * 36)),
    _body(_change(hlc="001796095839310-00001-" + "a" * 37)), _body(_change(hlc="00179609583931-00001-a")),
    _body(_change(hlc="٠01796095839310-00001-a")), _body(_change(hlc="001796095839310-00001-a\n")),
    _body(_change(hlc="001796095839310-00001-a-b")), _body(_change(hlc=None)),
    _body(_change(fields=None)), _body(_change(fields=[])), _body(_change(fields={"Name": [None, 1]})),
    _body(_change(fields={"": [None, 1]})), _body(_change(fields={"n" * 51: [None, 1]})),
    _body(_change(fields={"name": [None]})), _body(_change(fields={"name": [None, 1, 2]})),
    _body(_change(fields={"name": "ab"})), _body(_change(fields={"name": {"a": 1, "b": 2}})),
    _body(_change(fields={"name": None})), _body(_change(fields={"name": [None, [1, 2]]})),
    _body(_change(fields={"name": [{"a": 1}, None]})), _body(_change(fields={"name": [None, 2**64]})),
    _body(_change(fields={"name": [None, 2**64 - 1]})), _body(_change(fields={"name": [None, -(2**63) - 1]})),
    _body(_change(fields={"name": [None, 10**30]})), _body(_change(fields={"name": [None, 1e19]})),
    _body(_change(fields={"name": [None, -1e300]})), _body(_change(fields={"name": [None, 2.5]})),
    _body(_change(fields={"name": [None, float("nan")]})), _body(_change(fields={"name": [None, float("inf")]})),
    _body(_change(fields={"name": [None, "\x00"]})), _body(_change(fields={"name": [None, "\ud800"]})),
    {k: v for k, v in _body().items() if k != "epoch"} | {"changes": [{k: v for k, v in _change().items()
                                                                       if k != "hlc"}]},
    _body(_change() | {"extra": 1}), _body(_change(), _change(op="delete"), [1, 2]),
]


@pytest.mark.parametrize("body", EDGES, ids=range(len(EDGES)))
def test_each_rules_edge_is_read_the_same(body: Any) -> None:
    _same(_raw(body))


RAW_EDGES = [
    b"", b" ", b"{", b"\xef\xbb\xbf" + _raw(_body()), _raw(_body()) + b" x", _raw(_body()) + b"\n",
    _raw(_body()).replace(b'"epoch": null', b'"epoch": null, "key": "other"'),
    _raw(_body()).replace(b'"op": "insert"', b'"op": "insert", "op": "delete"'),
    _raw(_body()).replace(b'"name": [null, "Sten"]', b'"name": [null, "Sten"], "name": [null, 1]'),
    _raw(_body()).replace(b'7.5', b'NaN'), _raw(_body()).replace(b'7.5', b'1e400'),
    _raw(_body()).replace(b'7.5', b'123456789012345678901234567890'),
    _raw(_body()).replace(b'7.5', b'-9223372036854775809'), _raw(_body()).replace(b'7.5', b'1E2'),
    _raw(_body()).replace(b'7.5', b'-0'), _raw(_body()).replace(b'7.5', b'0.30000000000000004441'),
    _raw(_body()).replace(b'"Sten"', b'"\\ud800"'), _raw(_body()).replace(b'"Sten"', b'"\\ud83d\\ude00 \\u0000"'),
    _raw(_body()).replace(b'"Sten"', b'"\xff"'), _raw(_body()).replace(b'"Sten"', "\"Æ ø\"".encode()),
    _raw(_body()).replace(b'"Sten"', b'"a\x01"'),
    _raw(_body()).replace(b'7.5', b'[' * 300 + b']' * 300), _raw(_body()).replace(b'7.5', b'[' * 2000 + b']' * 2000),
]


@pytest.mark.parametrize("raw", RAW_EDGES, ids=range(len(RAW_EDGES)))
def test_each_odd_text_is_read_the_same(raw: bytes) -> None:
    _same(raw)


_scalars = (st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.sampled_from([2**63, 2**64, -(2**63)])
            | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40)
            | st.sampled_from(["", "a" * 36, "a" * 37, "a" * 100, "a" * 101, "a\n", "a-b", "a_b", "Æ", "٣", "\x00",
                               STAMP, STAMP + "\n", "insert", "update", "delete", ID]))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=6)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*path, index))
    return found


def _at(value: Any, path: tuple) -> Any:
    for step in path:
        value = value[step]
    return value


def _replaced(value: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return value | {head: _replaced(value[head], rest, new)}
    return [_replaced(v, rest, new) if i == head else v for i, v in enumerate(value)]


@given(st.data())
@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_a_body_changed_anywhere_is_read_the_same(data: st.DataObject) -> None:
    body: Any = _body(_change(), _change(entity="visit", op="update", base_version=4))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(body)))
        kind = data.draw(st.sampled_from(["value", "drop", "add"]))
        parent = _at(body, path[:-1]) if path else None
        if kind == "drop" and isinstance(parent, dict):
            body = _replaced(body, path[:-1], {k: v for k, v in parent.items() if k != path[-1]})
        elif kind == "add" and isinstance(parent, dict):
            body = _replaced(body, path[:-1], parent | {data.draw(st.text(max_size=8)): data.draw(_values)})
        else:
            body = _replaced(body, path, data.draw(_values))
    _same(_raw(body))
