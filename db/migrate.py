"""Bring a store to the current schema, or refuse one made by a newer program.

A store with an older schema is copied aside (encrypted) before upgrading.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from alembic import command
from db.backup import copy_store
from db.engine import StoreError


class NewerSchemaError(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "Databasen er lavet af en nyere version af Jobcoach. Opdatér programmet "
            "for at åbne den; filen er ikke ændret."
        )


def alembic_config(migrations_dir: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    return config


def head_revision(migrations_dir: Path) -> str:
    return ScriptDirectory.from_config(alembic_config(migrations_dir)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, migrations_dir: Path, key: str, path: Path,
            backup_dir: Path) -> str | None:
    """Upgrade to head; return the backup file made first, if any."""
    config = alembic_config(migrations_dir)
    script = ScriptDirectory.from_config(config)
    current = current_revision(engine)
    head = script.get_current_head()
    if current == head:
        return None
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise NewerSchemaError()
    backup = None
    if current is not None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = copy_store(path, backup_dir / f"{path.stem}-{current}-{stamp}.db", key)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    return str(backup) if backup else None
