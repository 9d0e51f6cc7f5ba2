"""Rules for the store's passphrase (used where no keyring works): long
enough to resist guessing once a laptop is stolen, and a strength estimate
to show while it is typed. Pure Python, no Qt."""
from __future__ import annotations

import math
import re
from enum import Enum

from app import paths
from app.rules.errors import ValidationError

MIN_CHARS = 12
MIN_WORDS = 4
STRENGTH = ("meget svag", "svag", "rimelig", "god", "stærk")


class StoreKeyState(Enum):
    NEW = "new"                  # no store yet: choose a passphrase (typed twice)
    PASSPHRASE = "passphrase"    # a store made with a passphrase: ask for it
    KEYRING_GONE = "keyring_gone"  # a store whose key was in a keyring that is gone


def words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s\-_.,;]+", text.strip()) if w]


def check_new(passphrase: str, repeated: str) -> None:
    """Raise ValidationError (Danish, per field) unless the new passphrase is acceptable."""
    if len(passphrase) < MIN_CHARS and len(words(passphrase)) < MIN_WORDS:
        raise ValidationError.single(
            "passphrase", f"Adgangsfrasen skal have mindst {MIN_CHARS} tegn eller {MIN_WORDS} ord.")
    if strength(passphrase) < 2:
        raise ValidationError.single("passphrase", "Adgangsfrasen er for let at gætte. Brug flere forskellige ord.")
    if passphrase != repeated:
        raise ValidationError.single("repeated", "De to adgangsfraser er ikke ens. Skriv den samme to gange.")


def strength(passphrase: str) -> int:
    """0 (meget svag) .. 4 (stærk), from a rough entropy estimate: the
    characters used and their variety; repeated characters count little."""
    if not passphrase:
        return 0
    pool = 0
    for pattern, size in ((r"[a-zæøå]", 29), (r"[A-ZÆØÅ]", 29), (r"[0-9]", 10), (r"[^a-zA-Z0-9æøåÆØÅ]", 20)):
        if re.search(pattern, passphrase):
            pool += size
    distinct = len(set(passphrase.lower()))
    bits = min(len(passphrase), distinct * 2) * math.log2(max(pool, 2))
    for limit, score in ((100, 4), (75, 3), (55, 2), (35, 1)):
        if bits >= limit:
            return score
    return 0


def strength_text(passphrase: str) -> str:
    return f"Styrke: {STRENGTH[strength(passphrase)]}"


def key_state() -> StoreKeyState:
    """Which question to ask when no keyring works."""
    if not paths.store_path().exists():
        return StoreKeyState.NEW
    if paths.passphrase_salt_file().exists():
        return StoreKeyState.PASSPHRASE
    return StoreKeyState.KEYRING_GONE


KEYRING_GONE = ("Databasens nøgle blev gemt i computerens nøglering (keyring), og den nøglering kan "
                "ikke bruges længere. Derfor kan databasen ikke åbnes med en adgangsfrase.\n\n"
                "Få nøgleringen til at virke igen (fx log ind som den samme bruger på samme computer), "
                "eller bed IT om at gendanne den – dine data er ikke ændret.")
