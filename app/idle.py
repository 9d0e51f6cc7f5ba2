"""Idle time: how long since the user last touched keyboard or mouse.
Pure Python with an injectable clock, so the rule is tested without Qt."""
from __future__ import annotations

import time
from collections.abc import Callable


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
