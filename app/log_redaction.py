"""A last line of defence for the log file: whatever a message or a
traceback carries, CPR-like numbers, 256-bit hex keys and bearer tokens are
masked before the line is written. The first line is not logging personal
data at all (ids and counts only) and SQLAlchemy's hide_parameters, which
keeps row values out of database error messages."""
from __future__ import annotations

import logging
import re

_PATTERNS = (
    (re.compile(r"\b\d{6}-?\d{4}\b"), "xxxxxx-xxxx"),                    # CPR
    (re.compile(r"\b[0-9a-fA-F]{64}\b"), "<skjult nøgle>"),               # store keys
    (re.compile(r"(?i)(bearer|token|password|passphrase|adgangskode)([\"']?\s*[:=]?\s*[\"']?)"
                r"[^\s\"',;]+"), r"\1\2<skjult>"),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info:
            text = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(text)
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
