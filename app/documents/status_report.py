"""The printed statusudtalelse: A4, Danish, in the tillægsaftale's style
(the same page frame, fonts and blocks): header with the unit's name,
"Statusudtalelse, dato" and "Side x af y" in the footer, fonts embedded."""
from __future__ import annotations

import hashlib
import io

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from app.documents.blocks import key_values, markup
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
from app.documents.status_phrases import TITLE, period
from app.documents.status_sections import SECTIONS
from app.documents.status_text import render_text
from app.formatting import fmt_date
from app.services.status_model import StatusReport


def render(report: StatusReport) -> bytes:
    """The PDF of one report; the same report gives the same bytes."""
    st = styles()
    info = PageInfo(report.unit_name, f"{TITLE} – {report.citizen_name}",
                    f"{TITLE}, {fmt_date(report.made_on)} – periode {period(report)}")
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_X,
                          rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
                          invariant=1, pageCompression=1, lang="da-DK",
                          title=f"{TITLE} – {report.citizen_name} – {period(report)}",
                          author=f"{report.coach_name}, {report.unit_name}".strip(", "),
                          subject=f"{TITLE} til jobcentret", creator="Jobcoach",
                          keywords="statusudtalelse")
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, PAGE_WIDTH - 2 * MARGIN_X,
                  PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=lambda c, d: draw_frame(c, info))])
    fingerprint = hashlib.sha256(render_text(report).encode("utf-8")).hexdigest()
    doc.build(story(report, st), canvasmaker=numbered_canvas(report.made_at, fingerprint))
    return buffer.getvalue()


def story(r: StatusReport, st: dict) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph(TITLE, st["title"]),
        Paragraph(f"til jobcentret om <b>{markup(r.citizen_name)}</b> for perioden {period(r)}", st["subtitle"]),
        key_values([("Borger", r.citizen_name), ("Jobcoach", r.coach_name + (f" ({r.coach_contact})"
                                                                              if r.coach_contact else "")),
                    ("Enhed", r.unit_name), ("Periode", period(r)), ("Udarbejdet", fmt_date(r.made_on))], st),
    ]
    for section in SECTIONS:
        out += section(r, st)
    return out
