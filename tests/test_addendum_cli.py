"""`jobcoach addendum ID -o FILE.pdf` in a child process."""
from __future__ import annotations

import hashlib
import subprocess
from datetime import UTC
from pathlib import Path

from app.context import open_context
from tests.conftest import jobcoach_cmd, subprocess_env
from tests.test_addendum_helpers import flat, make_placement, pdf_text


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(jobcoach_cmd() + list(args), env=subprocess_env(), capture_output=True,
                          text=True, timeout=120)


def _made(isolated):
    ctx = open_context()
    try:
        return make_placement(ctx)
    finally:
        ctx.close()


def test_addendum_writes_the_pdf_and_reuses_the_version(isolated, tmp_path: Path):
    made = _made(isolated)
    first, second = tmp_path / "aftale.pdf", tmp_path / "igen.pdf"
    out = _run("addendum", made.placement_id, "-o", str(first))
    assert out.returncode == 0, out.stderr
    addendum_id, version, sha = out.stdout.strip().split("\t")
    assert version == "1" and hashlib.sha256(first.read_bytes()).hexdigest() == sha
    assert "Søren Østergård Æbelø" in flat("".join(pdf_text(first.read_bytes())))
    again = _run("addendum", made.placement_id, "-o", str(second))
    assert again.returncode == 0 and "uændret" in again.stderr
    assert second.read_bytes() == first.read_bytes()
    listed = _run("addendum", made.placement_id, "--list")
    assert listed.returncode == 0 and listed.stdout.startswith(f"{addendum_id}\t1\t")
    old = _run("addendum", made.placement_id, "--version", "1", "-o", str(tmp_path / "v1.pdf"))
    assert old.returncode == 0 and (tmp_path / "v1.pdf").read_bytes() == first.read_bytes()


def test_bad_id_or_missing_output_is_a_usage_error(isolated, tmp_path: Path):
    made = _made(isolated)
    bad = _run("addendum", "ikke-et-id", "-o", str(tmp_path / "x.pdf"))
    assert bad.returncode == 2
    assert "findes ikke" in bad.stderr and "jobcoach list placements" in bad.stderr
    assert not (tmp_path / "x.pdf").exists()
    assert _run("addendum", made.placement_id).returncode == 2
    assert _run("addendum", made.placement_id, "--version", "9", "-o", str(tmp_path / "y.pdf")).returncode == 2


def test_list_shows_the_print_time_in_danish_local_time(isolated):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from app.formatting import fmt_datetime
    from app.services import addenda

    ctx = open_context()
    try:
        made = make_placement(ctx)
        addenda.print_addendum(ctx, made.placement_id, now=datetime(2026, 3, 10, 23, 30, tzinfo=UTC))
    finally:
        ctx.close()
    listed = subprocess.run(jobcoach_cmd() + ["addendum", made.placement_id, "--list"],
                            env=subprocess_env({"TZ": "Europe/Copenhagen"}), capture_output=True, text=True,
                            timeout=120)
    assert listed.returncode == 0, listed.stderr
    danish = datetime(2026, 3, 10, 23, 30, tzinfo=UTC).astimezone(ZoneInfo("Europe/Copenhagen"))
    assert listed.stdout.split("\t")[2] == fmt_datetime(danish) == "11.03.2026 00:30"
