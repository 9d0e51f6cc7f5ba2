"""Who signs a tillægsaftale and how a signature is described: kept apart
from the PDF code (reportlab) so that views can use it without loading it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.formatting import fmt_datetime

PARTY_ORDER = ("company", "citizen", "coach")


@dataclass(frozen=True)
class SignedParty:
    party: str           # company | citizen | coach
    signer_name: str
    signer_title: str
    signed_at: datetime  # UTC, naive
    strokes: dict[str, Any]  # {"w": pad width, "h": pad height, "strokes": [[[x, y], ...], ...]}


def parties_of(snap: dict[str, Any]) -> tuple[str, ...]:
    """Who signs: an internal placement's workplace is the municipality's own
    unit, not a party, so only the citizen and the unit sign then."""
    return PARTY_ORDER if snap.get("company") else ("citizen", "coach")


def short_hash(digest: str) -> str:
    """The terms' hash as people read it aloud: 4 groups of 4."""
    return " ".join(digest[i:i + 4] for i in range(0, 16, 4)).upper()


def local_time(moment: datetime) -> str:
    return fmt_datetime(moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None))
