"""Every pushed change is checked against the synced entities' own schema
(the laptop's models, db.models, read through db.rowcheck) before it is
applied: known entity, known columns only, each value of its column's type
and length, finite numbers, ISO dates and times, and on insert every column
that has no default. A change that fails is refused alone, with the reason;
the rest of its batch applies.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from db.rowcheck import ID, Rule, problem, rules

__all__ = ["ID", "refusal", "with_defaults", "foreign_columns", "entity_rules"]
from server.schema import CONFLICT_ENTITY

# Written by the store and the server themselves, never by a change.
NOT_SENT = frozenset({"id", "version", "updated_at"})
# A laptop may only mark a conflict resolved; the server makes conflicts.
CONFLICT_FIELDS = frozenset({"resolved_at", "resolution"})


@lru_cache(maxsize=1)
def entity_rules() -> dict[str, dict[str, Rule]]:
    from db.models import MODEL_BY_TABLE, Conflict

    out = {table: rules(model) for table, model in MODEL_BY_TABLE.items()}
    out[CONFLICT_ENTITY] = rules(Conflict)
    return out


def foreign_columns(entity: str) -> list[str]:
    """The columns of an entity that hold another row's id."""
    return [r.name for r in entity_rules().get(entity, {}).values() if r.foreign]


def refusal(change: dict[str, Any], row: dict[str, Any] | None) -> str | None:
    """Why this change cannot be applied to `row` (None: the server's current
    record, if any), or None when it can."""
    known = entity_rules().get(change["entity"])
    if known is None:
        return f"ukendt tabel '{change['entity'][:50]}'"
    if row is not None and row["entity"] != change["entity"]:
        return "id'et tilhører en post af en anden slags"
    op, fields = change["op"], change["fields"]
    if change["entity"] == CONFLICT_ENTITY and (op != "update" or set(fields) - CONFLICT_FIELDS):
        return "en konflikt kan kun markeres som afgjort"
    for name, pair in fields.items():
        rule = known.get(name)
        if rule is None:
            return f"ukendt felt '{name}'"
        if name in NOT_SENT:
            return f"feltet '{name}' kan ikke sendes"
        reason = problem(rule, pair[1]) or _old_problem(rule, pair[0])
        if reason:
            return reason
    if op == "delete" and (fields.get("deleted_at") or [None, None])[1] is None:
        return "en sletning skal angive tidspunktet (deleted_at)"
    if row is None and op != "insert":
        return "posten findes ikke på serveren"
    if row is None:
        missing = [r.name for r in known.values() if r.required and r.name not in fields]
        if missing:
            return f"feltet '{missing[0]}' mangler"
    return None


def _old_problem(rule: Rule, value: Any) -> str | None:
    """The value the laptop saw before its edit: only compared, never stored
    as such, but it must still be storable JSON (no 1e400, no NUL)."""
    if value is None:
        return None
    reason = problem(Rule(rule.name, rule.kind, None, True, False, None, False), value)
    return reason and reason + " (gammel værdi)"


def with_defaults(change: dict[str, Any]) -> dict[str, list[Any]]:
    """An insert's fields with every left-out column that has a default
    filled in, so each laptop can store the row as it is pulled."""
    fields = dict(change["fields"])
    for rule in entity_rules()[change["entity"]].values():
        if rule.name not in fields and rule.name not in NOT_SENT and rule.name != "created_at":
            if rule.default is not None or rule.nullable:
                fields[rule.name] = [None, rule.default]
    return fields
