"""Keys and tokens in the OS keyring, never in a file.

When no keyring works, callers get `KeyringUnavailable` with a Danish message
and may fall back to the passphrase mode (`derive_key_from_passphrase`); this
module never writes a key to disk.
"""
from __future__ import annotations

import hashlib
import secrets as _random

import keyring
from keyring.errors import KeyringError, NoKeyringError

from app import paths

SERVICE = "jobcoach"
DB_KEY_NAME = "database-key"
DEVICE_TOKEN_NAME = "device-token"
PIN_NAME = "unlock-pin"
# Entries of one store, named "<name>@<store id>" (app.paths.store_id).
PER_STORE = frozenset({DB_KEY_NAME, DEVICE_TOKEN_NAME, PIN_NAME})
_PLAINTEXT_BACKENDS = ("keyrings.alt.file.PlaintextKeyring", "keyring.backends.fail.Keyring")


class KeyringUnavailable(RuntimeError):
    """No usable keyring on this machine."""

    def __init__(self) -> None:
        super().__init__(
            "Der er ingen nøglering (keyring) på denne computer, så databasens nøgle "
            "kan ikke gemmes sikkert. Brug en adgangsfrase i stedet."
        )


def _backend_ok() -> None:
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    # Never accept a backend that keeps secrets in a plaintext file, nor the
    # "fail" backend keyring picks when nothing works.
    if name in _PLAINTEXT_BACKENDS or name.startswith("keyrings.alt.file"):
        raise KeyringUnavailable()
    if name == "keyring.backends.chainer.ChainerBackend" and not getattr(backend, "backends", None):
        raise KeyringUnavailable()


def entry_name(name: str) -> str:
    return f"{name}@{paths.store_id()}" if name in PER_STORE else name


def _get(entry: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, entry)
    except (NoKeyringError, KeyringError) as exc:
        raise KeyringUnavailable() from exc


def get_secret(name: str) -> str | None:
    _backend_ok()
    value = _get(entry_name(name))
    if value is None and name in PER_STORE:
        value = _adopt_legacy(name)
    return value


def _adopt_legacy(name: str) -> str | None:
    """First open after the update: the one entry all stores of the account
    shared becomes this store's own. The key and PIN only for a store that
    exists (a new store gets a key of its own); the device token only for
    the default data folder, and it is then removed, so no second store can
    take it (a store in another folder logs in again)."""
    legacy = _get(name)
    if legacy is None:
        return None
    if name == DEVICE_TOKEN_NAME:
        if paths.overridden():
            return None
        set_secret(name, legacy)
        delete_secret(name, legacy_entry=True)
        return legacy
    if not paths.store_path().exists():
        return None
    set_secret(name, legacy)
    return legacy


def set_secret(name: str, value: str) -> None:
    _backend_ok()
    try:
        keyring.set_password(SERVICE, entry_name(name), value)
    except (NoKeyringError, KeyringError) as exc:
        raise KeyringUnavailable() from exc


def delete_secret(name: str, legacy_entry: bool = False) -> None:
    try:
        keyring.delete_password(SERVICE, name if legacy_entry else entry_name(name))
    except (NoKeyringError, KeyringError):
        pass


def new_key() -> str:
    """A random 256-bit key as 64 hex digits."""
    return _random.token_hex(32)


def get_or_create_db_key() -> tuple[str, bool]:
    """The store's key from the keyring; (key, created)."""
    key = get_secret(DB_KEY_NAME)
    if key:
        return key, False
    key = new_key()
    set_secret(DB_KEY_NAME, key)
    return key, True


def derive_key_from_passphrase(passphrase: str, salt: bytes) -> str:
    """scrypt with parameters fit for an interactive unlock (~0.1 s)."""
    if not passphrase:
        raise ValueError("Adgangsfrasen må ikke være tom.")
    derived = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return derived.hex()
