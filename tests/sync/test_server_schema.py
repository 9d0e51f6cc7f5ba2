"""The server's Alembic migrations build exactly its models (on PostgreSQL)."""
from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from server.models import Base
from tests.sync.support import create_database, drop_database, forget_engine, require_pg, server_engine

pytestmark = pytest.mark.postgres


def test_server_migrations_match_the_models() -> None:
    require_pg()
    name, url = create_database()
    try:
        engine = server_engine(url)
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == []
    finally:
        forget_engine(url)
        drop_database(name)
