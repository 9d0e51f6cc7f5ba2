"""A team move (`jobcoach-server adduser USER --team OTHER`): the laptop
finds its account in another team at the start of a round.

It then sends what it may (rows it made itself that the server has not
seen: those go to the new team), sets aside what it may no longer send
(changes to rows the server keeps in the old team), removes the old team's
rows except unsynced work and the rows that work refers to, and pulls the
new team's from zero (app/sync/client.py).
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable

from sqlalchemy import delete, select

from app.sync import held, state
from app.sync.apply import remote_session
from app.sync.transport import Transport
from db.models import MODEL_BY_TABLE, Conflict, OutboxEntry
from db.search_schema import SOURCES

log = logging.getLogger(__name__)
MOVED_REASON = "Din bruger er flyttet til et andet team; ændringen gælder data fra det tidligere team."
LOCAL_COACH = "local_coach_id"  # app.store.ME_KEY: the laptop's own user, kept in any team


def check(ctx, transport: Transport, push: Callable[[], int]) -> bool:
    """True when the account's team changed and the old team's data was
    dropped; the caller then syncs from zero."""
    me = transport.whoami()
    if me is None:
        return False
    team = me["team"]
    with ctx.uow() as session:
        _hold_leftover_edits(session)
        known = state.get(session, state.TEAM)
        if known is None:
            state.put(session, state.TEAM, team)
        if known is None or known == team:
            return False
        set_aside = held.set_aside(session, _not_sendable(session), MOVED_REASON)
    log.warning("the account moved to another team; %d changes set aside", set_aside)
    push()  # what it may: its own new rows, not yet on the server
    with remote_session(ctx.store) as session:
        kept = _drop_old_team(session)
        # Sent changes are on the server, in the old team: never to be sent again.
        session.execute(delete(OutboxEntry).where(OutboxEntry.sent.is_(True)))
        state.add_leftovers(session, kept)
        state.put(session, state.TEAM, team)
        state.reset_cursor(session)
    return True


def _hold_leftover_edits(session) -> None:
    """Changes made since the move to rows kept from the old team (the
    server refuses them): set aside as well, not sent."""
    kept = state.leftovers(session)
    if not kept:
        return
    aside = held.held(session)
    unsent = session.execute(select(OutboxEntry.seq, OutboxEntry.row_id).where(OutboxEntry.sent.is_(False))).all()
    held.set_aside(session, [seq for seq, row_id in unsent if row_id in kept and seq not in aside], MOVED_REASON)


def _not_sendable(session) -> list[int]:
    """Unsent changes of rows the server has (in the old team): every row
    but those whose insert is still unsent here."""
    unsent = session.execute(select(OutboxEntry.seq, OutboxEntry.row_id, OutboxEntry.op)
                             .where(OutboxEntry.sent.is_(False)).order_by(OutboxEntry.seq)).all()
    new_rows = {row_id for _seq, row_id, op in unsent if op == "insert"}
    return [seq for seq, row_id, _op in unsent if row_id not in new_rows]


def _drop_old_team(session) -> set[str]:
    """Delete every synced row but unsynced work (rows with unsent or
    set-aside changes), the rows it refers to, and the laptop's own user.
    Returns the ids kept."""
    keep = set(session.execute(select(OutboxEntry.row_id).where(OutboxEntry.sent.is_(False))).scalars())
    me = state.get(session, LOCAL_COACH)
    if me:
        keep.add(me)
    keep = _with_parents(session, keep)
    conn = session.connection()
    ids = json.dumps(sorted(keep))
    for table in MODEL_BY_TABLE:
        conn.exec_driver_sql(f'DELETE FROM "{table}" WHERE id NOT IN (SELECT value FROM json_each(?))', (ids,))
    conn.exec_driver_sql(f'DELETE FROM "{Conflict.__tablename__}" WHERE row_id NOT IN '
                         "(SELECT value FROM json_each(?))", (ids,))
    _unindex_gone(conn)
    return keep


def _unindex_gone(conn) -> None:
    """The search index has no delete triggers (synced rows are only ever
    tombstoned): the rows removed here leave it explicitly."""
    live = " UNION ALL ".join(f'SELECT id FROM "{table}"' for table, _, _ in SOURCES.values())
    gone = f"SELECT id FROM search_doc WHERE row_id NOT IN ({live})"
    conn.exec_driver_sql(f"DELETE FROM search_fts WHERE rowid IN ({gone})")
    conn.exec_driver_sql(f"DELETE FROM search_doc WHERE id IN ({gone})")


def _with_parents(session, keep: set[str]) -> set[str]:
    """`keep` and, transitively, every row a kept row refers to (foreign keys)."""
    refs = [(model.__table__, fk) for model in MODEL_BY_TABLE.values()
            for column in model.__table__.columns for fk in column.foreign_keys]
    grown = set(keep)
    while True:
        more: set[str] = set()
        for table, fk in refs:
            column = fk.parent
            ids = sorted(grown)
            for i in range(0, len(ids), 900):
                more.update(v for v in session.execute(
                    select(column).where(table.c.id.in_(ids[i:i + 900]), column.is_not(None))).scalars())
        if more <= grown:
            return grown
        grown |= more
