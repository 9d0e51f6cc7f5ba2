"""Helpers shared by the command modules."""
from __future__ import annotations

import getpass
import sys
from contextlib import contextmanager
from typing import Iterator

from app.context import Context, open_context
from app.secrets import KeyringUnavailable
from db.engine import StoreError

EXIT_USAGE, EXIT_STORE = 2, 3


class CliError(RuntimeError):
    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@contextmanager
def cli_context() -> Iterator[Context]:
    try:
        ctx = open_context()
    except KeyringUnavailable as exc:
        raise CliError(str(exc), EXIT_STORE) from None
    except StoreError as exc:
        raise CliError(str(exc), EXIT_STORE) from None
    try:
        yield ctx
    finally:
        ctx.close()


def read_secret(prompt: str) -> str:
    """From the terminal without echo, or one line of stdin in scripts."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin else ""
    return line.rstrip("\r\n")


def progress_printer(label: str):
    def report(fraction: float, message: str) -> None:
        print(f"{label}: {fraction * 100:5.1f} % {message}", file=sys.stderr, flush=True)
    return report
