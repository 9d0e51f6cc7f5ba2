"""The replica check makes this laptop's sums while the server makes its
own: the verdict is the one made after the answer, an idle round still
reads no rows, and a row that differs is still found."""
from __future__ import annotations

import pytest
from sqlalchemy import update

from app.sync import replica
from app.sync.apply import remote_session
from db.models import Citizen

pytestmark = pytest.mark.postgres


def test_sums_made_beside_the_request_find_a_difference_and_an_idle_round_makes_none(laptops, monkeypatch) -> None:
    a = laptops("a")
    with a.ctx.uow() as s:
        s.add_all([Citizen(name="Ane"), Citizen(name="Bo")])
    assert not a.sync().apart
    made: list[list[str] | None] = []
    real = replica.local_sums

    def counted(session, entities=None):
        made.append(entities)
        return real(session, entities)

    monkeypatch.setattr(replica, "local_sums", counted)
    with a.transport() as t:
        assert replica.check(a.ctx, t) == replica.Verdict(True)  # idle: the last match answers
        assert made == []
        with remote_session(a.ctx.store) as s:  # a row changed here that no sync carried
            s.execute(update(Citizen).values(version=Citizen.version + 5))
        replica._MATCHED.clear()
        verdict = replica.check(a.ctx, t)
    assert verdict.compared and verdict.apart == ["citizen"]
    assert len(made) == 1 and made[0] is not None and "citizen" in made[0]
