"""Helpers shared by the command modules."""
from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
        ctx = _open_with_passphrase(exc)
    except StoreError as exc:
        raise CliError(str(exc), EXIT_STORE) from None
    try:
        yield ctx
    finally:
        ctx.close()


def _open_with_passphrase(exc: KeyringUnavailable) -> Context:
    """No keyring: a person at a terminal may give the store's passphrase."""
    if sys.stdin is None or not sys.stdin.isatty():
        raise CliError(str(exc), EXIT_STORE) from None
    print(str(exc), file=sys.stderr)
    try:
        return open_context(getpass.getpass("Adgangsfrase: "))
    except (StoreError, ValueError) as err:
        raise CliError(str(err), EXIT_STORE) from None


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


def write_file(path: Path, data: bytes) -> None:
    """Write a whole file or nothing (a temporary beside it, then renamed)."""
    try:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError as exc:
        raise CliError(f"Kunne ikke skrive {path}: {exc.strerror or exc}", 1) from None
