"""Hybrid logical clock stamps for outbox entries.

A stamp is `WWWWWWWWWWWWWWW-CCCCC-NODE` (wall milliseconds, counter, node id),
so stamps sort as strings. Clocks only break ties; the server's sequence is
what orders changes (see DESIGN.md, Sync).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.wall_ms:015d}-{self.counter:05d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        wall, counter, node = text.split("-", 2)
        return cls(int(wall), int(counter), node)


class HybridClock:
    def __init__(self, node: str, wall=lambda: int(time.time() * 1000)) -> None:
        self._node = node
        self._wall = wall
        self._last = Stamp(0, 0, node)
        self._lock = threading.Lock()
        # The server's clock minus this laptop's, as measured at the last
        # pull: stamps are made on the server's clock, with the offset known
        # when the edit is made (a clock put right later changes nothing).
        self.offset_ms = 0

    def set_offset(self, offset_ms: int) -> None:
        """Take a newly measured offset to the server's clock. A stamp made
        before with a clock that was ahead does not hold the clock ahead:
        the server orders one laptop's changes by arrival, stamps only
        decide between laptops."""
        with self._lock:
            if offset_ms != self.offset_ms:
                self.offset_ms = offset_ms
                corrected = int(self._wall()) + offset_ms
                if corrected < self._last.wall_ms:
                    self._last = Stamp(corrected, 0, self._node)

    def wall_ms(self) -> int:
        """This laptop's clock, uncorrected."""
        return int(self._wall())

    def set_node(self, node: str) -> None:
        with self._lock:
            self._node = node

    def now(self) -> Stamp:
        with self._lock:
            wall = int(self._wall()) + self.offset_ms
            if wall > self._last.wall_ms:
                self._last = Stamp(wall, 0, self._node)
            else:
                self._last = Stamp(self._last.wall_ms, self._last.counter + 1, self._node)
            return self._last

    def observe(self, remote: Stamp | str) -> None:
        """Move past a stamp seen from elsewhere (already capped by the server)."""
        other = Stamp.parse(remote) if isinstance(remote, str) else remote
        with self._lock:
            if (other.wall_ms, other.counter) > (self._last.wall_ms, self._last.counter):
                self._last = Stamp(other.wall_ms, other.counter, self._node)


def cap(stamp: Stamp, server_ms: int, max_ahead_ms: int = 5 * 60 * 1000) -> Stamp:
    """A client clock far ahead is pulled back to the server's time plus a margin."""
    limit = server_ms + max_ahead_ms
    if stamp.wall_ms <= limit:
        return stamp
    return Stamp(limit, stamp.counter, stamp.node)
