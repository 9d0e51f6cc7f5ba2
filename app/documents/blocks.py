"""Small building blocks for the printed documents: escaped paragraphs,
label/value tables and data tables whose header repeats on every page."""
from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from app.documents.fonts import REGULAR
from app.documents.page import MARGIN_X, PAGE_WIDTH, RULE, SHADE
from app.formatting import fmt_date

TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
LABEL_WIDTH = 48 * mm
SHORT_TABLE_ROWS = 8
HEADING_SPACE = 14  # points: at least the h1 style's spaceBefore


def markup(text: str) -> str:
    """User text as safe Paragraph markup; line breaks kept."""
    return escape(text or "").replace("\r\n", "\n").replace("\n", "<br/>")


def paragraphs(text: str, style: ParagraphStyle) -> list[Flowable]:
    """One Paragraph per block of text, so long texts can break between them."""
    blocks = [b.strip() for b in (text or "").replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(markup(b), style) for b in blocks if b]


def iso_date(value: str | None) -> str:
    return fmt_date(date.fromisoformat(value)) if value else ""


def key_values(rows: list[tuple[str, str]], st: dict[str, ParagraphStyle]) -> Table:
    """Two columns, label and value; values wrap."""
    data = [[Paragraph(markup(k), st["label"]), Paragraph(markup(v) or "–", st["cell"])] for k, v in rows]
    table = Table(data, colWidths=[LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def data_table(head: list[str], rows: list[list[str]], widths_mm: list[float],
               st: dict[str, ParagraphStyle]) -> Table:
    """A table that may break across pages: the header row repeats, and a
    row taller than a page is split inside its cells."""
    scale = TEXT_WIDTH / (sum(widths_mm) * mm)
    widths = [w * mm * scale for w in widths_mm]
    data = [[Paragraph(markup(h), st["cell_head"]) for h in head]]
    data += [[Paragraph(markup(c), st["cell"]) for c in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
    ]))
    return table


class KeepWithHeading(KeepTogether):
    """KeepTogether measures its content without the first heading's space
    above it, which the frame does add: count it, or the block may be
    judged to fit and its last row spill onto the next page."""

    def wrap(self, aW: float, aH: float):
        size = super().wrap(aW, aH)
        self._H += HEADING_SPACE
        return size


def keep_if_short(flowables: list[Flowable], rows: int) -> list[Flowable]:
    """A heading with a short table stays on one page; a long table may
    break (its header repeats)."""
    return [KeepWithHeading(flowables)] if rows <= SHORT_TABLE_ROWS else flowables
