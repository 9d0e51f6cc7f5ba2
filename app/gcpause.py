"""Cyclic garbage collection paused while big batches of rows are handled.

A pulled sync page, a pushed batch or the rows of the team leader's report
make tens or hundreds of thousands of short-lived, acyclic objects; the
collector would rescan them again and again (a first full sync spent a third
of its time there). Counted, so overlapping users (a prefetch thread,
nested calls) re-enable it only when the last one ends; it is left as it
was found.
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = True


@contextmanager
def gc_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
