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
    made in this batch: they are loaded with the batch's own rows. Many
    changes share a parent: each distinct value is checked once."""
    wanted: set[str] = set()
    foreign = validate.foreign_columns
    for change in changes:
        names = foreign(change["entity"])
        if not names:
            continue
        fields, row = change["fields"], rows.get(change["row_id"])
        for name in names:
            pair = fields.get(name)
            value = pair[1] if isinstance(pair, (list, tuple)) and len(pair) == 2 else None
            if value is None and row is not None:
                value = row["data"].get(name)
            if isinstance(value, str):
                wanted.add(value)
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
