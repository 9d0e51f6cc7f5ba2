"""`jobcoach status-report` in a child process: the PDF and text written,
the access log, and bad ids and dates (exit 2, a Danish message)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.context import open_context
from app.services import access_log
from tests.conftest import jobcoach_cmd, subprocess_env
from tests.status.citizen import NAME, make_citizen
from tests.test_addendum_helpers import flat, pdf_text


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(jobcoach_cmd() + list(args), env=subprocess_env(), capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def citizen_id(isolated) -> str:
    ctx = open_context()
    try:
        return make_citizen(ctx).citizen_id
    finally:
        ctx.close()


def test_writes_the_pdf_and_the_text(citizen_id, tmp_path: Path):
    pdf, txt = tmp_path / "status.pdf", tmp_path / "status.txt"
    out = _run("status-report", citizen_id, "--from", "01.03.2026", "--to", "31.08.2026", "-o", str(pdf),
               "--assessment", "Stabilt fremmøde hele perioden.", "--text", str(txt))
    assert out.returncode == 0, out.stderr
    assert "skrevet til" in out.stderr
    text = flat("\n".join(pdf_text(pdf.read_bytes())))
    assert NAME in text and "Stabilt fremmøde hele perioden." in text
    assert "aug. 2026 4 60 t 36 t 12 t 15 t 60 %" in text
    assert "Ingen anbefaling skrevet." in text
    plain = txt.read_text(encoding="utf-8")
    assert "- august 2026: fremmøde 60 t, effektive 36 t, ordinære 12 t" in plain
    ctx = open_context()
    try:
        made = [e for e in access_log.query(ctx, citizen_id=citizen_id) if e.entity == "status_report"]
    finally:
        ctx.close()
    assert sorted(e.detail.split(",")[0] for e in made) == ["PDF", "Tekst"]
    assert {e.action for e in made} == {"print"}


@pytest.mark.parametrize("args, message", [
    (("--from", "32.13.2026", "--to", "31.08.2026"), "Ugyldig dato til --from: '32.13.2026'"),
    (("--from", "01.03.2026", "--to", "i morgen"), "Ugyldig dato til --to: 'i morgen'"),
    (("--to", "31.08.2026"), "Angiv --from DD.MM.ÅÅÅÅ"),
    (("--from", "31.08.2026", "--to", "01.03.2026"), "Slutdatoen ligger før startdatoen."),
    (("--from", "01.01.1980", "--to", "01.03.1980"), "Startdatoen skal ligge mellem 1990 og 2100."),
])
def test_bad_dates_are_usage_errors(citizen_id, tmp_path: Path, args, message):
    target = tmp_path / "x.pdf"
    out = _run("status-report", citizen_id, *args, "-o", str(target))
    assert out.returncode == 2, out.stderr
    assert out.stderr.startswith("Fejl: ") and message in out.stderr
    assert "Traceback" not in out.stderr and not target.exists()


def test_unknown_id_and_missing_output(citizen_id, tmp_path: Path):
    target = tmp_path / "x.pdf"
    for bad in ("ikke-et-id", "0" * 36, "x" * 80):
        out = _run("status-report", bad, "--from", "01.03.2026", "--to", "31.08.2026", "-o", str(target))
        assert out.returncode == 2, out.stderr
        assert "findes ikke" in out.stderr and "jobcoach list citizens" in out.stderr
    assert not target.exists()
    missing = _run("status-report", citizen_id, "--from", "01.03.2026", "--to", "31.08.2026")
    assert missing.returncode == 2 and "Angiv PDF-filen med -o FIL.pdf." in missing.stderr
