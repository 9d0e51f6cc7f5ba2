"""Every pushed change is checked against the synced entities' own schema
(the laptop's models, db.models, read through db.rowcheck) before it is
applied: known entity, known columns only, each value of its column's type
and length, finite numbers, ISO dates and times, and on insert every column
that has no default. A change that fails is refused alone, with the reason;
the rest of its batch applies.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from db.rowcheck import ID, Rule, checkers, problem, rules
from server.schema import CONFLICT_ENTITY

__all__ = ["ID", "refusal", "with_defaults", "inserted", "insert_values", "foreign_columns", "entity_rules"]

# Written by the store and the server themselves, never by a change.
NOT_SENT = frozenset({"id", "version", "updated_at"})
# A laptop may only mark a conflict resolved; the server makes conflicts.
CONFLICT_FIELDS = frozenset({"resolved_at", "resolution"})


@lru_cache(maxsize=1)
def _models() -> dict[str, type]:
    from db.models import MODEL_BY_TABLE, Conflict

    return dict(MODEL_BY_TABLE, **{CONFLICT_ENTITY: Conflict})


def entity_rules() -> dict[str, dict[str, Rule]]:
    return {table: rules(model) for table, model in _models().items()}


@cache
def foreign_columns(entity: str) -> tuple[str, ...]:
    """The columns of an entity that hold another row's id."""
    model = _models().get(entity)
    return tuple(r.name for r in rules(model).values() if r.foreign) if model is not None else ()


def refusal(change: dict[str, Any], row: dict[str, Any] | None) -> str | None:
    """Why this change cannot be applied to `row` (None: the server's current
    record, if any), or None when it can."""
    model = _models().get(change["entity"])
    if model is None:
        return f"ukendt tabel '{change['entity'][:50]}'"
    if row is not None and row["entity"] != change["entity"]:
        return "id'et tilhører en post af en anden slags"
    op, fields = change["op"], change["fields"]
    if change["entity"] == CONFLICT_ENTITY and (op != "update" or set(fields) - CONFLICT_FIELDS):
        return "en konflikt kan kun markeres som afgjort"
    checks = _sendable(model)
    for name, (old, new) in fields.items():
        check = checks.get(name)
        if check is None:
            return f"ukendt felt '{name}'" if name not in rules(model) else f"feltet '{name}' kan ikke sendes"
        if not check(new):
            return problem(rules(model)[name], new) or f"feltet '{name}' har en ugyldig værdi"
        if old is not None and old != new and not check(old):
            reason = _old_problem(rules(model)[name], old)
            if reason:
                return reason
    if op == "delete" and (fields.get("deleted_at") or [None, None])[1] is None:
        return "en sletning skal angive tidspunktet (deleted_at)"
    if row is None and op != "insert":
        return "posten findes ikke på serveren"
    if row is None:
        missing = [name for name in _required(change["entity"]) if name not in fields]
        if missing:
            return f"feltet '{missing[0]}' mangler"
    return None


@cache
def _sendable(model: type) -> dict[str, Callable[[Any], bool]]:
    """The check of each column a change may carry (not those in NOT_SENT)."""
    return {name: check for name, check in checkers(model).items() if name not in NOT_SENT}


@cache
def _required(entity: str) -> tuple[str, ...]:
    return tuple(r.name for r in rules(_models()[entity]).values() if r.required)


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
    for name, default in _defaults(change["entity"]):
        if name not in fields:
            fields[name] = [None, default]
    return fields


def inserted(change: dict[str, Any]) -> dict[str, Any]:
    """An insert's values, every left-out column that has a default filled
    in (the values of `with_defaults`, built without the pairs)."""
    data = {name: pair[1] for name, pair in change["fields"].items()}
    if not data.keys() >= _defaulted(change["entity"]):  # a laptop sends every column: seldom
        for name, default in _defaults(change["entity"]):
            if name not in data:
                data[name] = default
    return data


@cache
def _defaulted(entity: str) -> frozenset[str]:
    return frozenset(name for name, _default in _defaults(entity))


@cache
def _defaults(entity: str) -> tuple[tuple[str, Any], ...]:
    """(column, default) of the columns an insert may leave out."""
    return tuple((r.name, r.default) for r in rules(_models()[entity]).values()
                 if r.name not in NOT_SENT and r.name != "created_at" and (r.default is not None or r.nullable))


@dataclass(frozen=True, slots=True)
class _Insert:
    """What an insert of one entity is checked against and filled in with."""

    checks: dict[str, Callable[[Any], bool]]  # the columns a change may carry (_sendable)
    required: frozenset[str]  # _required
    defaulted: frozenset[str]  # _defaulted
    defaults: tuple[tuple[str, Any], ...]  # _defaults


@cache
def _inserts() -> dict[str, _Insert]:
    """Each entity a change may insert (a laptop never makes a conflict)."""
    return {entity: _Insert(_sendable(model), frozenset(_required(entity)), _defaulted(entity), _defaults(entity))
            for entity, model in _models().items() if entity != CONFLICT_ENTITY}


def insert_values(change: dict[str, Any]) -> dict[str, Any] | None:
    """`inserted(change)`, for an insert that `refusal(change, None)` passes
    at first sight: a known entity, no old values, each new value of its
    column's type, no required column left out. That is nearly every change
    of a first full sync: checked and taken in one pass over its fields,
    not two. None for any other change, whose answer `refusal` gives."""
    if change["op"] != "insert":
        return None
    insert = _inserts().get(change["entity"])
    if insert is None:
        return None
    checks = insert.checks
    data = {}
    for name, (old, new) in change["fields"].items():
        check = checks.get(name)
        if old is not None or check is None or not check(new):
            return None
        data[name] = new
    keys = data.keys()
    if not keys >= insert.required:
        return None
    if not keys >= insert.defaulted:
        for name, default in insert.defaults:
            if name not in data:
                data[name] = default
    return data
