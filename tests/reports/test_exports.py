"""Opening a figure logs access; CSV, PDF and the command line carry the
same figures as the report (data set: tests/reports/dataset.py)."""
from __future__ import annotations

import csv
import io
import subprocess

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from app.services import reports
from db.models import AccessLog
from tests.conftest import jobcoach_cmd, subprocess_env
from tests.reports.dataset import END, START, TODAY, build


@pytest.fixture
def report(ctx):
    data = build(ctx)
    return data, reports.build_report(ctx, reports.make_scope(START, END), today=TODAY)


def _log(ctx, entity="report"):
    with ctx.uow() as s:
        return s.execute(select(AccessLog.action, AccessLog.citizen_id, AccessLog.detail)
                         .where(AccessLog.entity == entity)).all()


def test_building_a_report_logs_nobody_opening_a_figure_logs_each_citizen(ctx, report):
    data, r = report
    assert _log(ctx) == []
    lines = reports.citizens_behind(ctx, r, "hours_raised")
    assert [(line.name, line.detail) for line in lines] == [
        ("Anna", "8 t → 11 t (timer)"), ("Bent", "10 t → 20 t (lønaftale)")]
    logged = _log(ctx)
    assert sorted((a, c) for a, c, _ in logged) == sorted(
        [("view", data.ids["Anna"]), ("view", data.ids["Bent"])])
    assert all(d == "Rapport: Har øget ugentlige timer" for _, _, d in logged)


def test_unknown_figure_is_refused(ctx, report):
    from app.rules.errors import ValidationError
    with pytest.raises(ValidationError):
        reports.citizens_behind(ctx, report[1], "no-such-figure")


def test_csv_is_excel_friendly(ctx, report, tmp_path):
    path = reports.export_csv(ctx, report[1], tmp_path / "rapport.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    by_label = {row[1]: row for row in rows if len(row) > 2}
    assert by_label["Har øget ugentlige timer (mål 35 %)"][2:] == ["50,0", "%", "2", "4"]
    assert by_label["Gennemsnitlig ændring, alle målte"][2] == "3,12"
    assert by_label["Andel for sent"][2:] == ["25,0", "%", "2", "8"]
    assert ["03.2025", "2", "6", "10,7", "10,3", "96,9", "40,0"] in rows
    assert ("export", None, "CSV: rapport.csv") in _log(ctx)


def test_pdf_holds_the_figures(ctx, report, tmp_path):
    path = reports.export_pdf(ctx, report[1], tmp_path / "rapport.pdf")
    pdf = PdfReader(str(path))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Rapport: progression og opfølgning" in text
    assert "Har øget ugentlige timer (mål 35 %)" in text and "50,0 %" in text
    assert "2 af 4" in text and "Intern → Ekstern" in text
    assert f"Side 1 af {len(pdf.pages)}" in text
    assert "Anna" not in text  # figures only, no names
    fonts = {f for page in pdf.pages for f in page["/Resources"]["/Font"].values()}
    assert all("DejaVu" in str(font.get_object()["/BaseFont"]) for font in fonts)


def test_command_line_report(ctx, report, tmp_path):
    out_csv = tmp_path / "cli.csv"
    result = subprocess.run(jobcoach_cmd() + ["report", "--from", "01.01.2025", "--to", "30.06.2025",
                                              "--csv", str(out_csv)],
                            env=subprocess_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    assert ["Timer", "Har øget ugentlige timer (mål 35 %)", "50,0 %", "2", "4"] in lines
    assert ["Opfølgning", "Overskredet ved periodens slutning", "2 borgere", "", ""] in lines
    assert out_csv.read_bytes().startswith(b"\xef\xbb\xbf")
    bad = subprocess.run(jobcoach_cmd() + ["report", "--team", "nope"], env=subprocess_env(),
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "Ukendt team" in bad.stderr


def test_an_empty_store_gives_empty_figures_not_errors(ctx, tmp_path):
    r = reports.build_report(ctx, reports.make_scope(START, END), today=TODAY)
    assert r.citizens == 0 and r.hours.share is None and r.followups.late_share is None
    assert [m.weeks for m in r.months] == [0] * 6
    reports.export_csv(ctx, r, tmp_path / "empty.csv")
    reports.export_pdf(ctx, r, tmp_path / "empty.pdf")
    pdf = PdfReader(str(tmp_path / "empty.pdf"))
    assert f"Side 1 af {len(pdf.pages)}" in pdf.pages[0].extract_text()
