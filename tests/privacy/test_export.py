"""Access request: everything about one citizen, JSON + PDF, logged."""
from __future__ import annotations

import json
import subprocess

import pytest
from pypdf import PdfReader

from app.services import access_log, citizens
from app.services.crud import NotFound
from app.services.privacy import export_citizen
from tests.conftest import jobcoach_cmd, subprocess_env
from tests.privacy.scenario import ACCOM_WORD, ACTION_WORD, CPR, NAME, NOTE_WORD, TASK_WORD, make_full_citizen


def test_export_holds_everything_and_the_log(ctx, tmp_path):
    made = make_full_citizen(ctx)
    other = citizens.create_citizen(ctx, name="Anden Borger")
    result = export_citizen(ctx, made.citizen_id, tmp_path / "out")
    data = json.loads(result.json_path.read_text(encoding="utf-8"))
    assert data["citizen"]["name"] == NAME and data["citizen"]["cpr"] == CPR
    (p,) = data["placements"]
    assert TASK_WORD in p["tasks"] and p["company"]["name"] == "Bageriet Solsikke ApS"
    assert len(p["schedule"]) == 2 and len(p["wage_versions"]) == 1
    assert len(p["milestones"]) == 1 and len(p["hours"]) == 1
    assert len(data["accommodations"]) == 2  # the history: both versions
    assert sum(a["superseded"] for a in data["accommodations"]) == 1
    (v,) = data["visits"]
    assert NOTE_WORD in v["notes"] and v["accommodation_checks"][0]["comment"] == "Holder fint"
    assert ACTION_WORD in v["actions"][0]["text"]
    actions = {e["action"] for e in data["access_log"]}
    assert {"create", "change", "view", "export"} <= actions
    assert all(other.id not in json.dumps(e) for e in data["access_log"])
    text = "".join(page.extract_text() for page in PdfReader(result.pdf_path).pages)
    for word in (NAME, CPR, NOTE_WORD, TASK_WORD, ACCOM_WORD, ACTION_WORD, "Udtræk (indsigt)"):
        assert word in text, word
    logged = access_log.query(ctx, citizen_id=made.citizen_id)
    assert logged[0].action == "export"


def test_export_of_unknown_citizen_is_refused(ctx, tmp_path):
    with pytest.raises(NotFound):
        export_citizen(ctx, "no-such-id", tmp_path)
    assert not any(e.action == "export" for e in access_log.query(ctx))


def test_cli_export_and_unknown_id(ctx, tmp_path):
    made = make_full_citizen(ctx)
    ctx.close()
    out = tmp_path / "ud"
    ok = subprocess.run(jobcoach_cmd() + ["export-citizen", made.citizen_id, "-o", str(out)],
                        env=subprocess_env(), capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    files = sorted(p.suffix for p in out.iterdir())
    assert files == [".json", ".pdf"]
    bad = subprocess.run(jobcoach_cmd() + ["export-citizen", "ukendt", "-o", str(out)],
                         env=subprocess_env(), capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
    assert "Der findes ingen borger med id ukendt" in bad.stderr
