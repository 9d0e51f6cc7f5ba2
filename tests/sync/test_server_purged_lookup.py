"""A change pointing at a purged row is dropped whichever team sends it: a
laptop moved to another team sends its unsent rows there (app/sync/teammove.py),
and a visit made offline for a citizen erased in the old team must not bring
the citizen's data back. A big batch asks first whether anything is purged at
all (server.erasure.purged_for); both paths are run here, on a server of its own
(whose purged table starts empty)."""
from __future__ import annotations

import uuid

import pytest

from app.services.outbox_redaction import ERASE_DETAIL
from server.erasure import ASK_FIRST_FROM
from tests.sync.http_api import change, pull, push, register
from tests.sync.support import add_user

pytestmark = pytest.mark.postgres


def _visit(citizen_id: str) -> dict:
    return change("visit", str(uuid.uuid4()), "insert", {"citizen_id": [None, citizen_id],
                                                         "at": [None, "2026-11-02T10:00:00"],
                                                         "notes": [None, "Besøg på lageret"]})


def _ok(answer) -> dict:
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_change_about_a_citizen_erased_in_another_team_is_dropped(fresh_server) -> None:
    server = fresh_server()
    add_user(server.url, "anna", "nord")
    add_user(server.url, "bo", "syd")
    anna, bo = register(server.base, "anna"), register(server.base, "bo")
    citizen_id = str(uuid.uuid4())
    _ok(push(server.base, anna, change("citizen", citizen_id, "insert", {"name": [None, "Ingeborg Kvistgaard"]})))
    before = [_visit(str(uuid.uuid4())) for _ in range(ASK_FIRST_FROM)]
    assert _ok(push(server.base, bo, *before))["accepted"] == ASK_FIRST_FROM  # nothing purged yet

    erasure = {"at": [None, "2026-11-30T10:00:00"], "user": [None, "anna"], "action": [None, "delete"],
               "citizen_id": [None, citizen_id], "entity": [None, "citizen"], "entity_id": [None, citizen_id],
               "detail": [None, ERASE_DETAIL]}
    _ok(push(server.base, anna, change("access_log", str(uuid.uuid4()), "insert", erasure)))

    small = _visit(citizen_id)
    assert _ok(push(server.base, bo, small))["results"] == {small["change_id"]: "dropped"}
    big = [_visit(str(uuid.uuid4())) for _ in range(ASK_FIRST_FROM)] + [_visit(citizen_id)]
    assert _ok(push(server.base, bo, *big))["results"] == {big[-1]["change_id"]: "dropped"}
    records = pull(server.base, bo)
    for one in (small, big[-1]):
        assert records[one["row_id"]]["deleted"] and "lageret" not in str(records[one["row_id"]]["data"])
    assert not records[big[0]["row_id"]]["deleted"]
