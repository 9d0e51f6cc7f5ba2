"""`column IN (a list of ids)` with the list bound as one comma-joined text:
thousands of placeholders cost PostgreSQL more to parse than the query to
run, an IN list is compiled again by SQLAlchemy for every length, and a
Python list bound as an array costs more to dump. So a statement using
`among` is built once (module level) and run with `joined(ids)`.
Only ids as the protocol admits them ([0-9A-Za-z-], no commas, no quotes)
are asked about: no stored id can equal anything else (a parent id in a
change's fields may be anything until server.validate refuses it).
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Boolean, String, bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal


class _Among(ColumnElement[bool]):
    # Both parts are in the cache key: a compiled statement is reused only for the same column.
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement),
                           ("param", InternalTraversal.dp_clauseelement)]
    inherit_cache = True
    type = Boolean()

    def __init__(self, column: Any, name: str) -> None:
        self.column, self.param = column, bindparam(name, type_=String())


def among(column: Any, name: str) -> ColumnElement[bool]:
    """`column` is one of the ids bound to `name` (see `joined`)."""
    return _Among(column, name)


PLAIN_ID = re.compile(r"[0-9A-Za-z-]{1,36}")
_ALL_PLAIN = re.compile(r"[0-9A-Za-z-]+(,[0-9A-Za-z-]+)*")
CHUNK = 5000


def plain_ids(values: Iterable[Any]) -> list[str]:
    """The values that can be stored ids, sorted (a stable order of questions)."""
    listed = sorted(v for v in values if isinstance(v, str))
    text = ",".join(listed)
    # The usual case in one look: every value plain (no comma in any, as
    # many commas as separators) and none longer than an id.
    if not listed or (text.count(",") == len(listed) - 1 and _ALL_PLAIN.fullmatch(text)
                      and max(map(len, listed)) <= 36):
        return listed
    return [v for v in listed if PLAIN_ID.fullmatch(v)]


def chunks(items: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def joined(ids: Iterable[Any]) -> str:
    """The bound value for `among`: the plain ids, comma-joined."""
    return ",".join(plain_ids(ids))


@compiles(_Among, "postgresql")
def _pg(element: _Among, compiler: Any, **kw: Any) -> str:
    column, text = compiler.process(element.column, **kw), compiler.process(element.param, **kw)
    return f"{column} = ANY (string_to_array({text}, ','))"


@compiles(_Among)
def _other(element: _Among, compiler: Any, **kw: Any) -> str:
    # SQLite (a trial server): the text made a JSON array and read by json_each.
    text = compiler.process(element.param, **kw)
    return (f"{compiler.process(element.column, **kw)} IN (SELECT value FROM json_each("
            f"'[\"' || replace({text}, ',', '\",\"') || '\"]'))")
