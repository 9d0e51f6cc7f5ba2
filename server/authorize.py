"""Who may make which change, per entity: one function, asked for every
pushed change before it is applied. A refusal is a reason (Danish, shown on
the laptop that sent the change) and refuses that change alone; the rest of
the batch applies. The laptop keeps these rules in its own code; the server
checks them again, because anyone holding a device token can send any
change through the HTTP API. Rules:
- a row belongs to the team that created it: no change to another team's row;
- the access log is insert-only, and an entry's user is the caller;
- conflict records are made by the server: a client may only resolve one
  (resolved_at / resolution), never create, delete or rewrite it.
"""
from __future__ import annotations

from typing import Any

from server.schema import CONFLICT_ENTITY

ACCESS_LOG = "access_log"
RESOLVE_FIELDS = frozenset({"resolved_at", "resolution"})

OTHER_TEAM = "posten tilhører et andet team"
LOG_APPEND_ONLY = "adgangsloggen kan ikke ændres eller slettes, kun tilføjes"
LOG_OTHER_USER = "en post i adgangsloggen skal være skrevet af den bruger, der sender den"
CONFLICT_FORGED = "konflikter oprettes af serveren; de kan kun markeres som løst"


def refusal(caller_team: str, leader: bool, device_id: str, change: dict[str, Any],
            row: dict[str, Any] | None, *, username: str | None = None) -> str | None:
    """None if the caller may make `change` to `row` (None: a row the server
    does not have). `username` is the caller's account name; without it the
    access log's user is not checked (callers that know it pass it)."""
    if row is not None and row["team"] != caller_team:
        return OTHER_TEAM
    entity = change.get("entity")
    if entity == ACCESS_LOG:
        return _access_log(change, row, username)
    if entity == CONFLICT_ENTITY:
        return _conflict(change, row)
    return None


def _access_log(change: dict[str, Any], row: dict[str, Any] | None, username: str | None) -> str | None:
    if row is not None or change.get("op") != "insert":
        return LOG_APPEND_ONLY
    user = change.get("fields", {}).get("user")
    if username is not None and (user is None or user[1] != username):
        return LOG_OTHER_USER
    return None


def _conflict(change: dict[str, Any], row: dict[str, Any] | None) -> str | None:
    if row is None or change.get("op") != "update":
        return CONFLICT_FORGED
    if not set(change.get("fields", {})) <= RESOLVE_FIELDS:
        return CONFLICT_FORGED
    return None


def sees_access_log_of_others(leader: bool) -> bool:
    """Only a team leader's devices receive other users' access-log entries."""
    return leader
