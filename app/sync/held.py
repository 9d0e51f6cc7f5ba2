"""Outgoing changes set aside: kept, never sent until a person decides.

A stand-in for the held state of issue 12's part A (branch sync-a: the
column outbox.held_reason, which next_batch skips): the team move sets aside
the changes it may no longer send through `set_aside`, and the outbox skips
them. Here kept in sync_state (a JSON map of outbox seq -> reason), needing
no schema change. At merge: `held` reads and `set_aside` writes
OutboxEntry.held_reason instead, and next_batch's json_each filter goes.
"""
from __future__ import annotations

import json

from sqlalchemy.orm import Session

from app.sync import state

HELD = "sync_held"


def held(session: Session) -> dict[int, str]:
    return {int(k): v for k, v in json.loads(state.get(session, HELD, "{}") or "{}").items()}


def held_json(session: Session) -> str:
    """The held outbox seqs as a JSON array (for SQLite's json_each)."""
    return json.dumps(sorted(held(session)))


def set_aside(session: Session, seqs: list[int], reason: str) -> int:
    if not seqs:
        return 0
    found = held(session)
    found.update({seq: reason for seq in seqs})
    state.put(session, HELD, json.dumps({str(k): v for k, v in sorted(found.items())}, ensure_ascii=False))
    return len(seqs)
