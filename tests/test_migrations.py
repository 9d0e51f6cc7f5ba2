"""Migrations from empty give exactly the models, and the upgrade path makes
a backup copy before it changes an older store."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app import paths, secrets
from db.base import Base
from db.engine import Store
from db.migrate import head_revision, upgrade
from db.migrations.env_filters import include_object


def _fresh_store() -> tuple[Store, str]:
    key = secrets.new_key()
    return Store(paths.data_dir() / "m.db", key, "t"), key


def test_migrations_from_empty_match_the_models() -> None:
    store, key = _fresh_store()
    upgrade(store.engine, paths.migrations_dir(), key, store.path, paths.migration_backup_dir())
    with store.engine.connect() as conn:
        mc = MigrationContext.configure(conn, opts={"include_object": include_object,
                                                   "compare_type": True})
        diff = compare_metadata(mc, Base.metadata)
    store.close()
    assert diff == []


def test_upgrade_of_older_store_copies_it_first(monkeypatch) -> None:
    store, key = _fresh_store()
    migrations = paths.migrations_dir()
    upgrade(store.engine, migrations, key, store.path, paths.migration_backup_dir())
    # Make the store look one revision older than head by stamping base after
    # creating a throwaway table, then upgrade with a fake extra revision.
    import shutil
    tmp_migrations = paths.data_dir() / "migrations"
    shutil.copytree(migrations, tmp_migrations)
    (tmp_migrations / "versions" / "0999_test.py").write_text(
        f"revision = '0999'\ndown_revision = '{head_revision(migrations)}'\nbranch_labels = None\ndepends_on = None\n"
        "from alembic import op\nimport sqlalchemy as sa\n"
        "def upgrade():\n    op.create_table('extra_test', sa.Column('id', sa.Integer, primary_key=True))\n"
        "def downgrade():\n    op.drop_table('extra_test')\n"
    )
    backup = upgrade(store.engine, tmp_migrations, key, store.path, paths.migration_backup_dir())
    store.close()
    assert backup is not None
    from db.backup import verify_copy

    assert verify_copy(__import__("pathlib").Path(backup), key)


def test_quick_head_agrees_with_alembic() -> None:
    from db.migrate import head_revision, quick_head

    assert quick_head(paths.migrations_dir()) == head_revision(paths.migrations_dir())
