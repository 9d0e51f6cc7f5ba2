"""What unlocks the program after an idle lock.

The OS login password cannot be checked portably, so:
- keyring mode: a PIN (or passphrase) the user chooses; only a scrypt hash
  with a random salt is kept, in the OS keyring, never in a file;
- passphrase mode: the store's own passphrase, checked by deriving the key
  again and comparing it with the open store's key.
After repeated wrong tries the caller must wait longer and longer.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets as _random
import time

from app import secrets
from app.rules.errors import ValidationError

PIN_NAME = "unlock-pin"
MIN_LENGTH = 4
FREE_TRIES = 5


def _hash(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=2**14, r=8, p=1, dklen=32)


def set_pin(pin: str) -> None:
    if not isinstance(pin, str) or len(pin.strip()) < MIN_LENGTH:
        raise ValidationError.single("pin", f"Pinkoden skal have mindst {MIN_LENGTH} tegn.")
    salt = _random.token_bytes(16)
    secrets.set_secret(PIN_NAME, f"scrypt${salt.hex()}${_hash(pin, salt).hex()}")


def has_pin() -> bool:
    return bool(secrets.get_secret(PIN_NAME))


def verify_pin(pin: str) -> bool:
    stored = secrets.get_secret(PIN_NAME) or ""
    try:
        scheme, salt_hex, hash_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt" or not isinstance(pin, str):
        return False
    return hmac.compare_digest(_hash(pin, bytes.fromhex(salt_hex)), bytes.fromhex(hash_hex))


def verify_passphrase(passphrase: str, open_key: str) -> bool:
    from app.store import store_key

    try:
        return hmac.compare_digest(store_key(passphrase).encode(), open_key.encode())
    except ValueError:
        return False


class Attempts:
    """Wrong tries: free at first, then a doubling wait (capped at 5 minutes)."""

    def __init__(self, clock=time.monotonic) -> None:
        self.failures = 0
        self._clock = clock
        self._blocked_until = 0.0

    def wait_seconds(self) -> float:
        return max(0.0, self._blocked_until - self._clock())

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= FREE_TRIES:
            self._blocked_until = self._clock() + min(300.0, 2.0 ** (self.failures - FREE_TRIES + 2))

    def succeeded(self) -> None:
        self.failures = 0
        self._blocked_until = 0.0
