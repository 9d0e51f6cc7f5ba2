"""The readable PDF of an access request (indsigt): the same data as the
JSON file, laid out in Danish with the shipped DejaVu fonts (æøå embedded)."""
from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from app.documents.export_sections import sections
from app.documents.fonts import BOLD, register_fonts


class _NumberedCanvas(Canvas):
    """Writes "Side x af y" once the page count is known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(register_fonts(), 8)
            self.drawRightString(A4[0] - 18 * mm, 10 * mm, f"Side {self._pageNumber} af {total}")
            self.drawString(18 * mm, 10 * mm, "Indsigt – fortroligt (personoplysninger)")
            super().showPage()
        super().save()


def _styles() -> dict[str, ParagraphStyle]:
    font = register_fonts()
    base = ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=16, leading=20,
                                spaceAfter=6),
        "h1": ParagraphStyle("h1", parent=base, fontName=BOLD, fontSize=12.5, leading=16,
                             spaceBefore=10, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=10.5, leading=14,
                             spaceBefore=6, spaceAfter=2),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
    }


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """Any Unicode text as a paragraph; markup characters are inert."""
    safe = escape(text or "").replace("\r\n", "\n").replace("\n", "<br/>")
    return Paragraph(safe, style)


def write_pdf(data: dict[str, Any], path: Path, header: dict[str, str]) -> Path:
    styles = _styles()
    story: list = [para("Indsigt: alle oplysninger om borgeren", styles["title"])]
    for label, value in header.items():
        story.append(para(f"{label}: {value}", styles["small"]))
    story.append(Spacer(1, 4 * mm))
    for kind, text in sections(data):
        story.append(para(text, styles[kind]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=18 * mm,
                            title="Indsigt", author="Jobcoach")
    doc.build(story, canvasmaker=_NumberedCanvas)
    return path
