"""CSV for Excel in Danish: semicolons, UTF-8 with a BOM (so Excel reads æøå),
decimal comma, no thousands separator (Excel reads 1234,5 as a number)."""
from __future__ import annotations

import csv
from pathlib import Path

from app.reports.model import PilotReport
from app.reports.rows import MONTH_HEADER, figure_rows, scope_text


def number(value: float | int | None, decimals: int = 1) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return f"{value:.{decimals}f}".replace(".", ",")


def csv_rows(report: PilotReport) -> list[list[str]]:
    out = [["Rapport", scope_text(report)], [],
           ["Afsnit", "Tal", "Værdi", "Enhed", "Antal", "Ud af"]]
    for row in figure_rows(report):
        decimals = 2 if row.unit == "t/uge" else 1
        out.append([row.section, row.label, number(row.value, decimals), row.unit,
                    "" if row.count is None else str(row.count),
                    "" if row.total is None else str(row.total)])
    out += [[], list(MONTH_HEADER)]
    for m in report.months:
        out.append([f"{m.month:%m.%Y}", str(m.citizens), str(m.weeks), number(m.mean_attendance),
                    number(m.mean_paid), number(m.intensity), number(m.ordinary_total)])
    return out


def write_csv(report: PilotReport, path: Path) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\r\n")
        writer.writerows(csv_rows(report))
