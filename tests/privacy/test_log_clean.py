"""After a full scenario (create with CPR, visits with notes, export, erase,
backup, errors), the log file holds no CPR, name, note text or key."""
from __future__ import annotations

import logging
import subprocess

import pytest
from sqlalchemy.exc import SQLAlchemyError

from app import paths, secrets
from app.logsetup import setup_logging
from app.rules.errors import ValidationError
from app.services import citizens
from app.services.privacy import export_citizen
from app.services.retention import erase_citizen
from db.models import Visit
from tests.conftest import jobcoach_cmd, subprocess_env
from tests.privacy.scenario import NAME, PERSONAL_WORDS, make_full_citizen


@pytest.fixture
def file_log():
    root = logging.getLogger()
    previous = [h for h in root.handlers if getattr(h, "_jobcoach", False)]
    for handler in previous:
        root.removeHandler(handler)
    setup_logging()
    yield paths.log_dir() / "jobcoach.log"
    for handler in [h for h in root.handlers if getattr(h, "_jobcoach", False)]:
        root.removeHandler(handler)
        handler.close()
    for handler in previous:
        root.addHandler(handler)


def test_log_file_has_no_personal_data_or_secrets(ctx, tmp_path, file_log):
    made = make_full_citizen(ctx)
    export_citizen(ctx, made.citizen_id, tmp_path / "ud")
    with pytest.raises(ValidationError):
        citizens.create_citizen(ctx, name=NAME, cpr="321390-1234")
    try:  # a database error whose statement carries the note text
        with ctx.uow() as s:
            s.add(Visit(citizen_id="findes-ikke", at=None, notes=f"{NAME} 010190-1234"))
    except SQLAlchemyError:
        logging.getLogger("ui.worker").exception("background job failed")
    logging.getLogger("test").error("unlock failed for key %s", secrets.get_secret(secrets.DB_KEY_NAME))
    ctx.close()
    env = subprocess_env()
    for args in (["export-citizen", made.citizen_id, "-o", str(tmp_path / "cli")], ["backup"],
                 ["export-citizen", "ukendt", "-o", str(tmp_path)], ["restore", str(tmp_path / "x.db")]):
        subprocess.run(jobcoach_cmd() + args, env=env, capture_output=True, timeout=120)
    from app.context import open_context

    again = open_context()
    erase_citizen(again, made.citizen_id)
    again.close()
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = "".join(p.read_text(encoding="utf-8") for p in paths.log_dir().glob("jobcoach.log*"))
    assert "background job failed" in text and "citizen export written" in text
    assert "backup written" in text and "citizen erased" in text
    assert "<skjult nøgle>" in text  # the key given to the logger was masked
    for word in PERSONAL_WORDS:
        assert word.lower() not in text.lower(), word
    assert secrets.get_secret(secrets.DB_KEY_NAME) not in text
