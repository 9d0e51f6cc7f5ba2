"""Pushes in flight two at a time keep their order: a batch that names its
predecessor (`after`) is applied only after it (server/api.py `_push`,
server/push.py `NotYet`), else answered 409 "out_of_order" with nothing
applied; a laptop keeps two batches in flight only with a server that says
it keeps their order, takes the answers in order, and a failed batch lets
none after it apply (app/sync/client.py push_all)."""
from __future__ import annotations

import hashlib
import threading
import uuid

import httpx
import psycopg
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.sync import client, held, outbox, state
from app.sync.errors import SyncError
from app.sync.transport import NotFound, Transport
from db.models import Citizen, OutboxEntry
from server.models import Batch, ChangeLog, Record
from tests.sync import http_api
from tests.sync.support import add_user, server_engine, snapshot

pytestmark = pytest.mark.postgres


def _user(server) -> tuple[str, str]:
    user, team = f"ord-{uuid.uuid4().hex[:8]}", f"ord-{uuid.uuid4().hex[:8]}"
    add_user(server.url, user, team)
    return http_api.register(server.base, user), team


def _post(base: str, token: str, key: str, changes: list[dict], after: str | None = None,
          path: str = "/push/ordered") -> httpx.Response:
    body = {"key": key, "changes": changes} | ({"after": after} if after else {})
    return httpx.post(base + http_api.API + path, json=body, headers={"Authorization": f"Bearer {token}"},
                      timeout=60)


def _logged(server, team: str) -> list[str]:
    with Session(server_engine(server.url)) as s:
        return list(s.execute(select(ChangeLog.change_id).where(ChangeLog.team == team)
                              .order_by(ChangeLog.seq)).scalars())


def _inserts(n: int) -> list[dict]:
    return [http_api.change("citizen", str(uuid.uuid4()), "insert", {"name": [None, f"Borger {i}"]})
            for i in range(n)]


def test_a_batch_whose_predecessor_is_missing_is_refused_409_and_not_applied(server) -> None:
    token, team = _user(server)
    changes = _inserts(3)
    for path in ("/push/ordered", "/push"):  # /push honours `after` as well
        answer = _post(server.base, token, uuid.uuid4().hex, changes, after="never-sent", path=path)
        assert answer.status_code == 409, answer.text
        assert answer.json()["code"] == "out_of_order" and "rækkefølge" in answer.json()["detail"]
    assert _logged(server, team) == []
    with Session(server_engine(server.url)) as s:
        assert s.execute(select(Record.id).where(Record.id.in_([c["row_id"] for c in changes]))).first() is None
        assert s.execute(select(Batch.key).where(Batch.key == "never-sent")).first() is None


def test_a_successor_sent_first_applies_after_its_predecessor_when_sent_again(server) -> None:
    token, team = _user(server)
    row = str(uuid.uuid4())
    first = [http_api.change("citizen", row, "insert", {"name": [None, "Før"]})]
    second = [http_api.change("citizen", row, "update", {"name": ["Før", "Efter"]}, base_version=1)]
    early = _post(server.base, token, "k2", second, after="k1")
    assert early.status_code == 409 and _logged(server, team) == []
    answer = _post(server.base, token, "k1", first, path="/push")
    assert answer.status_code == 200 and answer.json()["ordered"] is True
    again = _post(server.base, token, "k2", second, after="k1")
    assert again.status_code == 200, again.text
    assert again.json()["results"] == {}  # applied, no conflict: the update came after its insert
    assert _logged(server, team) == [first[0]["change_id"], second[0]["change_id"]]
    assert http_api.pull(server.base, token)[row]["data"]["name"] == "Efter"
    # A repeat gets the stored answer, whatever it names.
    assert _post(server.base, token, "k2", second, after="gone").json() == again.json()


def _waiting_on_a_lock(conninfo: str, count: int) -> bool:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            "AND wait_event_type = 'Lock'").fetchone()[0] >= count


def test_a_successor_waiting_for_its_predecessor_lets_it_take_the_lock(server) -> None:
    """The successor reaches the team's lock first; it must let go of it
    between its tries, or its predecessor could never be applied."""
    token, team = _user(server)
    _post(server.base, token, "k0", _inserts(1), path="/push")  # makes the team's counter row
    first, second = _inserts(2), _inserts(2)
    conninfo = server.url.replace("postgresql+psycopg://", "postgresql://")
    holder = psycopg.connect(conninfo)
    answers: dict[str, httpx.Response] = {}

    def send(key: str, changes: list[dict], after: str) -> None:
        answers[key] = _post(server.base, token, key, changes, after=after)

    try:
        holder.execute("SELECT seq FROM team_seq WHERE team = %s FOR UPDATE", (team,))
        successor = threading.Thread(target=send, args=("k2", second, "k1"))
        successor.start()
        while successor.is_alive() and not _waiting_on_a_lock(conninfo, 1):
            successor.join(0.05)
        predecessor = threading.Thread(target=send, args=("k1", first, "k0"))
        predecessor.start()
        while predecessor.is_alive() and not _waiting_on_a_lock(conninfo, 2):
            predecessor.join(0.05)
    finally:
        holder.rollback()
        holder.close()
    successor.join(60)
    predecessor.join(60)
    assert answers["k1"].status_code == 200, answers["k1"].text
    if answers["k2"].status_code == 409:  # a slow machine: the predecessor came after the wait
        answers["k2"] = _post(server.base, token, "k2", second, after="k1")
    assert answers["k2"].status_code == 200, answers["k2"].text
    assert _logged(server, team)[1:] == [c["change_id"] for c in first + second]


def _citizens(laptop, n: int) -> None:
    with laptop.ctx.uow() as s:
        people = [Citizen(name=f"Borger {i}") for i in range(n)]
        s.add_all(people)
    with laptop.ctx.uow() as s:  # later changes to the same rows: they must come after their inserts
        for person in s.execute(select(Citizen)).scalars():
            person.name += " (rettet)"


def _outbox_order(laptop) -> list[str]:
    with laptop.ctx.uow() as s:
        return list(s.execute(select(OutboxEntry.change_id).order_by(OutboxEntry.seq)).scalars())


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(client, "PUSH_BATCH", 7)
    sent: list[tuple[str, str | None]] = []
    push_raw = Transport.push_raw

    def recorded(self, key, epoch, changes_json, client_ms, after=None):
        sent.append((key, after))
        return push_raw(self, key, epoch, changes_json, client_ms, after)

    monkeypatch.setattr(Transport, "push_raw", recorded)
    return sent


def test_a_pipelined_push_applies_every_batch_in_the_order_made(laptops, server, small_batches) -> None:
    anna = laptops("anna")
    _citizens(anna, 40)  # 80 changes: 12 batches
    made = _outbox_order(anna)
    anna.sync()
    named = dict(small_batches)  # key -> the batch it named (the same if sent again)
    assert len(named) == 12
    assert small_batches[0][1] is None  # the first goes alone, to learn that the server keeps the order
    following = {after: key for key, after in named.items()}
    chain = [small_batches[0][0]]
    while chain[-1] in following:
        chain.append(following[chain[-1]])
    assert len(chain) == 12  # each batch named the one sent before it
    with anna.ctx.uow() as s:
        assert state.waiting(s) == 0
        team = state.get(s, state.TEAM)
    assert _logged(server, team) == made  # the change log in the order the changes were made, as one at a time
    bo = laptops("bo")
    bo.sync()
    anna.sync()  # bo's own account row
    assert snapshot(bo) == snapshot(anna)


def test_without_ordered_answers_batches_go_one_at_a_time(laptops, server, small_batches, monkeypatch) -> None:
    push_raw = Transport.push_raw

    def old_server(self, *args, **kwargs):
        answer = push_raw(self, *args, **kwargs)
        answer.pop("ordered", None)
        return answer

    monkeypatch.setattr(Transport, "push_raw", old_server)
    anna = laptops("anna")
    _citizens(anna, 10)
    anna.sync()
    assert len(small_batches) >= 3 and all(after is None for _key, after in small_batches)


def test_a_failed_batch_lets_none_after_it_apply(laptops, server, small_batches, monkeypatch) -> None:
    anna = laptops("anna")
    _citizens(anna, 20)  # 40 changes: 6 batches
    made = _outbox_order(anna)
    push_raw = Transport.push_raw

    def lost_on_the_way(self, key, epoch, changes_json, client_ms, after=None):
        if made[14].encode() in changes_json:  # the third batch (bytes, as sent) never reaches the server
            raise SyncError("Serveren kunne ikke nås (ConnectError).")
        return push_raw(self, key, epoch, changes_json, client_ms, after)

    monkeypatch.setattr(Transport, "push_raw", lost_on_the_way)
    with pytest.raises(SyncError, match="kunne ikke nås"):
        anna.sync()
    with anna.ctx.uow() as s:
        team = state.get(s, state.TEAM)
        unsent = list(s.execute(select(OutboxEntry.change_id).where(OutboxEntry.sent.is_(False))
                                .order_by(OutboxEntry.seq)).scalars())
    assert _logged(server, team) == made[:14]  # the two batches before it; the one in flight after it waited
    assert unsent == made[14:]
    monkeypatch.setattr(Transport, "push_raw", push_raw)
    anna.sync()
    assert _logged(server, team) == made
    with anna.ctx.uow() as s:
        assert state.waiting(s) == 0
        assert outbox.next_batch(s, "node", 10) is None


def test_a_worker_without_ordered_pushes_mid_upgrade_gets_the_rest_one_at_a_time(laptops, server, small_batches,
                                                                                 monkeypatch) -> None:
    """An older worker behind the same address has no /push/ordered (404,
    nothing applied): that batch is sent again the plain way, and the rest
    of the round goes one at a time."""
    call = Transport._call
    refused: list[str] = []

    def older_worker(self, method, path, **kwargs):
        if path == "/push/ordered" and not refused:
            refused.append(path)
            raise NotFound("Serveren svarede med en fejl: Not Found")
        return call(self, method, path, **kwargs)

    monkeypatch.setattr(Transport, "_call", older_worker)
    anna = laptops("anna")
    _citizens(anna, 20)
    made = _outbox_order(anna)
    anna.sync()
    assert refused
    with anna.ctx.uow() as s:
        assert state.waiting(s) == 0
        team = state.get(s, state.TEAM)
    assert _logged(server, team) == made
    # Only the refused batch and the one already in flight with it named a
    # predecessor; every batch after them went the plain way.
    assert len(small_batches) >= 7
    assert sum(after is not None for _key, after in small_batches) <= client.IN_FLIGHT


def test_a_refused_change_in_a_pipelined_push_is_held_and_the_rest_sent(laptops, server, small_batches) -> None:
    anna = laptops("anna")
    _citizens(anna, 20)
    with anna.ctx.uow() as s:  # past the services' checks: a value too long for the column
        s.execute(select(Citizen)).scalars().first().postal_code = "80000000"
    with anna.ctx.uow() as s:  # and changes after it, in later batches
        for person in s.execute(select(Citizen)).scalars():
            person.name += " igen"
    made = _outbox_order(anna)
    anna.sync()
    assert any(after is not None for _key, after in small_batches)
    with anna.ctx.uow() as s:
        held = list(s.execute(select(OutboxEntry.change_id, OutboxEntry.held_reason)
                              .where(OutboxEntry.held_reason.is_not(None))).all())
        assert state.waiting(s) == 0
        team = state.get(s, state.TEAM)
    assert len(held) == 1 and "for langt" in held[0][1]
    assert _logged(server, team) == [c for c in made if c != held[0][0]]


def test_the_progress_counts_the_changes_to_send_not_the_held_ones(laptops, server, small_batches) -> None:
    """The total is counted beside the first batch's request (client._waiting),
    not before it: it is still the number waiting when the push began."""
    anna = laptops("anna")
    _citizens(anna, 10)
    with anna.ctx.uow() as s:
        last = s.execute(select(OutboxEntry.seq).order_by(OutboxEntry.seq.desc())).scalars().first()
        held.set_aside(s, [last], "Holdt tilbage i testen")
    with anna.ctx.uow() as s:
        total = state.waiting(s)
    shown: list[str] = []
    with anna.transport() as t:
        client.sync_round(anna.ctx, t, lambda _fraction, message: shown.append(message))
    sends = [message for message in shown if message.startswith("Sendt")]
    assert total >= 19 and len(sends) == len(dict(small_batches)) >= 3  # one a batch, sent again or not
    assert all(message.endswith(f" af {total} ændringer") for message in sends)
    assert sends[-1] == f"Sendt {total} af {total} ændringer"


def _key_of(change_ids: list[str]) -> str:
    """The digest part of a batch's key (app.sync.outbox.next_batch)."""
    return hashlib.sha256("\n".join(change_ids).encode()).hexdigest()[:40]


def test_a_long_push_starts_with_a_small_batch_alone_then_pipelines_in_order(laptops, server, small_batches,
                                                                            monkeypatch) -> None:
    """The batch that goes alone is the small FIRST_BATCH when more than one
    batch waits; the rest are full batches in flight, applied in order."""
    monkeypatch.setattr(client, "FIRST_BATCH", 3)
    anna = laptops("anna")
    _citizens(anna, 40)
    made = _outbox_order(anna)
    anna.sync()
    first_key, first_after = small_batches[0]
    assert first_after is None and first_key.endswith(_key_of(made[:3]))
    named = dict(small_batches)
    assert len(named) == 1 + -(-(len(made) - 3) // 7)  # then batches of PUSH_BATCH (7)
    following = {after: key for key, after in named.items()}
    chain = [first_key]
    while chain[-1] in following:
        chain.append(following[chain[-1]])
    assert len(chain) == len(named)  # each batch after the first named the one sent before it
    with anna.ctx.uow() as s:
        assert state.waiting(s) == 0
        team = state.get(s, state.TEAM)
    assert _logged(server, team) == made
    bo = laptops("bo")
    bo.sync()
    anna.sync()
    assert snapshot(bo) == snapshot(anna)


def test_a_push_of_one_batch_is_not_split(laptops, server, small_batches, monkeypatch) -> None:
    monkeypatch.setattr(client, "FIRST_BATCH", 3)
    anna = laptops("anna")
    _citizens(anna, 2)
    made = _outbox_order(anna)
    assert 3 < len(made) <= 7
    anna.sync()
    assert len(small_batches) == 1 and small_batches[0][0].endswith(_key_of(made))
