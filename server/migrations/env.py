"""Alembic environment of the server: runs on the connection handed over."""
from __future__ import annotations

from alembic import context

from server.models import Base

config = context.config


def run() -> None:
    connection = config.attributes["connection"]
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run()
