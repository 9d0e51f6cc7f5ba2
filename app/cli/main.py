"""`jobcoach <command>`: dispatch to the command modules.

Exit codes are part of the product (scripts and IT use them):
0 done, 1 failed, 2 bad usage or unknown id, 3 the store cannot be opened.
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from app.cli import (
    commands_addendum,
    commands_data,
    commands_privacy,
    commands_reports,
    commands_seal,
    commands_status,
    commands_sync,
)

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_STORE = 0, 1, 2, 3
log = logging.getLogger(__name__)

# Each module adds its sub-commands: register(subparsers) -> None, and sets
# `func` on its parsers. Plain imports: a broken command module fails the
# tests and the build instead of silently missing from `jobcoach --help`.
COMMAND_MODULES = (commands_data, commands_addendum, commands_privacy, commands_sync, commands_reports,
                   commands_status, commands_seal)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jobcoach", description="Jobcoach – feltværktøj for jobcoaches")
    parser.add_argument("--smoke-test", action="store_true",
                        help="start, åbn databasen, byg hovedvinduet offscreen og afslut")
    sub = parser.add_subparsers(dest="command")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def run(argv: list[str]) -> int:
    from app.cli.common import CliError
    from app.logsetup import setup_logging

    setup_logging()
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return func(args)
    except CliError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return EXIT_FAILED
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK


def main() -> int:
    return run(sys.argv[1:])
