"""The encrypted local store: encryption at rest, wrong key, keyring absence,
passphrase mode, migrations with backup, refusal of a newer schema."""
from __future__ import annotations

import keyring
import pytest
from sqlalchemy import text

from app import paths, secrets
from app.context import open_context
from app.secrets import KeyringUnavailable
from app.services import citizens, visits
from db.engine import BUSY_TIMEOUT_MS, WrongKeyError, check_key
from db.migrate import NewerSchemaError


def test_store_file_is_encrypted_and_holds_no_readable_name(ctx) -> None:
    citizen = citizens.create_citizen(ctx, name="Søren Ærøskøbing Testesen", cpr="010190-1234")
    visits.create_visit(ctx, citizen.id, at=__import__("datetime").datetime(2026, 1, 5, 10, 0),
                        notes="Hemmelig note om ryglidelse og medicin")
    ctx.store.engine.dispose()  # checkpoint WAL into the file
    raw = paths.store_path().read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    for secret in ("Søren", "Ærøskøbing", "Testesen", "ryglidelse", "010190"):
        assert secret.encode("utf-8") not in raw
        assert secret.encode("utf-16-le") not in raw
    wal = paths.store_path().with_name("jobcoach.db-wal")
    if wal.exists():
        assert b"ryglidelse" not in wal.read_bytes()


def test_wrong_key_gives_clear_error(ctx) -> None:
    ctx.close()
    with pytest.raises(WrongKeyError) as err:
        check_key(paths.store_path(), secrets.new_key())
    assert "nøgle" in str(err.value)


def test_missing_key_for_existing_store_is_refused_not_overwritten(ctx) -> None:
    ctx.close()
    secrets.delete_secret(secrets.DB_KEY_NAME)
    before = paths.store_path().read_bytes()
    with pytest.raises(Exception) as err:
        open_context()
    assert "nøglen" in str(err.value)
    assert paths.store_path().read_bytes() == before


def test_no_keyring_gives_danish_message(monkeypatch) -> None:
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    with pytest.raises(KeyringUnavailable) as err:
        open_context()
    assert "nøglering" in str(err.value)
    assert not paths.store_path().exists()


def test_passphrase_mode_opens_and_rejects_wrong_phrase() -> None:
    context = open_context(passphrase="korrekt hest batteri hæfteklamme")
    citizens.create_citizen(context, name="Anne")
    context.close()
    again = open_context(passphrase="korrekt hest batteri hæfteklamme")
    assert [c.name for c in citizens.list_citizens(again).rows] == ["Anne"]
    again.close()
    with pytest.raises(WrongKeyError):
        open_context(passphrase="forkert")
    assert secrets.get_secret(secrets.DB_KEY_NAME) is None  # passphrase mode stores no key


def test_store_settings_wal_and_foreign_keys(ctx) -> None:
    with ctx.store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == BUSY_TIMEOUT_MS
    assert ctx.store.integrity_ok()


def test_newer_schema_is_refused_and_file_untouched(ctx) -> None:
    with ctx.store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    ctx.close()
    before = paths.store_path().read_bytes()
    with pytest.raises(NewerSchemaError) as err:
        open_context()
    assert "nyere version" in str(err.value)
    assert paths.store_path().read_bytes() == before


def test_backup_copy_is_encrypted_and_verifiable(ctx) -> None:
    from db.backup import copy_store, verify_copy

    citizens.create_citizen(ctx, name="Bent Kopi")
    key, _ = secrets.get_or_create_db_key()
    copy = copy_store(paths.store_path(), paths.backup_dir() / "manual.db", key)
    assert verify_copy(copy, key)
    raw = copy.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"Bent Kopi" not in raw
    assert not verify_copy(copy, secrets.new_key())


def test_none_is_bound_as_null_through_the_registered_adapter() -> None:
    """db.engine registers an adapter for None (the driver's look-up without
    one is slow): None is still SQL NULL, one by one, in executemany and by name."""
    import sqlcipher3.dbapi2 as sqlcipher

    import db.engine

    assert sqlcipher.adapters[(type(None), sqlcipher.PrepareProtocol)] is db.engine._null
    conn = sqlcipher.connect(":memory:")
    conn.execute("CREATE TABLE t (a, b)")
    conn.execute("INSERT INTO t VALUES (?, ?)", (None, "x"))
    conn.executemany("INSERT INTO t VALUES (?, ?)", [(None, 1), (None, None), (b"", 2.5)])
    conn.execute("INSERT INTO t VALUES (:a, :b)", {"a": None, "b": None})
    assert conn.execute("SELECT typeof(a), typeof(b) FROM t ORDER BY rowid").fetchall() == [
        ("null", "text"), ("null", "integer"), ("null", "null"), ("blob", "real"), ("null", "null")]
    assert conn.execute("SELECT count(*) FROM t WHERE a IS NULL").fetchone() == (4,)
    conn.close()
