"""Sections 6-11 of the tillægsaftale: skånehensyn, progression, follow-up,
support, the standard clauses and the signatures (one block per party)."""
from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.documents.addendum_citizen import coming_followups
from app.documents.addendum_clauses import fill
from app.documents.addendum_kinds import PRINTED_ON, benefit_name, is_internal
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

FOLLOWUP_COUNT = 4  # how many coming contacts the plan lists
PAST_DUE = "Måldato passeret – ikke vurderet"


def _period(item: dict) -> str:
    start = iso_date(item["start"])
    return f"{start} – {iso_date(item['end'])}" if item["end"] else f"fra {start}"


def _source(a: dict) -> str:
    if not a.get("health"):
        return a["source"]
    if a.get("consent"):
        return f"{a['source']} (borgeren har givet samtykke til at dele)"
    return "Ikke oplyst: borgeren har ikke givet samtykke til at dele helbredsoplysninger"


def accommodations(snap: Snapshot, st: Styles) -> list[Flowable]:
    out: list[Flowable] = [*heading(6, "Skånehensyn", st)]
    items = snap["accommodations"]
    if not items:
        return out + [none_agreed("Ingen skånehensyn aftalt.", st)]
    rows = [[a["category"], a["text"], _source(a), _period(a)] for a in items]
    out.append(data_table(["Område", "Skånehensyn", "Kilde", "Gælder"], rows, [28, 68, 44, 30], st))
    return keep_if_short(out, len(rows))


def _milestone_status(m: dict, day: str) -> str:
    """A planned milestone whose date has passed is not "Planlagt" any more."""
    if m.get("status_code", "planlagt") == "planlagt" and m["target_date"] < day:
        return PAST_DUE
    return m["status"] + (f" {iso_date(m['achieved_on'])}" if m["achieved_on"] else "")


def progression(snap: Snapshot, st: Styles) -> list[Flowable]:
    out: list[Flowable] = [*heading(7, "Progression og delmål", st),
                           Paragraph("Delmål for udvikling: flere timer, flere eller sværere opgaver, "
                                     "højere arbejdsintensitet og ordinære timer.", st["body"])]
    items = snap["milestones"]
    if not items:
        return out + [none_agreed("Ingen delmål aftalt.", st)]
    day = snap.get(PRINTED_ON, "")
    rows = [[m["kind"], m["text"], iso_date(m["target_date"]), _milestone_status(m, day)] for m in items]
    out.append(data_table(["Delmål", "Beskrivelse", "Måldato", "Status"], rows, [32, 80, 25, 33], st))
    return keep_if_short(out, len(rows))


def followup(snap: Snapshot, st: Styles) -> list[Flowable]:
    plan, p = snap["followup"], snap["placement"]
    if p.get("end"):
        dates = f"Ingen: forløbet er afsluttet {iso_date(p['end'])}."
    else:
        dates = ", ".join(iso_date(d) for d in coming_followups(snap, FOLLOWUP_COUNT)) \
            or "Ingen planlagte kontakter i aftalens periode."
    out: list[Flowable] = [*heading(8, "Opfølgningsplan", st),
                           key_values([("Næste kontakter senest", dates), ("Hyppighed", plan["rule"])], st),
                           *subheading("Sådan justeres aftalen", st)]
    out += paragraphs(p["adjustment"], st["body"]) or [
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


def clauses(snap: Snapshot, st: Styles) -> list[Flowable]:
    """Sygdom, ophør, forsikring, tavshedspligt, retsgrundlag, ydelse."""
    coach, contact = snap["coach"], snap["contact"]
    values = {"coach": coach["name"] or "jobcoachen", "coach_phone": coach["phone"] or "telefon ikke angivet",
              "contact": contact["name"] if contact else "arbejdspladsens leder",
              "benefit": benefit_name(snap)}
    out: list[Flowable] = [*heading(10, "Vilkår", st)]
    for clause in snap.get("clauses") or []:
        out += [*subheading(clause["title"], st), Paragraph(markup(fill(clause["text"], values)), st["body"])]
    return out


def signature_parties(snap: Snapshot) -> list[tuple[str, str, str]]:
    """(role, organisation, name) of each party that signs; the municipality's
    own unit as workplace is not a party of its own."""
    parties = []
    if not is_internal(snap):
        company = snap["company"]["name"] if snap["company"] else snap["placement"]["workplace"]
        parties.append(("For virksomheden", company, snap["contact"]["name"] if snap["contact"] else ""))
    parties += [("Borgeren", "", snap["citizen"]["name"]),
                ("For den kommunale enhed", snap["unit_name"], snap["coach"]["name"])]
    return parties


def signature_block(role: str, org: str, name: str, st: Styles) -> Table:
    """One party: who, a date line and a signature line."""
    who = f"<b>{markup(role)}</b>" + (f"<br/>{markup(org)}" if org else "")
    rows = [[Paragraph(who, st["cell"]), "", "", ""],
            ["", Paragraph("Dato", st["small"]), "",
             Paragraph("Underskrift" + (f" – {markup(name)}" if name else ""), st["small"])]]
    widths = [TEXT_WIDTH * 0.34, TEXT_WIDTH * 0.2, TEXT_WIDTH * 0.05, TEXT_WIDTH * 0.41]
    table = Table(rows, colWidths=widths, rowHeights=[15 * mm, 9 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("SPAN", (0, 0), (0, 1)),
                               ("LINEBELOW", (1, 0), (1, 0), 0.6, INK), ("LINEBELOW", (3, 0), (3, 0), 0.6, INK)]))
    return table


def signatures(snap: Snapshot, st: Styles) -> list[Flowable]:
    """Heading, intro and one block per party, kept on one page."""
    intro = Paragraph("Parterne har gennemgået og er enige om aftalen ovenfor. Aftalen gælder, indtil "
                      "en ny version er underskrevet.", st["body"])
    blocks: list[Flowable] = [signature_block(*party, st) for party in signature_parties(snap)]
    return [KeepWithHeading([*heading(11, "Underskrifter", st), intro, Spacer(1, 4 * mm), *blocks])]
