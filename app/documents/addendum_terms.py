"""Sections 6-10 of the tillægsaftale: skånehensyn, progression, follow-up,
support and the signatures (kept together with their heading)."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.documents.addendum_sections import Snapshot, Styles, heading, none_agreed, subheading
from app.documents.blocks import (
    TEXT_WIDTH,
    KeepWithHeading,
    data_table,
    iso_date,
    keep_if_short,
    key_values,
    markup,
    paragraphs,
)
from app.documents.fonts import REGULAR
from app.documents.page import INK


def _period(item: dict) -> str:
    start = iso_date(item["start"])
    return f"{start} – {iso_date(item['end'])}" if item["end"] else f"fra {start}"


def accommodations(snap: Snapshot, st: Styles) -> list[Flowable]:
    out: list[Flowable] = [*heading(6, "Skånehensyn", st)]
    items = snap["accommodations"]
    if not items:
        return out + [none_agreed("Ingen skånehensyn aftalt.", st)]
    rows = [[a["category"], a["text"], a["source"], _period(a)] for a in items]
    out.append(data_table(["Område", "Skånehensyn", "Kilde", "Gælder"], rows, [30, 74, 33, 33], st))
    return keep_if_short(out, len(rows))


def progression(snap: Snapshot, st: Styles) -> list[Flowable]:
    out: list[Flowable] = [*heading(7, "Progression og delmål", st),
                           Paragraph("Delmål for udvikling: flere timer, flere eller sværere opgaver, "
                                     "højere arbejdsintensitet og ordinære timer.", st["body"])]
    items = snap["milestones"]
    if not items:
        return out + [none_agreed("Ingen delmål aftalt.", st)]
    rows = [[m["kind"], m["text"], iso_date(m["target_date"]),
             m["status"] + (f" {iso_date(m['achieved_on'])}" if m["achieved_on"] else "")] for m in items]
    out.append(data_table(["Delmål", "Beskrivelse", "Måldato", "Status"], rows, [32, 84, 25, 29], st))
    return keep_if_short(out, len(rows))


def followup(snap: Snapshot, st: Styles) -> list[Flowable]:
    plan = snap["followup"]
    dates = ", ".join(iso_date(d) for d in plan["dates"]) or "Ingen planlagte kontakter."
    out: list[Flowable] = [*heading(8, "Opfølgningsplan", st),
                           key_values([("Næste kontakter senest", dates), ("Hyppighed", plan["rule"])], st),
                           *subheading("Sådan justeres aftalen", st)]
    out += paragraphs(snap["placement"]["adjustment"], st["body"]) or [
        none_agreed("Der er ikke aftalt en særlig fremgangsmåde for justering.", st)]
    return out


def support(snap: Snapshot, st: Styles) -> list[Flowable]:
    out: list[Flowable] = [*heading(9, "Hjælpemidler, mentor og anden støtte", st)]
    text_blocks = paragraphs(snap["support"]["text"], st["body"])
    items = snap["support"]["items"]
    if not text_blocks and not items:
        return out + [none_agreed("Ingen hjælpemidler, mentor eller anden støtte aftalt.", st)]
    out += text_blocks
    if items:
        out.append(key_values([(a["category"], a["text"]) for a in items], st))
    return out


def signatures(snap: Snapshot, st: Styles) -> list[Flowable]:
    """Heading, intro and the three signature lines as one unbreakable block."""
    company = snap["company"]["name"] if snap["company"] else snap["placement"]["workplace"]
    contact = snap["contact"]["name"] if snap["contact"] else ""
    parties = [("For virksomheden", company, contact), ("Borgeren", "", snap["citizen"]["name"]),
               ("For den kommunale enhed", snap["unit_name"], snap["coach"]["name"])]
    rows: list[list] = []
    style: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0)]
    for i, (role, org, name) in enumerate(parties):
        who = f"<b>{markup(role)}</b>" + (f"<br/>{markup(org)}" if org else "")
        rows += [[Paragraph(who, st["cell"]), "", "", ""],
                 ["", Paragraph("Dato", st["small"]), "",
                  Paragraph("Underskrift" + (f" – {markup(name)}" if name else ""), st["small"])]]
        top = 2 * i
        style += [("SPAN", (0, top), (0, top + 1)), ("LINEBELOW", (1, top), (1, top), 0.6, INK),
                  ("LINEBELOW", (3, top), (3, top), 0.6, INK)]
    widths = [TEXT_WIDTH * 0.34, TEXT_WIDTH * 0.2, TEXT_WIDTH * 0.05, TEXT_WIDTH * 0.41]
    table = Table(rows, colWidths=widths, rowHeights=[15 * mm, 9 * mm] * len(parties), hAlign="LEFT")
    table.setStyle(TableStyle(style))
    intro = Paragraph("Parterne har gennemgået og er enige om aftalen ovenfor. Aftalen gælder, indtil "
                      "en ny version er underskrevet.", st["body"])
    return [KeepWithHeading([*heading(10, "Underskrifter", st), intro, Spacer(1, 4 * mm), table])]
