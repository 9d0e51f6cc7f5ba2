"""A coach types in a visit's notes while the laptop's push is on its way:
the note is typed back to what it was, then written on. The autosaves made
meanwhile are not folded into the entry in flight (db.coalesce.pushing), so
the server ends with the last text, the replicas agree without a resync,
and no later edit is marked sent without having been sent."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from app.services import citizens, visits
from app.sync.client import sync_round
from app.sync.transport import Transport
from db.models import OutboxEntry

pytestmark = pytest.mark.postgres

FIRST = "Første tekst"
TYPED = "Første tekst\nSkrevet under synkroniseringen"
LAST = "Første tekst\nSkrevet videre"


class TypingWhileSending(Transport):
    """The real transport; before its first push leaves, the coach autosaves."""

    def __init__(self, *args: Any, typing: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.typing, self.typed = typing, False

    def push_raw(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if not self.typed:
            self.typed = True
            self.typing()
        return super().push_raw(*args, **kwargs)


def test_notes_typed_back_and_on_during_a_push_reach_the_server(laptops) -> None:
    a, b = laptops("a"), laptops("b", user="bo")
    citizen = citizens.create_citizen(a.ctx, name="Maja Holm")
    visit = visits.create_visit(a.ctx, citizen.id, at=datetime.now() - timedelta(hours=1), notes=FIRST)
    a.sync()
    visits.save_notes(a.ctx, visit.id, TYPED)  # waiting in the outbox when the next round pushes

    def typing() -> None:  # the batch holding TYPED has been read: taken back, then written on
        visits.save_notes(a.ctx, visit.id, FIRST)
        visits.save_notes(a.ctx, visit.id, LAST)

    with TypingWhileSending(a.base, a.token, retries=1, backoff=0.05, typing=typing) as t:
        first = sync_round(a.ctx, t)
    second = a.sync()
    b.sync()
    assert visits.get_visit(a.ctx, visit.id).notes == LAST
    assert visits.get_visit(b.ctx, visit.id).notes == LAST
    assert not (first.apart or second.apart or first.resynced or second.resynced)
    with a.ctx.uow() as s:
        assert s.query(OutboxEntry).filter(OutboxEntry.sent.is_(False)).count() == 0
