"""An untouched store has nothing unsynchronised: the local team and coach
made at first start are sent to the server, but are not the user's changes."""
from __future__ import annotations

from sqlalchemy import func, select

from app.services import citizens, status
from db.models import OutboxEntry


def test_an_untouched_store_has_no_unsynced_changes(ctx):
    with ctx.uow() as s:
        setup_entries = s.scalar(select(func.count()).select_from(OutboxEntry))
    assert setup_entries == 2  # team and coach: still sent at the first sync
    assert status.unsynced_count(ctx) == 0
    citizens.create_citizen(ctx, name="Første Borger")
    assert status.unsynced_count(ctx) > 0  # the citizen (and its log line) count
