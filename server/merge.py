"""Apply one pushed change to a record's state: per-field three-way merge.

Pure functions on plain dicts, so the rules can be tested without a server.
A field whose current value equals the old value the client saw takes the
new value. Otherwise the two sides disagree: free text is merged where the
edits do not overlap; else the higher capped HLC stamp wins (its node id
breaks ties, being the stamp's last part) and the other value goes into a
conflict. An edit to a deleted row, or a delete of a row edited since the
client saw it, keeps the row alive and records a conflict: nothing is lost.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from server.textmerge import merge3


@dataclass
class State:
    """A record as the merge sees it (mutated in place)."""

    data: dict[str, Any]
    stamps: dict[str, str]
    version: int
    deleted: bool


@dataclass(frozen=True)
class Clash:
    """A value set aside; becomes a conflict record."""

    field: str
    kind: str           # value | text | delete
    kept: Any           # the value now in the row
    set_aside: Any      # the value that lost
    base: Any           # the value both sides started from
    kept_node: str
    set_aside_node: str


@dataclass
class Outcome:
    clashes: list[Clash] = field(default_factory=list)
    merged: bool = False

    @property
    def name(self) -> str:
        return "conflict" if self.clashes else ("merged" if self.merged else "applied")


def node_of(stamp: str) -> str:
    return stamp.split("-", 2)[2] if stamp.count("-") >= 2 else ""


ALL = "*"  # stamps key: the stamp of every field without one of its own
ORPHAN_MARK = "~orphan:"  # stamps key prefix: a parent deletion already recorded as a conflict


def new_state(data: dict[str, Any], stamp: str) -> State:
    """A new row's state from its values (server.validate.inserted)."""
    return State(data, {ALL: stamp}, 1, data.get("deleted_at") is not None)


def stamp_of(state: State, name: str) -> str:
    return state.stamps.get(name, state.stamps.get(ALL, ""))


def apply_change(state: State, op: str, fields: dict[str, list[Any]], base_version: int,
                 stamp: str, text_fields: frozenset[str]) -> Outcome:
    outcome = Outcome()
    edited_since = state.version > base_version
    wants_delete = op == "delete" or _sets(fields, "deleted_at")
    plain = {k: v for k, v in fields.items() if k != "deleted_at"}
    if state.deleted and edited_since and plain and "deleted_at" not in fields:
        # An edit to a row deleted meanwhile: the edit revives the row and the
        # delete is kept as a conflict for a person to confirm.
        outcome.clashes.append(Clash("deleted_at", "delete", None, state.data.get("deleted_at"),
                                     None, node_of(stamp), node_of(stamp_of(state, "deleted_at"))))
        state.data["deleted_at"] = None
        state.deleted = False
    for name, (old, new) in plain.items():
        _merge_field(state, name, old, new, stamp, name in text_fields, outcome)
    if wants_delete:
        _delete(state, fields["deleted_at"], stamp, edited_since, outcome)
    elif "deleted_at" in fields:
        _merge_field(state, "deleted_at", fields["deleted_at"][0], fields["deleted_at"][1],
                     stamp, False, outcome)
        state.deleted = state.data.get("deleted_at") is not None
    state.version += 1
    return outcome


def _sets(fields: dict[str, list[Any]], name: str) -> bool:
    return name in fields and fields[name][1] is not None


def _delete(state: State, pair: list[Any], stamp: str, edited_since: bool, outcome: Outcome) -> None:
    if state.deleted:
        return
    if edited_since:
        # Someone changed the row after this client last saw it: keep the row.
        outcome.clashes.append(Clash("deleted_at", "delete", None, pair[1], None,
                                     node_of(_newest(state.stamps)), node_of(stamp)))
        return
    state.data["deleted_at"] = pair[1]
    state.stamps["deleted_at"] = stamp
    state.deleted = True


def _newest(stamps: dict[str, str]) -> str:
    return max((v for k, v in stamps.items() if not k.startswith(ORPHAN_MARK)), default="")


def _merge_field(state: State, name: str, old: Any, new: Any, stamp: str, is_text: bool,
                 outcome: Outcome) -> None:
    current = state.data.get(name)
    previous = stamp_of(state, name)
    if current == new:
        state.stamps[name] = max(previous, stamp)
        return
    if current == old or name not in state.data:
        state.data[name] = new
        state.stamps[name] = stamp
        return
    if is_text and isinstance(current, str) and isinstance(new, str):
        merged = merge3(old if isinstance(old, str) else "", current, new)
        if merged is not None:
            state.data[name] = merged
            state.stamps[name] = max(previous, stamp)
            outcome.merged = True
            return
    incoming_wins = stamp > previous
    kept, lost = (new, current) if incoming_wins else (current, new)
    kept_node, lost_node = (node_of(stamp), node_of(previous)) if incoming_wins else (node_of(previous), node_of(stamp))
    state.data[name] = kept
    state.stamps[name] = max(previous, stamp)
    outcome.clashes.append(Clash(name, "text" if is_text else "value", kept, lost, old, kept_node, lost_node))
