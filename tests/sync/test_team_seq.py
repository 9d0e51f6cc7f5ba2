"""The server's sequence is per team (scope): one team's open push does not
hold up another team's, commit order holds within a team across two server
processes, and the migration gives existing teams their counters."""
from __future__ import annotations

import threading
import time
import uuid

import psycopg
import pytest
from alembic import command
from sqlalchemy import create_engine, text

from app.sync.transport import Transport
from server.database import alembic_config
from tests.sync.support import ServerProcess, add_user, create_database, drop_database, require_pg

pytestmark = pytest.mark.postgres


def _conninfo(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def _inserts(tag: str, n: int) -> list[dict]:
    return [{"change_id": str(uuid.uuid4()), "entity": "citizen", "row_id": str(uuid.uuid4()), "op": "insert",
             "fields": {"name": [None, f"Borger {tag}-{j}"]}, "base_version": 0,
             "hlc": f"{1763900000000 + j:015d}-00000-n{tag}"} for j in range(n)]


def _token(base: str, user: str, device: str) -> str:
    with Transport(base, retries=0) as t:
        return t.register(user, "hemmelig-kode", device)["token"]


def _waiting_on_a_lock(conninfo: str) -> bool:
    with psycopg.connect(conninfo, autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            "AND wait_event_type = 'Lock'").fetchone()[0] > 0


def test_a_team_pushes_while_another_teams_push_holds_its_counter(fresh_server) -> None:
    server = fresh_server()
    add_user(server.url, "anna", "nord")
    add_user(server.url, "carl", "syd")
    anna, carl = _token(server.base, "anna", "a"), _token(server.base, "carl", "c")
    with Transport(server.base, anna, retries=0) as t:  # makes nord's counter row
        t.push("first", None, _inserts("a0", 1))
    conninfo = _conninfo(server.url)
    holder = psycopg.connect(conninfo)  # a transaction of nord's, as a big first full sync holds it
    answers: dict[str, dict] = {}
    try:
        holder.execute("SELECT seq FROM team_seq WHERE team = 'nord' FOR UPDATE")

        def push_nord() -> None:
            with Transport(server.base, anna, retries=0, timeout=120) as t:
                answers["nord"] = t.push("second", None, _inserts("a1", 3))

        nord = threading.Thread(target=push_nord)
        nord.start()
        while not _waiting_on_a_lock(conninfo):  # nord's push queues behind the held counter
            assert nord.is_alive()
            time.sleep(0.05)
        with Transport(server.base, carl, retries=0, timeout=120) as t:
            answers["syd"] = t.push("s1", None, _inserts("c", 5))
            page = t.pull(0, None, 100)
        # syd's push committed and is readable while nord's counter is still held
        assert answers["syd"]["accepted"] == 5 and answers["syd"]["seq"] == 5
        assert sorted(r["seq"] for r in page["records"]) == [1, 2, 3, 4, 5]
        assert "nord" not in answers and _waiting_on_a_lock(conninfo)
    finally:
        holder.rollback()
        holder.close()
    nord.join(120)
    assert answers["nord"]["accepted"] == 3 and answers["nord"]["seq"] == 4


def test_two_teams_on_two_server_processes_each_get_every_row_in_order(fresh_server) -> None:
    first = fresh_server()
    second = ServerProcess(first.url).start()
    try:
        add_user(first.url, "anna", "nord")
        add_user(first.url, "carl", "syd")
        tokens = {"nord": _token(first.base, "anna", "a"), "syd": _token(first.base, "carl", "c")}
        readers = {"nord": _token(first.base, "anna", "ra"), "syd": _token(first.base, "carl", "rc")}
        expected: dict[str, set[str]] = {"nord": set(), "syd": set()}
        seen: dict[str, list[int]] = {"nord": [], "syd": []}
        got: dict[str, set[str]] = {"nord": set(), "syd": set()}
        errors: list[BaseException] = []
        done = threading.Event()

        def pusher(i: int) -> None:
            team = "nord" if i % 2 else "syd"
            changes = _inserts(f"{i}", 12)
            expected[team].update(c["row_id"] for c in changes)
            try:
                with Transport((first if i % 3 else second).base, tokens[team], retries=2) as t:
                    for k in range(0, 12, 4):
                        t.push(f"p{i}-{k}", None, changes[k:k + 4])
            except BaseException as exc:
                errors.append(exc)

        def reader(team: str) -> None:
            cursor, flip = 0, False
            with Transport(first.base, readers[team]) as t1, Transport(second.base, readers[team]) as t2:
                while True:
                    finished = done.is_set()
                    page = (t1 if flip else t2).pull(cursor, None, 7)
                    flip = not flip
                    got[team].update(r["id"] for r in page["records"])
                    seen[team].extend(r["seq"] for r in page["records"])
                    cursor = page["cursor"]
                    if finished and not page["more"]:
                        return

        reads = [threading.Thread(target=reader, args=(team,)) for team in ("nord", "syd")]
        pushes = [threading.Thread(target=pusher, args=(i,)) for i in range(12)]
        for th in reads + pushes:
            th.start()
        for th in pushes:
            th.join()
        done.set()
        for th in reads:
            th.join(120)
        assert not errors
        for team in ("nord", "syd"):
            # each reader only moved forward and missed nothing: no lower seq committed after it passed
            assert got[team] == expected[team]
            assert seen[team] == sorted(seen[team]) == list(range(1, 73))
    finally:
        second.stop()


def test_the_migration_gives_each_team_its_counter_and_keeps_cursors_valid() -> None:
    require_pg()
    name, url = create_database()
    engine = create_engine(url)
    try:
        config = alembic_config()
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "s0001")
            conn.execute(text("INSERT INTO server_meta VALUES (1, 'e', 7, 0)"))
            for rid, team, seq in (("r1", "nord", 3), ("r2", "syd", 5), ("r3", "nord", 6), ("r4", "syd", 7)):
                conn.execute(text("INSERT INTO record VALUES (:id, 'citizen', :team, '{}', '{}', 1, false, :seq, "
                                  "NULL, now(), now())"), {"id": rid, "team": team, "seq": seq})
            for seq, rid in ((1, "r1"), (2, "r2"), (3, "r1"), (4, "r3"), (5, "r2"), (6, "r3"), (7, "r4")):
                conn.execute(text("INSERT INTO change_log VALUES (:seq, :cid, 'citizen', :rid, 'update', '{}', "
                                  "'applied', 'd', 'h', now())"), {"seq": seq, "cid": f"c{seq}", "rid": rid})
            command.upgrade(config, "s0009")
            assert dict(conn.execute(text("SELECT team, seq FROM team_seq")).all()) == {"nord": 6, "syd": 7}
            log = conn.execute(text("SELECT team, seq FROM change_log ORDER BY seq")).all()
            assert [tuple(r) for r in log] == [("nord", 1), ("syd", 2), ("nord", 3), ("nord", 4), ("syd", 5),
                                               ("nord", 6), ("syd", 7)]
            command.downgrade(config, "s0001")  # one counter again, seqs unique, a new epoch
            seqs = conn.execute(text("SELECT seq FROM change_log")).scalars().all()
            meta = conn.execute(text("SELECT epoch, seq FROM server_meta")).one()
            assert len(set(seqs)) == 7 and meta.epoch != "e" and meta.seq >= max(seqs)
    finally:
        engine.dispose()
        drop_database(name)
