"""The server enforces per entity what the laptop promises, against the raw
HTTP API: the access log is insert-only and written by the caller, only a
team leader's devices receive other users' log entries, conflicts are
resolved but never forged, and another team's rows are left alone."""
from __future__ import annotations

import uuid

import pytest

from tests.sync.http_api import applied, change, pull, push, register
from tests.sync.support import add_user

pytestmark = pytest.mark.postgres


@pytest.fixture
def team(server) -> dict[str, str]:
    """Tokens of anna and bo (coaches), lea (their leader), and carl of another team."""
    tag = uuid.uuid4().hex[:8]
    people = {"anna": (f"nord-{tag}", False), "bo": (f"nord-{tag}", False),
              "lea": (f"nord-{tag}", True), "carl": (f"syd-{tag}", False)}
    tokens = {"tag": tag}
    for who, (team_name, leader) in people.items():
        add_user(server.url, f"{who}-{tag}", team_name, leader=leader)
        tokens[who] = register(server.base, f"{who}-{tag}")
    return tokens


def _log_entry(user: str, detail: str = "opslag") -> dict:
    return {"at": [None, "2026-11-30T10:00:00"], "user": [None, user], "action": [None, "view"],
            "citizen_id": [None, str(uuid.uuid4())], "entity": [None, "citizen"],
            "entity_id": [None, None], "detail": [None, detail]}


def _insert_log(server, token: str, user: str, detail: str = "opslag") -> tuple[str, dict]:
    row_id = str(uuid.uuid4())
    one = change("access_log", row_id, "insert", _log_entry(user, detail))
    return row_id, one | {"answer": push(server.base, token, one)}


def test_own_access_log_entry_is_accepted(server, team) -> None:
    row_id, sent = _insert_log(server, team["anna"], f"anna-{team['tag']}")
    assert applied(sent["answer"], sent)
    assert pull(server.base, team["lea"])[row_id]["data"]["user"] == f"anna-{team['tag']}"


def test_access_log_is_insert_only(server, team) -> None:
    row_id, sent = _insert_log(server, team["anna"], f"anna-{team['tag']}", "opslag")
    assert applied(sent["answer"], sent)
    for token in (team["anna"], team["bo"], team["lea"]):
        edit = change("access_log", row_id, "update", {"detail": ("opslag", "omskrevet")}, base_version=1)
        assert not applied(push(server.base, token, edit), edit)
        gone = change("access_log", row_id, "delete", {"deleted_at": (None, "2026-11-30T11:00:00")},
                      base_version=1)
        assert not applied(push(server.base, token, gone), gone)
    record = pull(server.base, team["lea"])[row_id]
    assert record["data"]["detail"] == "opslag" and not record["deleted"] and record["version"] == 1


def test_an_access_log_entry_is_written_by_the_caller(server, team) -> None:
    row_id, sent = _insert_log(server, team["bo"], f"anna-{team['tag']}")
    assert not applied(sent["answer"], sent)
    assert row_id not in pull(server.base, team["lea"])


def test_only_the_leader_receives_other_users_log_entries(server, team) -> None:
    annas, sent_a = _insert_log(server, team["anna"], f"anna-{team['tag']}")
    bos, sent_b = _insert_log(server, team["bo"], f"bo-{team['tag']}")
    assert applied(sent_a["answer"], sent_a) and applied(sent_b["answer"], sent_b)
    seen_by_bo = pull(server.base, team["bo"])
    assert bos in seen_by_bo and annas not in seen_by_bo
    seen_by_lea = pull(server.base, team["lea"])
    assert {annas, bos} <= set(seen_by_lea)
    assert annas not in pull(server.base, team["carl"])


def test_a_conflict_cannot_be_forged(server, team) -> None:
    forged_id = str(uuid.uuid4())
    forged = change("conflict", forged_id, "insert", {
        "entity": (None, "citizen"), "row_id": (None, str(uuid.uuid4())), "field": (None, "name"),
        "kind": (None, "value"), "remote_value": (None, '"x"'), "local_value": (None, '"y"'),
        "base_value": (None, None), "winner_node": (None, "a"), "loser_node": (None, "b"),
        "created_at": (None, "2026-11-30T10:00:00"), "resolved_at": (None, None), "resolution": (None, None)})
    assert not applied(push(server.base, team["anna"], forged), forged)
    assert forged_id not in pull(server.base, team["lea"])


def _real_conflict(server, team) -> tuple[str, dict]:
    citizen = str(uuid.uuid4())
    made = change("citizen", citizen, "insert", {"name": (None, "Ida Lund")}, node="anna")
    assert applied(push(server.base, team["anna"], made), made)
    mine = change("citizen", citizen, "update", {"name": ("Ida Lund", "Ida Lund Berg")}, 1, node="anna")
    theirs = change("citizen", citizen, "update", {"name": ("Ida Lund", "Ida Berg")}, 1, node="bo")
    push(server.base, team["anna"], mine)
    push(server.base, team["bo"], theirs)
    conflicts = [r for r in pull(server.base, team["lea"]).values()
                 if r["entity"] == "conflict" and r["data"]["row_id"] == citizen]
    assert len(conflicts) == 1
    return conflicts[0]["id"], conflicts[0]


def test_a_conflict_can_be_resolved_but_not_rewritten(server, team) -> None:
    conflict_id, record = _real_conflict(server, team)
    rewrite = change("conflict", conflict_id, "update", {"local_value": (record["data"]["local_value"], '"z"')},
                     base_version=1)
    assert not applied(push(server.base, team["bo"], rewrite), rewrite)
    removal = change("conflict", conflict_id, "delete", {"deleted_at": (None, "2026-11-30T11:00:00")}, 1)
    assert not applied(push(server.base, team["bo"], removal), removal)
    resolve = change("conflict", conflict_id, "update", {"resolved_at": (None, "2026-11-30T11:00:00"),
                                                        "resolution": (None, "mine")}, base_version=1)
    assert applied(push(server.base, team["bo"], resolve), resolve)
    data = pull(server.base, team["lea"])[conflict_id]["data"]
    assert data["resolution"] == "mine" and data["local_value"] == record["data"]["local_value"]


def test_another_teams_row_is_not_changed(server, team) -> None:
    citizen = str(uuid.uuid4())
    made = change("citizen", citizen, "insert", {"name": (None, "Kun Nord")})
    assert applied(push(server.base, team["anna"], made), made)
    taken = change("citizen", citizen, "update", {"name": ("Kun Nord", "Overtaget")}, base_version=1)
    assert not applied(push(server.base, team["carl"], taken), taken)
    assert pull(server.base, team["anna"])[citizen]["data"]["name"] == "Kun Nord"
    assert citizen not in pull(server.base, team["carl"])
