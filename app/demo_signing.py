"""Demo tillægsaftaler: a few active placements get a printed version, most
of them signed on screen (made-up strokes) and sealed; one stays unsigned."""
from __future__ import annotations

import math
import random
from datetime import timedelta

from sqlalchemy import select

from app.context import Context
from app.services import addenda, signatures
from db.base import utcnow
from db.models import Placement

SIGNED, PRINTED_ONLY = 3, 1


def _strokes(rng: random.Random, width: int = 480, height: int = 160) -> dict:
    """A loose, handwriting-like line and an underline."""
    amp, freq, slant = rng.uniform(18, 34), rng.uniform(0.18, 0.32), rng.uniform(-0.15, 0.15)
    first = [[round(30 + i * 7.0, 1), round(height * 0.5 - amp * math.sin(i * freq) - slant * i * 7, 1)]
             for i in range(48)]
    under = [[round(40 + i * 12.0, 1), round(height * 0.78 + rng.uniform(-2, 2), 1)] for i in range(24)]
    return {"w": width, "h": height, "strokes": [first, under]}


def sign_some(ctx: Context, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    with ctx.uow() as s:
        ids = list(s.scalars(select(Placement.id).where(
            Placement.deleted_at.is_(None), Placement.end_date.is_(None), Placement.company_id.is_not(None),
            Placement.contact_person_id.is_not(None)).order_by(Placement.id).limit(SIGNED + PRINTED_ONLY)))
    signed = 0
    for n, placement_id in enumerate(ids):
        dto, _, _ = addenda.print_addendum(ctx, placement_id)
        if n >= SIGNED:
            continue
        names = signatures.default_names(ctx, dto.id)
        start = utcnow().replace(microsecond=0)
        given = [signatures.SignatureInput(party, names[party][0] or "Demo Underskriver", names[party][1],
                                           start + timedelta(seconds=20 * i), _strokes(rng))
                 for i, party in enumerate(("citizen", "company", "coach"))]
        signatures.sign(ctx, dto.id, given)
        signed += 1
    return {"addenda": len(ids), "signed_addenda": signed}
