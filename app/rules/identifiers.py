"""CVR, P-nummer, CPR, phone and postal code."""
from __future__ import annotations

import re
from datetime import date

from app.rules.errors import ValidationError

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def _digits(value: str) -> str:
    return re.sub(r"[\s\-]", "", value or "")


def cvr_checksum_ok(cvr: str) -> bool:
    return len(cvr) == 8 and cvr.isascii() and cvr.isdigit() and cvr[0] != "0" and \
        sum(int(d) * w for d, w in zip(cvr, CVR_WEIGHTS)) % 11 == 0


def normalize_cvr(value: str, field: str = "cvr") -> str:
    """'' stays '' (company typed by hand without CVR); else 8 valid digits."""
    cvr = _digits(value)
    if not cvr:
        return ""
    if not (cvr.isascii() and cvr.isdigit()) or len(cvr) != 8:
        raise ValidationError.single(field, "CVR-nummeret skal være 8 cifre.")
    if not cvr_checksum_ok(cvr):
        raise ValidationError.single(field, "CVR-nummeret er ikke gyldigt (kontrolciffer passer ikke).")
    return cvr


def normalize_p_number(value: str, field: str = "p_number") -> str:
    p = _digits(value)
    if p and not (p.isascii() and p.isdigit() and len(p) == 10):
        raise ValidationError.single(field, "P-nummeret skal være 10 cifre.")
    return p


def cpr_birth_date(cpr: str) -> date:
    """The birth date of a 10-digit CPR; the 7th digit gives the century."""
    day, month, yy, seventh = int(cpr[0:2]), int(cpr[2:4]), int(cpr[4:6]), int(cpr[6])
    if seventh <= 3:
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if yy <= 36 else 1900
    else:  # 5-8
        century = 2000 if yy <= 57 else 1800
    return date(century + yy, month, day)


def normalize_cpr(value: str | None, field: str = "cpr") -> str | None:
    """Optional. DDMMYY-SSSS with a real date. Modulus 11 is NOT required:
    numbers issued since 2007 may fail it."""
    raw = _digits(value or "")
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) != 10:
        raise ValidationError.single(field, "CPR-nummeret skal have formen DDMMÅÅ-XXXX.")
    try:
        cpr_birth_date(raw)
    except ValueError:
        raise ValidationError.single(field, "CPR-nummeret indeholder ikke en gyldig dato.") from None
    return f"{raw[:6]}-{raw[6:]}"


def mask_cpr(cpr: str | None) -> str:
    return f"{cpr[:6]}-xxxx" if cpr else ""


def normalize_phone(value: str, field: str = "phone") -> str:
    raw = _digits(value)
    if not raw:
        return ""
    if raw.startswith("+45"):
        raw = raw[3:]
    elif raw.startswith("0045"):
        raw = raw[4:]
    if not (raw.isascii() and raw.isdigit() and len(raw) == 8):
        raise ValidationError.single(field, "Telefonnummeret skal være 8 cifre (evt. med +45 foran).")
    return raw


def normalize_postal_code(value: str, field: str = "postal_code") -> str:
    raw = (value or "").strip()
    if raw and not (raw.isascii() and raw.isdigit() and len(raw) == 4):
        raise ValidationError.single(field, "Postnummeret skal være 4 cifre.")
    return raw


def normalize_email(value: str, field: str = "email") -> str:
    raw = (value or "").strip()
    if raw and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", raw):
        raise ValidationError.single(field, "E-mailadressen ser ikke rigtig ud.")
    return raw
