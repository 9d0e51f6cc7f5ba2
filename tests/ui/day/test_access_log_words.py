"""The access log shows Danish words for every action and kind of record
the program writes to it (found by reading the services' audit calls)."""
from __future__ import annotations

import re
from pathlib import Path

from app.services.access_log import ACTION_LABELS, ENTITY_LABELS, AccessEntry

ROOT = Path(__file__).resolve().parents[3]
CALL = re.compile(r'audit\.record\(s, ctx, "([a-z_]+)", [^,]+, "([a-z_]+)"')


def test_every_recorded_action_and_entity_has_a_danish_label():
    found = [m.groups() for path in (ROOT / "app").rglob("*.py") for m in CALL.finditer(path.read_text("utf-8"))]
    assert len(found) > 20
    for action, entity in found:
        assert action in ACTION_LABELS, action
        assert entity in ENTITY_LABELS, entity
    assert ENTITY_LABELS["report"] == "Rapport"


def test_an_unknown_word_is_never_shown_raw():
    from datetime import datetime

    entry = AccessEntry("1", datetime(2026, 1, 1), "bo", "frobnicate", None, "", "widget", None, "")
    assert (entry.action_label, entry.entity_label) == ("Anden handling", "Andet")
