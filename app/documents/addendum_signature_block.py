"""Section 10 of a signed tillægsaftale: each party's drawn signature as
vector lines, with the signer's name, title and date and time of signing."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.documents.addendum_sections import Snapshot, Styles, heading
from app.documents.blocks import TEXT_WIDTH, KeepWithHeading, markup
from app.documents.fonts import REGULAR
from app.documents.page import INK
from app.documents.signature_parties import SignedParty, local_time, parties_of, short_hash

SIGNATURE_HEIGHT = 18 * mm


class DrawnSignature(Flowable):
    """Strokes scaled into a box (aspect kept), drawn as lines: the PDF
    holds the signature itself, not a picture of it."""

    def __init__(self, strokes: dict[str, Any], width: float, height: float) -> None:
        super().__init__()
        self.data, self.width, self.height = strokes, width, height

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        w, h = float(self.data.get("w") or 1), float(self.data.get("h") or 1)
        scale = min(self.width / w, self.height / h)
        c = self.canv
        c.setStrokeColor(INK)
        c.setLineWidth(0.9)
        c.setLineCap(1)
        c.setLineJoin(1)
        for stroke in self.data.get("strokes", []):
            if not stroke:
                continue
            path = c.beginPath()
            x, y = stroke[0]
            path.moveTo(x * scale, self.height - y * scale)
            for x, y in stroke[1:] or stroke[:1]:
                path.lineTo(x * scale, self.height - y * scale)
            c.drawPath(path, stroke=1, fill=0)


def _section_number() -> int:
    from app.documents.addendum import SECTION_TITLES

    return SECTION_TITLES.index("Underskrifter") + 1


def _role(snap: Snapshot, party: str) -> tuple[str, str]:
    if party == "company":
        org = snap["company"]["name"] if snap["company"] else snap["placement"]["workplace"]
        return "For virksomheden", org
    if party == "citizen":
        return "Borgeren", ""
    return "For den kommunale enhed", snap["unit_name"]


def signed_section(signed: list[SignedParty], terms_hash: str) -> Callable[[Snapshot, Styles], list[Flowable]]:
    """The signatures section filled in with the given signatures, naming
    the hash of the terms they were given on."""
    by_party = {s.party: s for s in signed}

    def section(snap: Snapshot, st: Styles) -> list[Flowable]:
        sig_width = TEXT_WIDTH * 0.41
        rows: list[list] = []
        style: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0), ("VALIGN", (0, 0), (0, -1), "TOP")]
        parties = parties_of(snap)
        for i, party in enumerate(parties):
            role, org = _role(snap, party)
            who = f"<b>{markup(role)}</b>" + (f"<br/>{markup(org)}" if org else "")
            sig = by_party.get(party)
            drawn = DrawnSignature(sig.strokes, sig_width - 4, SIGNATURE_HEIGHT) if sig else ""
            when = Paragraph(markup(local_time(sig.signed_at)), st["cell"]) if sig else ""
            signer = ""
            if sig:
                signer = sig.signer_name + (f", {sig.signer_title}" if sig.signer_title else "")
            rows += [[Paragraph(who, st["cell"]), when, "", drawn],
                     ["", Paragraph("Dato og tid", st["small"]), "",
                      Paragraph("Underskrift – " + markup(signer or "ikke underskrevet"), st["small"])]]
            top = 2 * i
            style += [("SPAN", (0, top), (0, top + 1)), ("LINEBELOW", (1, top), (1, top), 0.6, INK),
                      ("LINEBELOW", (3, top), (3, top), 0.6, INK)]
        widths = [TEXT_WIDTH * 0.34, TEXT_WIDTH * 0.2, TEXT_WIDTH * 0.05, sig_width]
        table = Table(rows, colWidths=widths, rowHeights=[SIGNATURE_HEIGHT + 3 * mm, 9 * mm] * len(parties),
                      hAlign="LEFT")
        table.setStyle(TableStyle(style))
        intro = Paragraph("Parterne har gennemgået og er enige om aftalen ovenfor. Aftalen gælder, indtil "
                          "en ny version er underskrevet. Underskrifterne er afgivet på skærm, og filen er "
                          "forseglet med en elektronisk signatur. Vilkårenes kontrolsum: "
                          f"<b>{short_hash(terms_hash)}</b>.", st["body"])
        return [KeepWithHeading([*heading(_section_number(), "Underskrifter", st), intro, Spacer(1, 4 * mm), table])]

    return section
