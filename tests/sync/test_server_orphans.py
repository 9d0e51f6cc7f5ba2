"""A change under a parent deleted in its team is a parent_deleted conflict
(server.orphans), whichever way the server learns of the deletion: from an
earlier batch (read from the database) or from an earlier change in the same
batch. A live parent, an absent one, a parent deleted by the same laptop and
one deleted in another team make none (the server only asks the database
for deleted parents)."""
from __future__ import annotations

import uuid

import pytest

from tests.sync.http_api import change, pull, push, register
from tests.sync.support import add_user

pytestmark = pytest.mark.postgres
GONE = {"deleted_at": [None, "2026-11-30T11:00:00"]}


def _citizen(name: str) -> tuple[str, dict]:
    row_id = str(uuid.uuid4())
    return row_id, change("citizen", row_id, "insert", {"name": [None, name]}, node="anna")


def _visit(citizen_id: str, node: str = "anna") -> tuple[str, dict]:
    row_id = str(uuid.uuid4())
    return row_id, change("visit", row_id, "insert", {"citizen_id": [None, citizen_id],
                                                      "at": [None, "2026-11-02T10:00:00"]}, node=node)


def _ok(answer) -> dict:
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["refused"] == {}, body
    return body


def test_parent_deleted_is_found_from_an_earlier_batch_and_from_the_same_batch(server) -> None:
    tag = uuid.uuid4().hex[:8]
    for who, team in (("anna", f"nord-{tag}"), ("bo", f"nord-{tag}"), ("carl", f"syd-{tag}")):
        add_user(server.url, f"{who}-{tag}", team)
    anna, bo, carl = (register(server.base, f"{who}-{tag}") for who in ("anna", "bo", "carl"))
    earlier, same, live, own, theirs = (_citizen(name) for name in ("Før", "Samme", "Levende", "Egen", "Andet"))
    _ok(push(server.base, anna, *(c for _id, c in (earlier, same, live, own))))
    _ok(push(server.base, carl, theirs[1]))
    _ok(push(server.base, bo, change("citizen", earlier[0], "delete", GONE, 1, node="bo")))
    _ok(push(server.base, carl, change("citizen", theirs[0], "delete", GONE, 1, node="carl")))

    orphan_earlier, orphan_same = _visit(earlier[0]), _visit(same[0])
    calm = [_visit(live[0]), _visit(str(uuid.uuid4())), _visit(theirs[0]), _visit(own[0])]
    body = _ok(push(server.base, anna,
                    change("citizen", same[0], "delete", GONE, 1, node="bo"),  # bo's, relayed in anna's batch
                    change("citizen", own[0], "delete", GONE, 1, node="anna"),
                    orphan_earlier[1], orphan_same[1], *(c for _id, c in calm)))
    assert body["results"] == {orphan_earlier[1]["change_id"]: "conflict", orphan_same[1]["change_id"]: "conflict"}

    records = pull(server.base, register(server.base, f"bo-{tag}", name="bo-2"))
    found = {(r["data"]["row_id"], r["data"]["field"], r["data"]["kind"])
             for r in records.values() if r["entity"] == "conflict"}
    assert found == {(orphan_earlier[0], "citizen_id", "parent_deleted"),
                     (orphan_same[0], "citizen_id", "parent_deleted")}
    assert all(not records[v]["deleted"] for v in (orphan_earlier[0], orphan_same[0]))
