"""No code path of the program changes or removes access-log rows: the ORM
guard refuses it (test_access_log) and no Core statement targets the table."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_WRITE = re.compile(r"(update|delete|bulk_update)\(\s*(\w+\s*,\s*)?(AccessLog|[\"']access_log[\"'])")
_SQL = re.compile(r"(UPDATE|DELETE\s+FROM)\s+access_log\b", re.IGNORECASE)


def test_no_statement_updates_or_deletes_the_access_log():
    offenders = []
    for folder in ("app", "ui", "db"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if _WRITE.search(text) or _SQL.search(text):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
