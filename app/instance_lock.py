"""One program per store: an OS file lock on paths.lock_file().

The OS drops the lock when the process ends, also after a crash or a kill,
so a stale lock never blocks the next start. No Qt here: the command line
takes the same lock for commands that replace the store (restore).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from app import paths

ALREADY_RUNNING = ("Jobcoach kører allerede på denne computer (med den samme database). "
                   "Skift til det åbne vindue, eller luk det og prøv igen.")


class AlreadyRunning(RuntimeError):
    """Another process holds the lock; the message is Danish and safe to show."""

    def __init__(self) -> None:
        super().__init__(ALREADY_RUNNING)


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class InstanceLock:
    """Held from acquire() to release() (or the end of the process)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.lock_file()
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> InstanceLock:
        if self._handle is not None:
            return self
        handle = open(self.path, "a+b")
        if not _try_lock(handle):
            handle.close()
            raise AlreadyRunning()
        # The pid is for a person looking at the file; the lock is what counts.
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode())
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock(self._handle)
        finally:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()
