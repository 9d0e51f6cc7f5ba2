"""`column IN (many ids)` as one parameter.

On PostgreSQL the ids travel as one text split into an array (`= ANY`):
thousands of placeholders cost more to render, split and parse than the
query costs to run (a first full sync asks about 130,000 ids), and a Python
list bound as an array costs more to dump. Ids as the protocol admits them
([0-9A-Za-z-]) hold no comma; anything else is left out of the question,
as no stored id can equal it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sqlalchemy import any_, func
from sqlalchemy.orm import Session

PLAIN_ID = re.compile(r"[0-9A-Za-z-]{1,36}")
CHUNK = 5000


def among(session: Session, column, values: list[str]):
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(func.string_to_array(",".join(values), ","))
    return column.in_(values)


_ALL_PLAIN = re.compile(r"[0-9A-Za-z-]+(,[0-9A-Za-z-]+)*")


def plain_ids(values: Iterable[str]) -> list[str]:
    """The values that can be stored ids, sorted (a stable order of questions)."""
    listed = sorted(v for v in values if isinstance(v, str))
    joined = ",".join(listed)
    # The usual case in one look: every value plain (no comma in any, as
    # many commas as separators) and none longer than an id.
    if joined.count(",") == len(listed) - 1 and _ALL_PLAIN.fullmatch(joined) and max(map(len, listed)) <= 36:
        return listed
    return [v for v in listed if PLAIN_ID.fullmatch(v)]


def chunks(items: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]
