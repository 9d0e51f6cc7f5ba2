"""The report as an A4 PDF (reportlab, DejaVu embedded): figures by section,
a chart of the monthly hours, the monthly table, "Side x af y"."""
from __future__ import annotations

import io
import math
from datetime import datetime
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.documents.fonts import BOLD, register_fonts
from app.formatting import fmt_datetime
from app.reports.model import PilotReport
from app.reports.rows import DEFINITIONS, MONTH_HEADER, figure_rows, month_cells, scope_text

ACCENT = colors.HexColor("#2f6f8f")


def _styles(font: str) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("t", fontName=BOLD, fontSize=16, leading=20, spaceAfter=4),
        "sub": ParagraphStyle("s", fontName=font, fontSize=9.5, leading=12, textColor=colors.grey),
        "h": ParagraphStyle("h", fontName=BOLD, fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=3),
        "cell": ParagraphStyle("c", fontName=font, fontSize=9, leading=11),
    }


def _table(data: list[list], widths: list[float], font: str, header: bool = False) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0)
    style = [("FONT", (0, 0), (-1, -1), font, 9), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
             ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    if header:
        style += [("FONT", (0, 0), (-1, 0), BOLD, 9), ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke)]
    table.setStyle(TableStyle(style))
    return table


class MonthBars(Flowable):
    """Bars: mean hours present per citizen-week, one per month. Drawn on the
    canvas directly (reportlab.graphics would pull in Helvetica)."""

    def __init__(self, report: PilotReport, font: str, width: float = 170 * mm,
                 height: float = 55 * mm) -> None:
        super().__init__()
        self.report, self.font, self.width, self.height = report, font, width, height

    def draw(self) -> None:
        c, font = self.canv, self.font
        months = self.report.months
        values = [m.mean_attendance or 0.0 for m in months]
        top = 5.0 * math.ceil(max(values + [1.0]) * 1.1 / 5)
        left, bottom, plot_w, plot_h = 28, 18, self.width - 36, self.height - 30
        c.setStrokeColor(colors.grey)
        c.line(left, bottom, left + plot_w, bottom)
        c.setFont(font, 7)
        for tick in (0.0, top / 2, top):
            c.drawRightString(left - 4, bottom + plot_h * tick / top - 3, f"{tick:.0f}")
        step = plot_w / max(len(values), 1)
        c.setFillColor(ACCENT)
        for i, value in enumerate(values):
            c.rect(left + i * step + step * 0.15, bottom, step * 0.7, plot_h * value / top,
                   stroke=0, fill=1)
        c.setFillColor(colors.black)
        c.setFont(font, 6.5)
        for i, m in enumerate(months):
            if len(months) <= 18 or i % 2 == 0:
                c.drawCentredString(left + i * step + step / 2, bottom - 10, f"{m.month:%m.%y}")
        c.setFont(font, 8)
        c.drawString(left, self.height - 8, "Fremmødetimer pr. borger-uge, gennemsnit pr. måned")


def _story(report: PilotReport, font: str) -> list:
    st = _styles(font)
    story: list = [Paragraph("Rapport: progression og opfølgning", st["title"]),
                   Paragraph(f"{scope_text(report)} · beregnet {fmt_datetime(datetime.now())}", st["sub"])]
    section: str | None = None
    block: list[list[object]] = []
    for row in figure_rows(report) + [None]:
        if row is None or row.section != section:
            if block:
                story.append(KeepTogether([Paragraph(section, st["h"]),
                                           _table(block, [104 * mm, 32 * mm, 34 * mm], font)]))
            if row is None:
                break
            section, block = row.section, []
        out_of = f"{row.count} af {row.total}" if row.total and row.unit == "%" else ""
        block.append([Paragraph(row.label, st["cell"]), row.value_text(), out_of])
    story += [Paragraph("Timer og intensitet pr. måned", st["h"]), MonthBars(report, font),
              Spacer(1, 4 * mm)]
    head = ParagraphStyle("mh", parent=st["cell"], fontName=BOLD, alignment=2)
    cells = [[Paragraph(h, head) for h in MONTH_HEADER]] + [list(c) for c in month_cells(report)]
    story.append(_table(cells, [20 * mm, 20 * mm, 16 * mm, 28 * mm, 28 * mm, 24 * mm, 28 * mm],
                        font, header=True))
    story.append(Paragraph("Sådan er tallene talt", st["h"]))
    story += [Paragraph(f"<b>{name}.</b> {text}", st["cell"]) for name, text in DEFINITIONS.items()]
    return story


def _doc(target, font: str) -> SimpleDocTemplate:
    return SimpleDocTemplate(target, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm,
                             topMargin=18 * mm, bottomMargin=18 * mm, initialFontName=font,
                             title="Rapport: progression og opfølgning", author="Jobcoach")


def write_pdf(report: PilotReport, path: Path) -> None:
    font = register_fonts()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    dry_run = _doc(io.BytesIO(), font)  # first pass: the page count for "Side x af y"
    dry_run.build(_story(report, font))
    pages = dry_run.page

    def footer(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.drawString(20 * mm, 10 * mm, scope_text(report))
        canvas.drawRightString(A4[0] - 20 * mm, 10 * mm, f"Side {document.page} af {pages}")
        canvas.restoreState()

    _doc(str(path), font).build(_story(report, font), onFirstPage=footer, onLaterPages=footer)
