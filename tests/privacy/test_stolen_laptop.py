"""A stolen laptop: the store, its WAL and the backups copied off the disk
reveal no name, note or CPR without the key; and no file holds the key."""
from __future__ import annotations

import shutil

from app import backups, paths, secrets
from app.services import citizens
from tests.privacy.rawpages import plaintext_pages
from tests.privacy.scenario import PERSONAL_WORDS, make_full_citizen


def _variants(word: str) -> list[bytes]:
    return [word.encode("utf-8"), word.lower().encode("utf-8"), word.encode("utf-16-le")]


def test_copied_files_reveal_nothing_without_the_key(ctx, tmp_path):
    make_full_citizen(ctx)
    key = secrets.get_secret(secrets.DB_KEY_NAME)
    backups.make_backup(key)
    citizens.create_citizen(ctx, name="Sidste Ændring")  # something in the WAL too
    stick = tmp_path / "usb"
    shutil.copytree(paths.data_dir(), stick)  # while the program has the store open
    files = [p for p in stick.rglob("*") if p.is_file()]
    assert any(p.name.endswith(".db") for p in files) and any("backups" in p.parts for p in files)
    for path in files:
        raw = path.read_bytes()
        for word in PERSONAL_WORDS + ("Sidste Ændring",):
            assert not any(v in raw for v in _variants(word)), (path.name, word)
        assert key.encode() not in raw and key.upper().encode() not in raw, path.name
    # With the key the same bytes do hold the data: the search above can find it.
    copied_backup = next(p for p in files if "backups" in p.parts and p.suffix == ".db")
    assert b"Qwertyborg" in plaintext_pages(copied_backup, key)
