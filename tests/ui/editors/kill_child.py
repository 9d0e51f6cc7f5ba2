"""Child process of test_kill_while_typing: opens the store, creates a
citizen, opens a VisitEditor and types a long note into it, a few keys at a
time from the event loop (as a user would), logging after every chunk the
wall time and how many characters are typed so far. The test kills it.

    python -m tests.ui.editors.kill_child TEXT_FILE LOG_FILE
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

CHUNK = 3            # characters per burst
INTERVAL_MS = 25     # ~120 characters a second: a fast typist


def main(text_file: str, log_file: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.context import open_context
    from app.services.citizens import create_citizen
    from ui.editors.visit_editor import VisitEditor

    app = QApplication(sys.argv)
    ctx = open_context()
    citizen = create_citizen(ctx, name="Kirsten Kill")
    editor = VisitEditor(ctx, citizen.id)
    editor.show()
    app.processEvents()
    text = Path(text_file).read_text(encoding="utf-8")
    log = open(log_file, "a", encoding="utf-8", buffering=1)
    log.write(f"visit\t{editor.visit_id}\n")
    typed = 0

    def type_chunk() -> None:
        nonlocal typed
        if typed >= len(text):
            return
        QTest.keyClicks(editor.form.notes, text[typed:typed + CHUNK])
        typed = min(len(text), typed + CHUNK)
        log.write(f"{time.time():.6f}\t{typed}\n")

    timer = QTimer()
    timer.timeout.connect(type_chunk)
    timer.start(INTERVAL_MS)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
