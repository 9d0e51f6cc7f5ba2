"""THE KILL TEST: a child process types a long note into a VisitEditor and
is killed with SIGKILL mid-typing. After reopening the store, the saved note
must be exactly what was typed up to at most 2 seconds before the kill."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.context import open_context
from app.services import visits
from tests.conftest import FULL, ROOT, subprocess_env

WORDS = ("borgeren", "mødte", "til", "tiden", "og", "arbejdede", "på", "lageret", "med", "Lise",
         "pakkede", "varer", "æbler", "øl", "små", "pauser", "gik", "godt", "spørger", "Ærø", "ØRE", "Åen")
MAX_LOSS_S = 2.0


def note_text(seed: int, length: int = 20_000) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS) + rng.choice(("", "", "", ",", ".")))
    return " ".join(words)[:length]


def read_log(path: Path) -> tuple[str | None, list[tuple[float, int]]]:
    visit_id, points = None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        first, second = line.split("\t")
        if first == "visit":
            visit_id = second
        elif second.isdigit():
            points.append((float(first), int(second)))
    return visit_id, points


def wait_for_typing(child: subprocess.Popen, log: Path, timeout: float = 60.0) -> float:
    """Wall time of the first typed chunk (the child has started typing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            pytest.fail(f"the child ended early: {child.stderr.read().decode(errors='replace')[-2000:]}")
        if log.exists():
            _visit, points = read_log(log)
            if points:
                return points[0][0]
        time.sleep(0.05)
    pytest.fail("the child never started typing")


def run_once(tmp_path: Path, typing_seconds: float, seed: int) -> None:
    text = note_text(seed)
    text_file, log = tmp_path / f"note-{seed}.txt", tmp_path / f"typed-{seed}.log"
    text_file.write_text(text, encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-m", "tests.ui.editors.kill_child", str(text_file), str(log)],
                             cwd=ROOT, env=subprocess_env({"QT_QPA_PLATFORM": "offscreen"}),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_typing(child, log)
        time.sleep(typing_seconds)
        killed_at = time.time()
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
        child.stderr.close()
    visit_id, points = read_log(log)
    typed_by_deadline = max((n for t, n in points if t <= killed_at - MAX_LOSS_S), default=0)
    assert typed_by_deadline > 50, "too little was typed for the test to mean anything"
    ctx = open_context()
    try:
        saved = visits.get_visit(ctx, visit_id).notes
    finally:
        ctx.close()
    assert text.startswith(saved), "the saved note is not what was typed"
    assert len(saved) >= typed_by_deadline, (
        f"lost more than {MAX_LOSS_S} s of typing: saved {len(saved)} characters, "
        f"{typed_by_deadline} were typed {MAX_LOSS_S} s before the kill")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_kill_while_typing_loses_at_most_two_seconds(tmp_path):
    # 6.5 s of typing: several save cycles, so a save that comes too late (or only
    # when typing pauses) is caught, not only one that never comes.
    run_once(tmp_path, typing_seconds=6.5, seed=1)


@pytest.mark.slow
@pytest.mark.skipif(not FULL, reason="crash loop: JOBCOACH_FULL_TESTS=1")
@pytest.mark.parametrize("seed", range(2, 8))
def test_kill_at_varied_moments(tmp_path, seed):
    run_once(tmp_path, typing_seconds=2.5 + seed * 0.83, seed=seed)
