"""Free text: any Unicode is kept; only length and emptiness are checked."""
from __future__ import annotations

from app.rules.errors import ValidationError

NOTE_MAX = 200_000      # notes: 100,000 characters must fit, with room to spare
LINE_MAX = 300          # names, titles, addresses


def required_line(value: str | None, field: str, label: str, max_len: int = LINE_MAX) -> str:
    if value is not None and not isinstance(value, str):
        raise ValidationError.single(field, f"{label} skal være tekst.")
    text = (value or "").strip()
    if not text:
        raise ValidationError.single(field, f"{label} skal udfyldes.")
    return optional_line(text, field, label, max_len)


def optional_line(value: str | None, field: str, label: str, max_len: int = LINE_MAX) -> str:
    if value is not None and not isinstance(value, str):
        raise ValidationError.single(field, f"{label} skal være tekst.")
    text = (value or "").strip()
    if len(text) > max_len:
        raise ValidationError.single(field, f"{label} må højst være {max_len} tegn.")
    if any(ch in text for ch in "\x00\n\r"):
        raise ValidationError.single(field, f"{label} må ikke indeholde linjeskift eller kontroltegn.")
    return text


def note(value: str | None, field: str, label: str = "Teksten", max_len: int = NOTE_MAX) -> str:
    if value is not None and not isinstance(value, str):
        raise ValidationError.single(field, f"{label} skal være tekst.")
    text = (value or "").replace("\x00", "")
    if len(text) > max_len:
        raise ValidationError.single(field, f"{label} må højst være {max_len:,} tegn.".replace(",", "."))
    return text
