"""The printed statusudtalelse: A4, Danish, in the tillægsaftale's style
(the same page frame, fonts and blocks): header with the unit's name,
"Statusudtalelse, dato" and "Side x af y" in the footer, fonts embedded."""
from __future__ import annotations

import hashlib

from reportlab.platypus import Flowable, Paragraph

from app.documents.blocks import key_values, markup
from app.documents.page import PageInfo, build_pdf, styles
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
    metadata = {"title": f"{TITLE} – {report.citizen_name} – {period(report)}",
                "author": f"{report.coach_name}, {report.unit_name}".strip(", "),
                "subject": f"{TITLE} til jobcentret", "creator": "Jobcoach", "keywords": "statusudtalelse"}
    fingerprint = hashlib.sha256(render_text(report).encode("utf-8")).hexdigest()
    return build_pdf(info, story(report, st), metadata, report.made_at, fingerprint)


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
