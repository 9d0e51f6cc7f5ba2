"""What a set of signatures must hold before it is kept: every party of the
version signed, names typed, drawings that are real strokes (and not
absurdly long), given on the newest version and after it was printed."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.documents.signature_parties import parties_of
from app.rules.errors import Collector
from db.models import Addendum

PARTY_LABELS = {"citizen": "Borgeren", "company": "Virksomheden", "coach": "Jobcoachen"}
MAX_POINTS = 20_000  # per signature: a long signature at pen rate is a few thousand


@dataclass(frozen=True)
class SignatureInput:
    party: str
    signer_name: str
    signer_title: str
    signed_at: datetime  # UTC, naive
    strokes: dict[str, Any]


def validate(row: Addendum, inputs: list[SignatureInput], newest: Addendum | None) -> None:
    errors = Collector()
    if newest is not None and newest.id != row.id:
        errors.add("version", f"Der findes en nyere version ({newest.version_no}). Underskriv den i stedet.")
    parties = {i.party for i in inputs}
    required = parties_of(json.loads(row.content))
    for party in required:
        if party not in parties:
            errors.add(party, f"{PARTY_LABELS[party]} mangler at underskrive.")
    for item in inputs:
        if item.party not in required:
            errors.add("party", "Ukendt part.")
            continue
        if not item.signer_name.strip():
            errors.add(f"{item.party}_name", "Skriv navnet på den, der underskriver.")
        elif len(item.signer_name.strip()) > 200 or len(item.signer_title.strip()) > 200:
            errors.add(f"{item.party}_name", "Navn og stilling må højst være 200 tegn.")
        points = _points(item.strokes)
        if points is None:
            errors.add(item.party, "Underskriften kunne ikke læses. Ryd feltet, og skriv under igen.")
        elif points == 0:
            errors.add(item.party, f"{PARTY_LABELS[item.party]} har ikke skrevet under.")
        elif points > MAX_POINTS:
            errors.add(item.party, "Underskriften er for lang. Ryd feltet, og skriv under igen.")
        if item.signed_at < row.printed_at:
            errors.add(item.party, "Underskriften er ældre end versionen.")
    errors.raise_if_any()


def _points(data: Any) -> int | None:
    """The number of points of well-formed strokes; None when malformed."""
    try:
        strokes = data["strokes"]
        if not (isinstance(strokes, list) and float(data["w"]) > 0 and float(data["h"]) > 0):
            return None
        return sum(len([(float(x), float(y)) for x, y in stroke]) for stroke in strokes)
    except (KeyError, TypeError, ValueError):
        return None
