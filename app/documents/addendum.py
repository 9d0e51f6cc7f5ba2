"""The printed tillægsaftale (agreement addendum): A4, Danish, ten sections.

`render(snapshot, version_no, printed_at)` is a pure function of its
arguments: the same snapshot, number and time give the same bytes (fixed
creation date, document id from the content, reportlab's invariant mode),
so a signed version can be produced again exactly from what is stored.
"""
from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from typing import Any

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from app.documents import addendum_sections as first
from app.documents import addendum_terms as terms
from app.documents.addendum_content import content_hash
from app.documents.blocks import iso_date, markup
from app.documents.page import (
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    PageInfo,
    draw_frame,
    numbered_canvas,
    styles,
)
from app.formatting import fmt_date

TITLE = "Tillægsaftale"
SECTIONS = (first.parties, first.placement, first.tasks, first.working_hours, first.wage_terms,
            terms.accommodations, terms.progression, terms.followup, terms.support, terms.signatures)
SECTION_TITLES = ("Parter", "Forløbet", "Arbejdsopgaver", "Arbejdstid", "Løn og betaling", "Skånehensyn",
                  "Progression og delmål", "Opfølgningsplan", "Hjælpemidler, mentor og anden støtte",
                  "Underskrifter")


def version_line(version_no: int, printed_at: datetime) -> str:
    return f"Version {version_no}, {fmt_date(printed_at.date())}"


SectionFn = Callable[[dict[str, Any], dict], list[Flowable]]


def render(snapshot: dict[str, Any], version_no: int, printed_at: datetime,
           signature_section: SectionFn | None = None) -> bytes:
    """The PDF of one version of the addendum; `signature_section` replaces
    the blank signature lines (the signed copy)."""
    st = styles()
    info = PageInfo(snapshot["unit_name"], f"{TITLE} – {snapshot['citizen']['name']}",
                    version_line(version_no, printed_at))
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_X,
                          rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
                          invariant=1, pageCompression=1, lang="da-DK", **_metadata(snapshot, version_no))
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, PAGE_WIDTH - 2 * MARGIN_X,
                  PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=lambda c, d: draw_frame(c, info))])
    fingerprint = f"{content_hash(snapshot)}|{version_no}|{printed_at.isoformat()}"
    doc.build(story(snapshot, version_no, printed_at, st, signature_section),
              canvasmaker=numbered_canvas(printed_at, fingerprint))
    return buffer.getvalue()


def story(snapshot: dict[str, Any], version_no: int, printed_at: datetime, st: dict,
          signature_section: SectionFn | None = None) -> list[Flowable]:
    p = snapshot["placement"]
    where = p["workplace"] or "arbejdspladsen"
    lead = f"{markup(p['type'])} – {markup(p['job_title'] or 'ingen jobtitel')} hos {markup(where)}"
    out: list[Flowable] = [
        Paragraph(TITLE, st["title"]),
        Paragraph(f"til aftalen om {lead}", st["subtitle"]),
        Paragraph(f"Aftale mellem virksomheden, borgeren og {markup(snapshot['unit_name'])} om forløbet "
                  f"for <b>{markup(snapshot['citizen']['name'])}</b> fra {iso_date(p['start'])}. "
                  f"{version_line(version_no, printed_at)}.", st["body"]),
    ]
    for section in SECTIONS:
        use: SectionFn = signature_section if section is terms.signatures and signature_section else section
        out += use(snapshot, st)
    return out


def _metadata(snapshot: dict[str, Any], version_no: int) -> dict[str, str]:
    p = snapshot["placement"]
    return {"title": f"{TITLE} – {snapshot['citizen']['name']} – version {version_no}",
            "author": f"{snapshot['coach']['name']}, {snapshot['unit_name']}".strip(", "),
            "subject": f"{TITLE} til {p['type']} hos {p['workplace']}",
            "creator": "Jobcoach", "keywords": f"tillægsaftale, version {version_no}"}
