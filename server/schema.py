"""Which entities the server accepts and which of their fields are free text
(merged line by line). Taken from the client's models, the one definition."""
from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Text, inspect

CONFLICT_ENTITY = "conflict"


@lru_cache(maxsize=1)
def text_fields() -> dict[str, frozenset[str]]:
    from db.models import MODEL_BY_TABLE

    result = {}
    for table, model in MODEL_BY_TABLE.items():
        cols = inspect(model).columns
        result[table] = frozenset(c.key for c in cols if isinstance(c.type, Text))
    result[CONFLICT_ENTITY] = frozenset()
    return result


def known_entity(name: str) -> bool:
    return name in text_fields()
