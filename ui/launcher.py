"""The `jobcoach` entry point: a command runs without a window; no command
(or --smoke-test) starts the program."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and not argv[0].startswith("-"):
        from app.cli.main import run
        return run(argv)
    if argv and argv[0] in ("-h", "--help"):
        from app.cli.main import run
        return run(argv)
    from ui.application import run_gui
    return run_gui(smoke_test="--smoke-test" in argv)


if __name__ == "__main__":
    sys.exit(main())
