"""The PySide6 None-refcount defect must not crash a window in long use."""
from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT, subprocess_env

PROBE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
{guard}
label = QLabel()
for _ in range(100_000):   # more void calls than None has references
    label.setText("a")
print("survived")
"""


def run_probe(guard: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PROBE.format(guard=guard)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env=subprocess_env({"QT_QPA_PLATFORM": "offscreen"}))


def test_editors_survive_many_void_qt_calls():
    result = run_probe("import ui.editors")
    assert result.returncode == 0 and "survived" in result.stdout, result.stderr[-500:]
