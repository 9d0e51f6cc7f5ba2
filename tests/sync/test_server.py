"""The server as IT runs it: accounts and devices from the command line,
teams kept apart, a revoked device refused, a restore from backup detected
(410) with a full resync that keeps the laptops' unsent changes, and the
sequence following commit order with two server processes on one database."""
from __future__ import annotations

import subprocess
import sys
import threading
import uuid

import httpx
import pytest
from sqlalchemy import select

from app.sync.errors import AuthError
from db.models import Citizen
from tests.sync.support import ServerProcess, add_user, server_env

pytestmark = pytest.mark.postgres


def _server_cli(db_url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "server.cli", *args], input=stdin, env=server_env(db_url),
                          capture_output=True, text=True, timeout=60)


def _citizen(laptop, name: str = "Karen Holm") -> str:
    with laptop.ctx.uow() as s:
        row = Citizen(name=name)
        s.add(row)
        s.flush()
        return row.id


def _names(laptop) -> set[str]:
    with laptop.ctx.uow() as s:
        return set(s.execute(select(Citizen.name)).scalars())


def test_requests_without_a_valid_token_are_refused(server) -> None:
    for headers in ({}, {"Authorization": "Bearer forkert"}, {"Authorization": "Basic xyz"}):
        answer = httpx.get(server.base + "/api/v1/pull", headers=headers)
        assert answer.status_code == 401
    bad = httpx.post(server.base + "/api/v1/devices", json={"username": "ingen", "password": "x", "name": "pc"})
    assert bad.status_code == 401


def test_another_team_neither_sees_nor_changes_our_rows(laptops) -> None:
    a, c = laptops("a", "anna"), laptops("c", "carl")
    cid = _citizen(a, "Kun Nord")
    a.sync()
    c.sync()
    assert "Kun Nord" not in _names(c)
    change = {"change_id": str(uuid.uuid4()), "entity": "citizen", "row_id": cid, "op": "update",
              "fields": {"name": ["Kun Nord", "Overtaget"]}, "base_version": 1,
              "hlc": "001763900000000-00000-carl"}
    with c.transport() as t:  # refused alone, with its reason; not a whole-batch 403
        answer = t.push("forsoeg-1", None, [change])
    assert answer["results"] == {change["change_id"]: "refused"}
    assert answer["refused"] == {change["change_id"]: "posten tilhører et andet team"}
    a.sync()
    assert "Kun Nord" in _names(a)


def test_adduser_list_and_revoke_device_from_the_command_line(server, tmp_path) -> None:
    from tests.sync.support import Laptop

    user = f"dora-{uuid.uuid4().hex[:6]}"
    made = _server_cli(server.url, "adduser", user, "--team", "vest", stdin="en-god-kode\n")
    assert made.returncode == 0, made.stderr
    laptop = Laptop(tmp_path, "d")
    try:
        laptop.register(server.base, user, "en-god-kode")
        laptop.sync()
        listed = _server_cli(server.url, "list-devices")
        line = next(row for row in listed.stdout.splitlines() if f"\t{user}\t" in row)
        device_id, name, _user, team, created, seen, status = line.split("\t")
        assert (name, team, status) == ("d", "vest", "aktiv") and created != "-" and seen != "-"
        assert _server_cli(server.url, "revoke-device", device_id).returncode == 0
        assert _server_cli(server.url, "revoke-device", "ukendt-id").returncode == 2
        with pytest.raises(AuthError):
            laptop.sync()
    finally:
        laptop.close()


def _pg(cmd: list[str], db_name: str, **kwargs) -> None:
    subprocess.run(cmd + ["-h", "127.0.0.1", "-U", "postgres", db_name], check=True,
                   capture_output=True, timeout=120, **kwargs)


def test_restore_from_an_older_backup_gives_410_and_a_resync_that_keeps_everything(fresh_server, tmp_path) -> None:
    from tests.sync.support import Laptop

    server = fresh_server()
    db_name = server.url.rsplit("/", 1)[1]
    add_user(server.url, "anna", "nord")
    a, b = Laptop(tmp_path, "a"), Laptop(tmp_path, "b")
    try:
        a.register(server.base, "anna")
        b.register(server.base, "anna")
        _citizen(a, "Før backup")
        a.sync()
        dump = tmp_path / "backup.sql"
        _pg(["pg_dump", "-f", str(dump)], db_name)
        _citizen(a, "Efter backup, sendt")
        a.sync()
        _citizen(a, "Aldrig sendt")
        # The database is restored from the backup; IT runs new-epoch as documented.
        server.stop()
        _pg(["dropdb", "--force"], db_name)
        _pg(["createdb"], db_name)
        _pg(["psql", "-q", "-f", str(dump)], db_name)
        from tests.sync.support import forget_engine
        forget_engine(server.url)
        assert _server_cli(server.url, "new-epoch").returncode == 0
        server.start()
        with a.transport() as t:
            with pytest.raises(Exception) as gone:
                t.pull(0, "00000000-0000-0000-0000-000000000000", 10)
        assert type(gone.value).__name__ == "GoneError"
        report = a.sync()
        assert report.resynced
        b.sync()
        wanted = {"Før backup", "Efter backup, sendt", "Aldrig sendt"}
        assert wanted <= _names(a) and wanted <= _names(b)
    finally:
        a.close()
        b.close()


def test_twenty_pushes_at_once_on_two_server_processes_leave_no_gap(fresh_server, tmp_path) -> None:
    from app.sync.transport import Transport

    first = fresh_server()
    second = ServerProcess(first.url).start()
    try:
        add_user(first.url, "anna", "nord")
        with Transport(first.base, retries=0) as t:
            token = t.register("anna", "hemmelig-kode", "load")["token"]
            reader_token = t.register("anna", "hemmelig-kode", "reader")["token"]
        expected: set[str] = set()
        seen: set[str] = set()
        done = threading.Event()
        errors: list[BaseException] = []

        def pusher(i: int) -> None:
            base = (first if i % 2 else second).base
            changes = []
            for j in range(15):
                row_id = str(uuid.uuid4())
                expected.add(row_id)
                changes.append({"change_id": str(uuid.uuid4()), "entity": "citizen", "row_id": row_id,
                                "op": "insert", "fields": {"name": [None, f"Borger {i}-{j}"]},
                                "base_version": 0, "hlc": f"{1763900000000 + i:015d}-00000-n{i}"})
            try:
                with Transport(base, token, retries=2) as t:
                    for k in range(0, 15, 5):
                        t.push(f"p{i}-{k}", None, changes[k:k + 5])
            except BaseException as exc:
                errors.append(exc)

        def reader() -> None:
            cursor, flip = 0, False
            with Transport(first.base, reader_token) as t1, Transport(second.base, reader_token) as t2:
                while True:
                    finished = done.is_set()
                    page = (t1 if flip else t2).pull(cursor, None, 50)
                    flip = not flip
                    seen.update(r["id"] for r in page["records"])
                    cursor = page["cursor"]
                    if finished and not page["more"]:
                        return

        read = threading.Thread(target=reader)
        read.start()
        threads = [threading.Thread(target=pusher, args=(i,)) for i in range(20)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        done.set()
        read.join(60)
        assert not errors
        assert len(expected) == 300
        # The reader only ever moved forward; had a lower seq committed after
        # it passed, that row would be missing here.
        assert expected <= seen
    finally:
        second.stop()
