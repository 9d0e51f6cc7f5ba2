"""Idle time: how long since the user last touched keyboard or mouse.
Pure Python with an injectable clock, so the rule is tested without Qt."""
from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path


class IdleTracker:
    def __init__(self, minutes: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = max(0, minutes) * 60.0
        self._clock = clock
        self._last = clock()

    @property
    def enabled(self) -> bool:
        return self.limit > 0

    def touch(self) -> None:
        self._last = self._clock()

    def idle_seconds(self) -> float:
        return self._clock() - self._last

    def due(self) -> bool:
        """True once the idle time has reached the limit (never when disabled)."""
        return self.enabled and self.idle_seconds() >= self.limit

    def set_minutes(self, minutes: int) -> None:
        """A changed setting applies at once; the idle time so far still counts."""
        self.limit = max(0, minutes) * 60.0


class LockFlag:
    """A file that says the program was locked: a restart while locked (or a
    crash, or killing the program) must not open everything without the PIN.
    It holds no personal data, only that the lock was on."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def is_set(self) -> bool:
        return self.path.exists()

    def set(self) -> None:
        self.path.write_text("locked", encoding="utf-8")

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
