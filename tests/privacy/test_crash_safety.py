"""Crash safety: a writer killed with SIGKILL at random moments loses no
write it reported committed, and the store stays intact (also the outbox)."""
from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from app.context import open_context
from db.models import OutboxEntry, Visit
from tests.conftest import FULL, subprocess_env

KILLS = 100 if FULL else 8
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _run_and_kill(seed: int, delay: float) -> list[str]:
    child = subprocess.Popen([sys.executable, "-m", "tests.privacy.crash_writer", str(seed)],
                             env=subprocess_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    lines: list[str] = [child.stdout.readline()]  # the store is open and writing
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=30)
    assert lines[0].startswith("citizen"), err[-2000:]
    return lines + out.splitlines()


def _check(reported: list[str]) -> int:
    ctx = open_context()
    try:
        assert ctx.store.integrity_ok()
        with ctx.uow() as s:
            for line in reported:
                parts = line.split()
                if len(parts) < 3 or parts[0] not in ("visit", "notes"):
                    continue  # a line cut by the kill was never fully reported
                row = s.get(Visit, parts[1])
                assert row is not None, line
                inserted = s.scalar(select(OutboxEntry.seq).where(
                    OutboxEntry.row_id == parts[1], OutboxEntry.op == "insert"))
                assert inserted is not None, line
                if parts[0] == "notes" and len(parts) == 4:
                    assert row.version >= int(parts[2]), line
                    # Autosaves fold into one unsent entry; it carries the saved notes.
                    newest = s.scalar(select(OutboxEntry.fields).where(OutboxEntry.row_id == parts[1])
                                      .order_by(OutboxEntry.seq.desc()).limit(1))
                    assert json.loads(newest)["notes"][1] == row.notes, line
        return len(reported)
    finally:
        ctx.close()


def test_sigkill_at_random_moments_loses_no_committed_write():
    rnd = random.Random()
    seed0 = rnd.randrange(1_000_000)
    total = 0
    for i in range(KILLS):
        reported = _run_and_kill(seed0 + i, rnd.uniform(0.0, 0.6))
        total += _check(reported)
    assert total > KILLS  # the writer did write between the kills
