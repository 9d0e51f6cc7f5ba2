"""Read an SQLCipher 4 file's pages ourselves (AES-256-CBC, raw key), so a
test can search every page — free pages and stale FTS segments included —
for text that should be gone. Default SQLCipher 4 layout: 4096-byte pages,
per page 16 bytes IV + 64 bytes HMAC at the end; page 1 starts with the salt.
"""
from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE = 4096
RESERVE = 80
SALT = 16
WAL_HEADER, FRAME_HEADER = 32, 24


def decrypt_page(page: bytes, key: bytes, first: bool) -> bytes:
    start = SALT if first else 0
    body, iv = page[start:PAGE - RESERVE], page[PAGE - RESERVE:PAGE - RESERVE + 16]
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return dec.update(body) + dec.finalize()


def plaintext_pages(path: Path, hex_key: str) -> bytes:
    """All pages of the database file and of its WAL (if any), decrypted."""
    key = bytes.fromhex(hex_key)
    out = bytearray()
    raw = path.read_bytes()
    for n in range(len(raw) // PAGE):
        out += decrypt_page(raw[n * PAGE:(n + 1) * PAGE], key, n == 0)
    wal = path.with_name(path.name + "-wal")
    if wal.exists():
        data = wal.read_bytes()
        pos = WAL_HEADER
        while pos + FRAME_HEADER + PAGE <= len(data):
            pgno = int.from_bytes(data[pos:pos + 4], "big")
            out += decrypt_page(data[pos + FRAME_HEADER:pos + FRAME_HEADER + PAGE], key, pgno == 1)
            pos += FRAME_HEADER + PAGE
    return bytes(out)
