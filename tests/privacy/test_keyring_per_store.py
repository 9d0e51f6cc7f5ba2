"""Keyring entries per store: two data folders on one OS account never share
the store's key, the device token or the PIN, and the entries of a store made
before this rule become its own on the first open (the device token only in
the default folder, and only once)."""
from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from app import paths, secrets
from app.context import open_context


def _use(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(folder))


def test_two_data_folders_have_their_own_key_and_token(tmp_path: Path, monkeypatch) -> None:
    seen = {}
    for name in ("en", "to"):
        _use(monkeypatch, tmp_path / name)
        open_context().close()
        secrets.set_secret(secrets.DEVICE_TOKEN_NAME, f"token-{name}")
        seen[name] = (paths.store_id(), secrets.get_secret(secrets.DB_KEY_NAME))
    assert seen["en"][0] != seen["to"][0] and seen["en"][1] != seen["to"][1]
    for name in ("en", "to"):
        _use(monkeypatch, tmp_path / name)
        assert secrets.get_secret(secrets.DEVICE_TOKEN_NAME) == f"token-{name}"
        assert secrets.get_secret(secrets.DB_KEY_NAME) == seen[name][1]
        open_context().close()  # each opens with its own key
    for entry in ("database-key", "device-token"):
        assert keyring.get_password(secrets.SERVICE, entry) is None  # no shared entry


def test_a_store_made_before_keeps_its_key(tmp_path: Path, monkeypatch) -> None:
    _use(monkeypatch, tmp_path / "gammel")
    open_context().close()
    key = secrets.get_secret(secrets.DB_KEY_NAME)
    # As the previous version left it: one shared entry, no store id.
    secrets.delete_secret(secrets.DB_KEY_NAME)
    keyring.set_password(secrets.SERVICE, "database-key", key)
    keyring.set_password(secrets.SERVICE, "device-token", "delt-token")
    (paths.data_dir() / "store.id").unlink()
    open_context().close()
    assert secrets.get_secret(secrets.DB_KEY_NAME) == key
    assert keyring.get_password(secrets.SERVICE, f"database-key@{paths.store_id()}") == key
    # The shared token is not taken by a store in a folder of its own: it logs in again.
    assert secrets.get_secret(secrets.DEVICE_TOKEN_NAME) is None
    # A new store elsewhere gets a key of its own, not the old shared one.
    _use(monkeypatch, tmp_path / "ny")
    open_context().close()
    assert secrets.get_secret(secrets.DB_KEY_NAME) != key


def test_the_default_folder_takes_the_old_token_once(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv(paths.DATA_DIR_ENV)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    assert str(tmp_path) in str(paths.data_dir())  # not the real user's folder
    keyring.set_password(secrets.SERVICE, "device-token", "min-token")
    assert secrets.get_secret(secrets.DEVICE_TOKEN_NAME) == "min-token"
    assert keyring.get_password(secrets.SERVICE, "device-token") is None
