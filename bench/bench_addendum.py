"""One tillægsaftale PDF for demo placements of the large data set (DESIGN.md
target: under 150 ms), against reportlab rendering a one-paragraph PDF with
the same fonts in the same run."""
from __future__ import annotations

import io
import statistics
import time

from bench.common import BenchEnv, Figure, median_time

TARGET_MS = 150.0
PLACEMENTS = 15


def _one_paragraph_pdf() -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from app.documents.page import styles

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([Paragraph("Tillægsaftale – én afsnit med æøå.",
                                                            styles()["body"])])
    return buffer.getvalue()


def run(env: BenchEnv) -> list[Figure]:
    from app.services import addenda, placements

    ctx = env.open_context()
    try:
        ids = [p.id for p in placements.list_placements(ctx, 0, 400).rows][::400 // PLACEMENTS][:PLACEMENTS]
        start = time.perf_counter()
        addenda.prepare(ctx, ids[0])  # first one: font loading and imports
        cold = time.perf_counter() - start
        times = []
        for placement_id in ids:
            for _ in range(3):
                t0 = time.perf_counter()
                addenda.prepare(ctx, placement_id)  # snapshot + render; writes nothing
                times.append(time.perf_counter() - t0)
        anchor = median_time(_one_paragraph_pdf, repeat=15)
    finally:
        ctx.close()
    median_ms = statistics.median(times) * 1000
    return [
        Figure("addendum: one tillægsaftale PDF (median)", round(median_ms, 1), "ms", f"< {TARGET_MS:.0f} ms",
               "reportlab one-paragraph PDF", round(anchor * 1000, 2), ok=median_ms < TARGET_MS,
               note=f"{len(ids)} demo placements x 3, max {max(times) * 1000:.0f} ms"),
        Figure("addendum: first PDF in the process (cold)", round(cold * 1000, 1), "ms",
               note="includes loading the DejaVu fonts"),
    ]
