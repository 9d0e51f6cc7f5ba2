"""Alembic environment: runs on the connection the program hands over."""
from __future__ import annotations

from alembic import context

import db.models  # noqa: F401  (registers every table)
from db.base import Base
from db.migrations.env_filters import include_object

config = context.config


def run() -> None:
    connection = config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
