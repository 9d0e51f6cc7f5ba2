"""The standard clauses of the tillægsaftale (resources/texts/addendum_clauses.json):
the common text of each clause, replaced per kind of placement where it differs."""
from __future__ import annotations

import json
from functools import cache
from typing import Any

from app import paths

CLAUSES_FILE = ("texts", "addendum_clauses.json")


@cache
def _texts() -> dict[str, Any]:
    path = paths.resources_dir().joinpath(*CLAUSES_FILE)
    return json.loads(path.read_text(encoding="utf-8"))


def clauses_for(kind: str) -> list[dict[str, str]]:
    """[{key, title, text}] in print order; placeholders stay for the renderer."""
    texts = _texts()
    own = texts["by_kind"].get(kind, {})
    return [{"key": key, "title": texts["titles"][key], "text": own.get(key, texts["common"][key])}
            for key in texts["order"]]


def fill(text: str, values: dict[str, str]) -> str:
    """Placeholders filled; an unknown one is left as it is rather than fail."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text
