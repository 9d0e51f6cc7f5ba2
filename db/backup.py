"""Encrypted copies of the store through SQLite's online backup API.

The copy is keyed with the same key, so a backup on a USB stick reveals as
little as the store itself.
"""
from __future__ import annotations

from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher

from db.engine import _connect_factory, check_key


def copy_store(source: Path, dest: Path, key: str) -> Path:
    """Copy `source` to `dest` (encrypted with `key`), consistent even while in use."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    src = _connect_factory(source, key)()
    dst = _connect_factory(tmp, key)()
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    tmp.replace(dest)
    return dest


def verify_copy(path: Path, key: str) -> bool:
    """True when `path` opens with `key` and passes integrity_check."""
    try:
        check_key(path, key)
        conn = _connect_factory(path, key)()
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except (sqlcipher.DatabaseError, RuntimeError):
        return False
