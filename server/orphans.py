"""A row created or edited under a parent deleted in its team (a visit for
a citizen deleted on another laptop) is kept, and is a conflict of kind
"parent_deleted" for a person to settle: keep the row and restore the
parent, or delete the row too. The parents are the rows the entity's
foreign-key columns point to (read from the models, server.validate)."""
from __future__ import annotations

from typing import Any

from server import validate
from server.merge import ORPHAN_MARK, Clash, State, node_of, stamp_of

KIND = "parent_deleted"


def parent_ids(changes: list[dict[str, Any]], rows: dict[str, dict[str, Any]], row_ids: set[str]) -> list[str]:
    """Ids of the rows these changes' rows point to, not loaded yet and not
    made in this batch: they are loaded with the batch's own rows."""
    named, unnamed = named_parents(changes, row_ids)
    return parents_left(named, unnamed, rows, row_ids)


def named_parents(changes: list[dict[str, Any]], row_ids: set[str]) -> tuple[set[str], list[tuple[str, list[str]]]]:
    """The parents the changes name in their fields (ids only, not rows of
    this batch), and per change the columns it leaves empty: for those the
    stored row's value counts (`parents_left`, once the rows are loaded).
    Needs no row of the server's, so it is done before the team's lock.
    Many changes share a parent: each distinct value is checked once."""
    wanted: set[str] = set()
    unnamed: list[tuple[str, list[str]]] = []
    foreign = validate.foreign_columns
    for change in changes:
        names = foreign(change["entity"])
        if not names:
            continue
        fields, empty = change["fields"], []
        for name in names:
            pair = fields.get(name)
            value = pair[1] if isinstance(pair, (list, tuple)) and len(pair) == 2 else None
            if isinstance(value, str):
                wanted.add(value)
            elif value is None:
                empty.append(name)
        if empty:
            unnamed.append((change["row_id"], empty))
    return {value for value in wanted - row_ids if validate.ID.match(value)}, unnamed


def parents_left(named: set[str], unnamed: list[tuple[str, list[str]]], rows: dict[str, dict[str, Any]],
                 row_ids: set[str]) -> list[str]:
    """`named` and the parents the loaded `rows` hold in the columns their
    changes left empty, less the rows loaded or made in this batch."""
    wanted = set(named)
    for row_id, names in unnamed:
        row = rows.get(row_id)
        if row is not None:
            wanted.update(value for name in names if isinstance(value := row["data"].get(name), str))
    return [value for value in wanted - row_ids - rows.keys() if validate.ID.match(value)]


def clashes(rows: dict[str, dict[str, Any]], team: str, entity: str, state: State, stamp: str) -> list[Clash]:
    """The conflicts of a live row (merged into `state` by a change stamped
    `stamp`) whose parents are deleted in this team. Recorded once per
    deletion of a parent (marked in the row's stamps), and not when the same
    laptop deleted the parent: it knew."""
    if state.deleted:
        return []
    found = []
    for name in validate.foreign_columns(entity):
        parent = rows.get(state.data.get(name) or "")
        if parent is None or not parent.get("deleted") or parent["team"] != team:
            continue
        deleted_stamp = stamp_of(State(parent["data"], parent["stamps"], 0, True), "deleted_at")
        if node_of(deleted_stamp) == node_of(stamp):
            continue
        mark, seen = f"{ORPHAN_MARK}{name}", f"{parent['id']}@{deleted_stamp}"
        if state.stamps.get(mark) == seen:
            continue
        state.stamps[mark] = seen
        found.append(Clash(name, KIND, None, parent["data"].get("deleted_at"), parent["id"],
                           node_of(stamp), node_of(deleted_stamp)))
    return found
