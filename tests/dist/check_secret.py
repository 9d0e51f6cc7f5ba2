"""Run inside the keyring session after the bundle: is the store's key in the
Secret Service, and nowhere in the data folder? Prints findings, never the key."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from keyring.backends.SecretService import Keyring


def main(data_dir: str) -> int:
    store_id = (Path(data_dir) / "store.id").read_text(encoding="ascii").strip()  # entries are per store
    key = Keyring().get_password("jobcoach", f"database-key@{store_id}")
    if not key or not re.fullmatch(r"[0-9a-f]{64}", key):
        print("no-key")
        return 1
    print("key-in-secret-service")
    files = [p for p in Path(data_dir).rglob("*") if p.is_file()]
    leaked = [p.name for p in files if key.encode() in p.read_bytes()]
    print(f"key-in-files {leaked}" if leaked else "no-key-in-files")
    return 1 if leaked else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
