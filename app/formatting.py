"""Danish dates, times, numbers and amounts, from one place (Babel)."""
from __future__ import annotations

from datetime import date, datetime

from babel.numbers import format_decimal

LOCALE = "da_DK"


def fmt_date(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


def fmt_datetime(moment: datetime | None) -> str:
    return moment.strftime("%d.%m.%Y %H:%M") if moment else ""


def fmt_number(value: float | None, decimals: int = 2) -> str:
    if value is None:
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def fmt_hours(value: float | None) -> str:
    if value is None:
        return ""
    text = format_decimal(value, format="#,##0.##", locale=LOCALE)
    return f"{text} t"


def fmt_kr(ore: int | None) -> str:
    """1.234,50 kr."""
    if ore is None:
        return ""
    return f"{fmt_number(ore / 100, 2)} kr."


def fmt_percent(value: int | float | None) -> str:
    return "" if value is None else f"{format_decimal(value, format='#,##0.#', locale=LOCALE)} %"


# Numbers typed by the user are read in app/numbers.py (babel, strict).


def parse_date(text: str) -> date:
    """23.11.2026, 23-11-2026, 23/11/2026 or 2026-11-23; raises ValueError."""
    raw = (text or "").strip()
    for fmt in ("%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"ugyldig dato: {raw!r}")
