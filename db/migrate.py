"""Bring a store to the current schema, or refuse one made by a newer program.

A store with an older schema is copied aside (encrypted) before upgrading.
"""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from db.backup import copy_store
from db.engine import StoreError


class NewerSchemaError(StoreError):
    def __init__(self) -> None:
        super().__init__(
            "Databasen er lavet af en nyere version af Jobcoach. Opdatér programmet "
            "for at åbne den; filen er ikke ændret."
        )


def alembic_config(migrations_dir: Path):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    return config


def head_revision(migrations_dir: Path) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config(migrations_dir)).get_current_head()
    if head is None:  # only when the migrations folder has no revision at all
        raise RuntimeError(f"no migrations in {migrations_dir}")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, migrations_dir: Path, key: str, path: Path,
            backup_dir: Path) -> str | None:
    """Upgrade to head; return the backup file made first, if any."""
    current = current_revision(engine)
    if current is not None and current == quick_head(migrations_dir):
        return None  # the common case: up to date, no Alembic import needed
    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config(migrations_dir)
    script = ScriptDirectory.from_config(config)
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



_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w]+)?['\"]?", re.MULTILINE)


def quick_head(migrations_dir: Path) -> str | None:
    """The head of a linear history read from the revision files' headers,
    without importing Alembic (about 0.4 s of start-up). None when unsure:
    then Alembic itself decides."""
    revisions, parents = set(), set()
    for path in (migrations_dir / "versions").glob("*.py"):
        found = dict((k, v) for k, v in _REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            return None
        revisions.add(found["revision"])
        if found.get("down_revision") and found["down_revision"] != "None":
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
