"""Shared pieces of the signing tests: synthetic strokes, a signed version,
and checks of a sealed PDF with pyHanko and poppler's pdfsig."""
from __future__ import annotations

import math
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

from app.services import addenda, signatures
from db.base import utcnow


def wave(seed: int, width: int = 400, height: int = 150) -> dict:
    """Two strokes of a made-up signature in pad coordinates."""
    first = [[round(20 + i * 6, 1), round(height / 2 + 30 * math.sin(i / (3 + seed)), 1)] for i in range(50)]
    second = [[round(60 + i * 4, 1), round(40 + i * 1.5, 1)] for i in range(30)]
    return {"w": width, "h": height, "strokes": [first, second]}


def inputs(ctx, addendum_id: str) -> list[signatures.SignatureInput]:
    names = signatures.default_names(ctx, addendum_id)
    now = utcnow().replace(microsecond=0)
    out = []
    for n, party in enumerate(("citizen", "company", "coach")):
        name, title = names[party]
        title = title or ("Værkfører" if party == "company" else "")
        out.append(signatures.SignatureInput(party, name or "Mette Hansen", title,
                                             now + timedelta(seconds=n), wave(n)))
    return out


def sign_latest(ctx, placement_id: str) -> tuple[addenda.AddendumDTO, signatures.SignResult]:
    dto, _, _ = addenda.print_addendum(ctx, placement_id)
    return dto, signatures.sign(ctx, dto.id, inputs(ctx, dto.id))


def pdfsig(path: Path) -> str:
    tool = shutil.which("pdfsig")
    assert tool, "pdfsig (poppler-utils) is required"
    return subprocess.run([tool, str(path)], capture_output=True, text=True, timeout=60).stdout


def flip_signed_byte(pdf: bytes) -> bytes:
    """Change one byte of the first compressed stream: inside the signed
    range (checked against /ByteRange), the file's structure left readable."""
    import re

    first_end = int(re.search(rb"/ByteRange\s*\[\s*0\s+(\d+)", pdf).group(1))
    at = pdf.index(b"stream", pdf.index(b"/FlateDecode")) + 20
    assert at < first_end, "the byte must lie in the signed range"
    data = bytearray(pdf)
    data[at] ^= 0x01
    return bytes(data)
