"""The page frame of the printed documents: A4, the unit's name in the
header, "Version N, dato" and "Side x af y" in the footer, the DejaVu fonts,
and a reproducible file (fixed creation date and document id)."""
from __future__ import annotations

import calendar
import io
import time
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from app.documents.fonts import BOLD, REGULAR, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 30 * mm
MARGIN_BOTTOM = 22 * mm
INK = colors.HexColor("#1b2a3a")
ACCENT = colors.HexColor("#2f5d7c")
RULE = colors.HexColor("#9aaab8")
SHADE = colors.HexColor("#e8eef3")
WARNING = colors.HexColor("#9b2c1f")


@dataclass(frozen=True)
class PageInfo:
    """What every page shows around the text."""

    unit_name: str
    doc_title: str
    version_line: str  # "Version 3, 23.11.2026"


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=13, textColor=INK,
                          spaceAfter=4)
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10.5),
        "cell": ParagraphStyle("cell", parent=body, spaceAfter=0),
        "cell_head": ParagraphStyle("cell_head", parent=body, fontName=BOLD, spaceAfter=0),
        "label": ParagraphStyle("label", parent=body, fontName=BOLD, spaceAfter=0),
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=20, leading=24,
                                textColor=ACCENT, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=11, leading=15, spaceAfter=10),
        "h1": ParagraphStyle("h1", parent=body, fontName=BOLD, fontSize=12.5, leading=16,
                             textColor=ACCENT, spaceBefore=12, spaceAfter=5),
        "h2": ParagraphStyle("h2", parent=body, fontName=BOLD, fontSize=10, leading=13,
                             spaceBefore=6, spaceAfter=2),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT, spaceAfter=0),
        "warning": ParagraphStyle("warning", parent=body, textColor=WARNING, borderColor=WARNING,
                                  borderWidth=0.8, borderPadding=4, spaceBefore=4, spaceAfter=8),
        "plain": ParagraphStyle("plain", parent=body, fontSize=11, leading=15.5, spaceAfter=6),
    }


def draw_frame(canvas: Canvas, info: PageInfo) -> None:
    """Header and the fixed part of the footer (page numbers come at save)."""
    canvas.saveState()
    top = PAGE_HEIGHT - 14 * mm
    canvas.setFillColor(ACCENT)
    canvas.setFont(BOLD, 10.5)
    canvas.drawString(MARGIN_X, top, info.unit_name)
    canvas.setFont(REGULAR, 8.5)
    canvas.setFillColor(INK)
    canvas.drawRightString(PAGE_WIDTH - MARGIN_X, top, info.doc_title)
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(1.2)
    canvas.line(MARGIN_X, top - 4 * mm, PAGE_WIDTH - MARGIN_X, top - 4 * mm)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, 15 * mm, PAGE_WIDTH - MARGIN_X, 15 * mm)
    canvas.setFont(REGULAR, 8)
    canvas.drawString(MARGIN_X, 10.5 * mm, info.version_line)
    canvas.restoreState()


def build_pdf(info: PageInfo, story: list[Flowable], metadata: dict[str, str],
              printed_at: datetime, fingerprint: str) -> bytes:
    """The story on A4 pages in this frame; `metadata` (title, author, …) goes
    into the file. The same arguments give the same bytes (numbered_canvas)."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_X,
                          rightMargin=MARGIN_X, topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM,
                          invariant=1, pageCompression=1, lang="da-DK", **metadata)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, PAGE_WIDTH - 2 * MARGIN_X,
                  PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=lambda c, d: draw_frame(c, info))])
    doc.build(story, canvasmaker=numbered_canvas(printed_at, fingerprint))
    return buffer.getvalue()


def numbered_canvas(printed_at: datetime, fingerprint: str):
    """A canvas class that writes "Side x af y" once the page count is known,
    stamps `printed_at` as the creation date and derives the document id from
    `fingerprint`, so the same input gives the same bytes."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            kwargs.update(invariant=1, initialFontName=REGULAR, initialFontSize=9.5)
            super().__init__(*args, **kwargs)
            _stamp(self, printed_at)
            self._doc.updateSignature(fingerprint)
            self._saved_pages: list[dict] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                self.setFont(REGULAR, 8)
                self.setFillColor(INK)
                self.drawRightString(PAGE_WIDTH - MARGIN_X, 10.5 * mm, f"Side {number} af {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def _stamp(canvas: Canvas, printed_at: datetime) -> None:
    """Creation date = the version's print time (UTC), not the clock now."""
    stamp = canvas._doc._timeStamp
    stamp.t = printed_at.timestamp() if printed_at.tzinfo else _utc_seconds(printed_at)
    stamp.lt = time.gmtime(stamp.t)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    stamp.dhh = stamp.dmm = 0
    stamp.tzname = "UTC"


def _utc_seconds(naive_utc: datetime) -> float:
    return calendar.timegm(naive_utc.timetuple()) + naive_utc.microsecond / 1e6
