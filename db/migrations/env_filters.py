"""What Alembic's autogenerate compares (shared by env.py and the tests)."""
from __future__ import annotations

from db.search_schema import is_search_object


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    # The FTS5 index and its helper tables are made by hand in the migration.
    return not is_search_object(name)
