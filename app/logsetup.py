"""A rotating log file in the log folder. Never log personal data or secrets:
log ids and counts, not names, CPR numbers, notes or tokens."""
from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from app import paths
from app.log_redaction import RedactingFilter

_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_jobcoach", False) for h in root.handlers):
        return
    paths.make_private()  # before the first file of this run is made
    handler = RotatingFileHandler(paths.log_dir() / "jobcoach.log", maxBytes=2_000_000,
                                  backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(RedactingFilter())  # masks CPR, keys and tokens that slip through
    handler._jobcoach = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
