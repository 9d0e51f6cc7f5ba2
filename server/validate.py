"""Every pushed change is checked against the synced entities' own schema
(the laptop's models, db.models, read through db.rowcheck) before it is
applied: known entity, known columns only, each value of its column's type
and length, finite numbers, ISO dates and times, and on insert every column
that has no default. A change that fails is refused alone, with the reason;
the rest of its batch applies.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from db.rowcheck import ID, Rule, problem, rules
from db.quickcheck import Quick, as_old, quick_check
from server.schema import CONFLICT_ENTITY

__all__ = ["ID", "refusal", "with_defaults", "foreign_columns", "entity_rules"]

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


@dataclass(frozen=True)
class _Field:
    rule: Rule
    old_rule: Rule
    quick: Quick       # the new value certainly fits
    quick_old: Quick   # the old value certainly fits


@dataclass(frozen=True)
class _Entity:
    """One entity's checks, made once per process."""

    fields: dict[str, _Field]
    required: tuple[str, ...]
    foreign: tuple[str, ...]
    defaults: tuple[tuple[str, Any], ...]  # filled in when an insert leaves them out


@lru_cache(maxsize=1)
def _entities() -> dict[str, _Entity]:
    out = {}
    for entity, known in entity_rules().items():
        fields = {name: _Field(rule, as_old(rule), quick_check(rule), quick_check(as_old(rule)))
                  for name, rule in known.items() if name not in NOT_SENT}
        defaults = tuple((r.name, r.default) for r in known.values()
                         if r.name not in NOT_SENT and r.name != "created_at"
                         and (r.default is not None or r.nullable))
        out[entity] = _Entity(fields, tuple(r.name for r in known.values() if r.required),
                              tuple(r.name for r in known.values() if r.foreign), defaults)
    return out


def foreign_columns(entity: str) -> tuple[str, ...]:
    """The columns of an entity that hold another row's id."""
    known = _entities().get(entity)
    return known.foreign if known is not None else ()


def refusal(change: dict[str, Any], row: dict[str, Any] | None) -> str | None:
    """Why this change cannot be applied to `row` (None: the server's current
    record, if any), or None when it can."""
    known = _entities().get(change["entity"])
    if known is None:
        return f"ukendt tabel '{change['entity'][:50]}'"
    if row is not None and row["entity"] != change["entity"]:
        return "id'et tilhører en post af en anden slags"
    op, fields = change["op"], change["fields"]
    if change["entity"] == CONFLICT_ENTITY and (op != "update" or set(fields) - CONFLICT_FIELDS):
        return "en konflikt kan kun markeres som afgjort"
    checks = known.fields
    for name, pair in fields.items():
        check = checks.get(name)
        if check is None:
            sent_by_store = name in NOT_SENT and name in entity_rules()[change["entity"]]
            return f"feltet '{name}' kan ikke sendes" if sent_by_store else f"ukendt felt '{name}'"
        old, new = pair[0], pair[1]
        if not check.quick(new):
            reason = problem(check.rule, new)
            if reason:
                return reason
        if old is not None and not check.quick_old(old):
            reason = problem(check.old_rule, old)
            if reason:
                return reason + " (gammel værdi)"
    if op == "delete" and (fields.get("deleted_at") or [None, None])[1] is None:
        return "en sletning skal angive tidspunktet (deleted_at)"
    if row is None and op != "insert":
        return "posten findes ikke på serveren"
    if row is None:
        for name in known.required:
            if name not in fields:
                return f"feltet '{name}' mangler"
    return None


def with_defaults(change: dict[str, Any]) -> dict[str, list[Any]]:
    """An insert's fields with every left-out column that has a default
    filled in, so each laptop can store the row as it is pulled."""
    fields = dict(change["fields"])
    for name, default in _entities()[change["entity"]].defaults:
        if name not in fields:
            fields[name] = [None, default]
    return fields
