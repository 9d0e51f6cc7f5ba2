"""Who may make which change: one function, asked for every pushed change
before it is applied. A refusal is a reason (Danish, shown on the laptop
that sent the change) and refuses that change alone; the rest of the batch
applies. Rules about the access log are added here too (issue 13)."""
from __future__ import annotations


def refusal(caller_team: str, leader: bool, device_id: str, change: dict, row: dict | None) -> str | None:
    """Why this caller may not make this change, or None when it may.
    `row` is the server's current record of the change's row (None: new)."""
    if row is not None and row["team"] != caller_team:
        return "posten tilhører et andet team"
    return None
