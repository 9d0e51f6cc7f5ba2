"""Erasure that wins. When a pushed batch carries the access-log entry of an
erasure (*Sletning*), the server purges the citizen: every row about them
(as the laptop's erasure plan finds them) is scrubbed and tombstoned in
`record`, conflict records about those rows lose their values, and the rows
are marked purged, so a change made elsewhere before the erasure arrived can
neither bring them back nor restore a value: it is dropped (and logged as
dropped, without values; the change log holds none).
"""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from app.services.erasure_plan import CITIZEN_SCRUB, SCRUB
from app.services.outbox_redaction import ERASE_DETAIL
from server.idlist import among, chunks, plain_ids
from server.models import Purged, Record
from server.schema import CONFLICT_ENTITY

SCRUB_BY_ENTITY: dict[str, dict[str, Any]] = {"citizen": CITIZEN_SCRUB} | {
    model.__tablename__: values for model, values in SCRUB.items()}
BY_PLACEMENT = ("schedule_slot", "wage_agreement", "milestone", "hours_record", "addendum")
CONFLICT_SCRUB = {"remote_value": "null", "local_value": "null", "base_value": "null", "resolution": "slettet"}
REFERENCES = ("citizen_id", "placement_id", "visit_id")


def erased_citizen(change: dict[str, Any]) -> str | None:
    """The citizen an access-log insert records the erasure of, if it is one."""
    if change["entity"] != "access_log" or change["op"] != "insert":
        return None
    new = {name: pair[1] for name, pair in change["fields"].items()}
    if new.get("action") == "delete" and new.get("entity") == "citizen" and new.get("detail") == ERASE_DETAIL:
        return new.get("citizen_id") if isinstance(new.get("citizen_id"), str) else None
    return None


_PURGED = select(Purged.__table__.c.row_id).where(among(Purged.__table__.c.row_id, "ids"))
_ANY_PURGED = select(Purged.__table__.c.row_id).limit(1)
ASK_FIRST_FROM = 100  # changes: from here gathering a batch's ids costs more than a round trip


def purged_for(session: Session, changes: list[dict[str, Any]], row_ids: set[str]) -> set[str]:
    """Which rows these changes touch or point at are purged, in any team: a
    laptop moved to another team sends its unsent rows there, and they may
    point at a citizen erased in the old one. A big batch first asks whether
    anything is purged at all (nothing is before a server's first erasure)."""
    if len(changes) >= ASK_FIRST_FROM and session.execute(_ANY_PURGED).first() is None:
        return set()
    return purged_among(session, _touched(changes, row_ids))


def _touched(changes: list[dict[str, Any]], row_ids: set[str]) -> set[str]:
    """The changes' rows and the rows they point at (`references` of each,
    gathered in one loop: a first full sync's batches have 5,000 changes)."""
    ids = set(row_ids)
    for change in changes:
        fields = change["fields"]
        for name in REFERENCES:
            pair = fields.get(name)
            if pair is not None and isinstance(pair[1], str):
                ids.add(pair[1])
    return ids


def purged_among(session: Session, ids: set[str]) -> set[str]:
    """Which of `ids` are purged; only ids as the protocol admits them can be
    (any other value a change points at is refused by server.validate)."""
    found: set[str] = set()
    for part in chunks(plain_ids(ids)):
        found.update(session.execute(_PURGED, {"ids": ",".join(part)}).scalars())
    return found


def references(change: dict[str, Any]) -> set[str]:
    """The rows a change points at (citizen, placement, visit)."""
    fields = change["fields"]
    return {pair[1] for name in REFERENCES if (pair := fields.get(name)) is not None and isinstance(pair[1], str)}


def _ids(session: Session, team: str, entity: str, *where) -> list[str]:
    query = select(Record.id).where(Record.team == team, Record.entity == entity, or_(*where))
    return list(session.execute(query).scalars())


def _ref(name: str):
    return Record.data[name].as_string()


def related_rows(session: Session, team: str, citizen_id: str) -> dict[str, list[str]]:
    """The server's copy of app.services.erasure_plan.related_ids."""
    placements = _ids(session, team, "placement", _ref("citizen_id") == citizen_id)
    visits = _ids(session, team, "visit", _ref("citizen_id") == citizen_id, _ref("placement_id").in_(placements))
    rows = {"citizen": _ids(session, team, "citizen", Record.id == citizen_id), "placement": placements,
            "visit": visits,
            "accommodation": _ids(session, team, "accommodation", _ref("citizen_id") == citizen_id),
            "accommodation_check": _ids(session, team, "accommodation_check", _ref("visit_id").in_(visits)),
            "action": _ids(session, team, "action", _ref("citizen_id") == citizen_id, _ref("visit_id").in_(visits))}
    for entity in BY_PLACEMENT:
        rows[entity] = _ids(session, team, entity, _ref("placement_id").in_(placements))
    return rows


def purge(session: Session, team: str, citizen_id: str, next_seq: Callable[[], int], now: datetime) -> int:
    """Scrub and tombstone every row about the citizen, and blank the
    conflicts about them; returns the number of rows purged."""
    ids = [i for rows in related_rows(session, team, citizen_id).values() for i in rows]
    stamp = now.isoformat()
    for record in session.execute(select(Record).where(Record.id.in_(ids))).scalars():
        data = dict(record.data) | SCRUB_BY_ENTITY.get(record.entity, {})
        data["deleted_at"] = data.get("deleted_at") or stamp
        _rewrite(record, data, next_seq(), now)
    _blank_conflicts(session, team, set(ids), next_seq, now)
    known = purged_among(session, set(ids) | {citizen_id})
    fresh = [{"row_id": i, "team": team, "citizen_id": citizen_id, "at": now}
             for i in set(ids) | {citizen_id} if i not in known]
    if fresh:
        session.execute(insert(Purged), fresh)
    session.flush()
    return len(ids)


def _rewrite(record: Record, data: dict[str, Any], seq: int, now: datetime) -> None:
    record.data, record.deleted, record.version = data, True, record.version + 1
    record.seq, record.author, record.updated_at = seq, None, now


def _blank_conflicts(session: Session, team: str, ids: set[str], next_seq: Callable[[], int],
                     now: datetime) -> None:
    conflicts = session.execute(select(Record).where(
        Record.team == team, Record.entity == CONFLICT_ENTITY)).scalars()
    for record in conflicts:
        if record.data.get("row_id") in ids:
            data = dict(record.data) | CONFLICT_SCRUB
            data["resolved_at"] = data.get("resolved_at") or now.isoformat()
            data["deleted_at"] = data.get("deleted_at") or now.isoformat()
            _rewrite(record, data, next_seq(), now)



def scrubbed(entity: str, fields: dict[str, Any], now: datetime) -> dict[str, Any]:
    """A new row pointing at a purged one, as the server keeps it: its
    personal values scrubbed, tombstoned."""
    data = {name: pair[1] for name, pair in fields.items()} | SCRUB_BY_ENTITY.get(entity, {})
    data["deleted_at"] = data.get("deleted_at") or now.isoformat()
    return data
