"""The printed tillægsaftale (agreement addendum): A4, Danish, a first page
in plain words for the citizen, then the agreement in eleven sections.

`render(snapshot, version_no, printed_at)` is a pure function of its
arguments: the same snapshot, number and time give the same bytes (fixed
creation date, document id from the content, reportlab's invariant mode),
so a signed version can be produced again exactly from what is stored.
Every date it prints is a local date: the snapshot's own print date, or
for an older snapshot the print time in the OS time zone.
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from reportlab.platypus import Flowable, PageBreak, Paragraph

from app.documents import addendum_citizen as citizen_page
from app.documents import addendum_sections as first
from app.documents import addendum_terms as terms
from app.documents import addendum_wage as wage
from app.documents.addendum_changes import local_date
from app.documents.addendum_content import VERSION_KEY, content_hash
from app.documents.addendum_kinds import PRINTED_ON
from app.documents.blocks import iso_date, key_values, markup
from app.documents.page import PageInfo, build_pdf, styles
from app.formatting import fmt_date

TITLE = "Tillægsaftale"
SECTIONS = (first.parties, first.placement, first.tasks, first.working_hours, wage.wage_terms,
            terms.accommodations, terms.progression, terms.followup, terms.support, terms.clauses,
            terms.signatures)
SECTION_TITLES = ("Parter", "Forløbet", "Arbejdsopgaver", "Arbejdstid", "Løn og betaling", "Skånehensyn",
                  "Progression og delmål", "Opfølgningsplan", "Hjælpemidler, mentor og anden støtte",
                  "Vilkår", "Underskrifter")


def printed_on(snapshot: dict[str, Any], printed_at: datetime) -> date:
    meta = snapshot.get(VERSION_KEY) or {}
    return date.fromisoformat(meta["printed_on"]) if meta.get("printed_on") else local_date(printed_at)


def version_line(version_no: int, day: date) -> str:
    return f"Version {version_no}, {fmt_date(day)}"


SectionFn = Callable[[dict[str, Any], dict], list[Flowable]]


def render(snapshot: dict[str, Any], version_no: int, printed_at: datetime,
           signature_section: SectionFn | None = None) -> bytes:
    """The PDF of one version of the addendum; `signature_section` replaces
    the blank signature lines (the signed copy)."""
    st = styles()
    day = printed_on(snapshot, printed_at)
    info = PageInfo(snapshot["unit_name"], f"{TITLE} – {snapshot['citizen']['name']}",
                    version_line(version_no, day))
    fingerprint = f"{content_hash(snapshot)}|{version_no}|{printed_at.isoformat()}"
    flowables = story({**snapshot, PRINTED_ON: day.isoformat()}, version_no, st, signature_section)
    return build_pdf(info, flowables, _metadata(snapshot, version_no), printed_at, fingerprint)


def story(snap: dict[str, Any], version_no: int, st: dict,
          signature_section: SectionFn | None = None) -> list[Flowable]:
    p = snap["placement"]
    where = p["workplace"] or "arbejdspladsen"
    lead = f"{markup(p['type'])} – {markup(p['job_title'] or 'ingen jobtitel')} hos {markup(where)}"
    day = date.fromisoformat(snap[PRINTED_ON])
    out: list[Flowable] = [*citizen_page.first_page(snap, st), PageBreak(),
                           Paragraph(TITLE, st["title"]),
                           Paragraph(f"til aftalen om {lead}", st["subtitle"])]
    if p.get("end"):
        out.append(Paragraph(f"<b>Afsluttet</b> {iso_date(p['end'])}. Aftalen gælder ikke længere; "
                             "den gengives her, som den var.", st["warning"]))
    out += [Paragraph(f"Aftale mellem {_parties_text(snap)} om forløbet for "
                      f"<b>{markup(snap['citizen']['name'])}</b> fra {iso_date(p['start'])}.", st["body"]),
            version_block(snap, version_no, day, st)]
    for section in SECTIONS:
        use: SectionFn = signature_section if section is terms.signatures and signature_section else section
        out += use(snap, st)
    return out


def _parties_text(snap: dict[str, Any]) -> str:
    unit = markup(snap["unit_name"])
    if snap["company"] is None:  # the municipality's own unit is the workplace, not a party
        return f"borgeren og {unit}"
    return f"virksomheden, borgeren og {unit}"


def version_block(snap: dict[str, Any], version_no: int, day: date, st: dict) -> Flowable:
    """Version N, the day its terms apply from, what it replaces and what changed."""
    meta = snap.get(VERSION_KEY) or {}
    rows = [("Version", version_line(version_no, day)),
            ("Gælder fra", iso_date(meta.get("effective_from")) or iso_date(snap["placement"]["start"]))]
    if meta.get("replaces"):
        rows.append(("Erstatter", f"Version {meta['replaces']}"))
        rows.append(("Ændret siden version " + str(meta["replaces"]), "\n".join(meta.get("changes") or [])))
    else:
        rows.append(("Erstatter", "Første version af aftalen"))
    return key_values(rows, st)


def _metadata(snapshot: dict[str, Any], version_no: int) -> dict[str, str]:
    p = snapshot["placement"]
    return {"title": f"{TITLE} – {snapshot['citizen']['name']} – version {version_no}",
            "author": f"{snapshot['coach']['name']}, {snapshot['unit_name']}".strip(", "),
            "subject": f"{TITLE} til {p['type']} hos {p['workplace']}",
            "creator": "Jobcoach", "keywords": f"tillægsaftale, version {version_no}"}
