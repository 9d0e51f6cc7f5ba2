"""Numbers typed the Danish way, read by babel's strict parser (da_DK):
"1.234" is 1234 and "1.234,50" is 1234.5; input that could mean two things
("12.5": 125 or 12,5?) is refused with a Danish suggestion instead of being
guessed. Used by every amount, hours and percentage field."""
from __future__ import annotations

from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

LOCALE = "da_DK"


class NumberError(ValueError):
    """Not a number; the message is Danish and may be shown at the field."""


def parse_danish(text: str) -> Decimal:
    raw = (text or "").strip().replace("\u00a0", "").replace(" ", "")
    raw = raw.removesuffix("kr.").removesuffix("kr").removesuffix("%").strip()
    if not raw:
        raise NumberError("Feltet er tomt.")
    try:
        return parse_decimal(raw, locale=LOCALE, strict=True)
    except NumberFormatError as exc:
        suggestion = _suggestion(raw, getattr(exc, "suggestions", None) or [])
        message = f"»{text.strip()}« er ikke et tal."
        raise NumberError(f"{message} Mente du {suggestion}?" if suggestion else message) from None


def _suggestion(raw: str, suggestions: list[str]) -> str | None:
    # babel offers e.g. ['125', '12,5'] for "12.5": a decimal point typed the
    # English way is the likely slip, so the comma reading is suggested.
    for candidate in reversed(suggestions):
        if "," in candidate:
            return candidate
    if raw.count(".") == 1 and "," not in raw:
        return raw.replace(".", ",")
    return suggestions[0] if suggestions else None


def parse_number(text: str) -> float:
    return float(parse_danish(text))


def parse_kr_to_ore(text: str) -> int:
    """Kroner as typed, in øre (1.234,50 -> 123450); more than two decimals is refused."""
    value = parse_danish(text)
    ore = value * 100
    if ore != ore.to_integral_value():
        raise NumberError(f"Beløbet kan højst have to decimaler (fx {_kr_example(value)}).")
    return int(ore)


def _kr_example(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")
