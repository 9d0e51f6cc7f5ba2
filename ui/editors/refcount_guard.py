"""Guard against a PySide6 6.12.0 defect seen on this project's Python 3.11:
every call of a Qt method that returns void (setText, QTimer.start,
processEvents, ...) drops one reference to None too many. None starts with
~30,000 references, so a window in use crashes after some tens of thousands
of such calls ("Fatal Python error: none_dealloc") - e.g. after an hour of
typing notes. From Python 3.12 None is immortal and the defect is harmless;
on 3.11 we give None a reference count it cannot run out of."""
from __future__ import annotations

import ctypes
import platform
import sys

HEADROOM = 1 << 40


def install() -> None:
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field
    if refcount.value < HEADROOM:
        refcount.value += HEADROOM
