"""Crash points for the sync tests: a test sets JOBCOACH_SYNC_FAULT to a point
name and the process dies right there, as a pulled plug would. Without the
variable these calls do nothing."""
from __future__ import annotations

import os

FAULT_ENV = "JOBCOACH_SYNC_FAULT"
AFTER_PUSH = "after-push"          # the server committed; the client never marks the batch sent
BEFORE_CURSOR = "before-cursor"    # a page is applied but its transaction not committed


def maybe_crash(point: str) -> None:
    if os.environ.get(FAULT_ENV) == point:
        os._exit(70)
