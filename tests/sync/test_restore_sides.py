"""Issue 12, items 2 and 4: a restore on either side loses nothing.

A laptop restored from its own backup gets a new node identity and pulls
everything, its own later rows included. A server restored from a pg_dump,
with no extra step by anyone, is found out by the laptops (its sequence is
behind, or the checksums differ), which resync from zero and send again what
it lacks: both laptops end equal to each other and to the server."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from app import backups
from app.context import Context
from app.store import open_store
from app.sync import replica, state
from db.models import Citizen, OutboxEntry
from tests.sync.support import Laptop, add_user, forget_engine, snapshot

pytestmark = pytest.mark.postgres


def _citizen(laptop, name: str) -> str:
    with laptop.ctx.uow() as s:
        row = Citizen(name=name)
        s.add(row)
        s.flush()
        return row.id


def _rename(laptop, row_id: str, name: str) -> None:
    with laptop.ctx.uow() as s:
        s.get(Citizen, row_id).name = name


def _names(laptop) -> set[str]:
    with laptop.ctx.uow() as s:
        return set(s.execute(select(Citizen.name).where(Citizen.deleted_at.is_(None))).scalars())


def _reopen(laptop) -> None:
    laptop.ctx.close()
    opened = open_store(laptop.dir / "jobcoach.db", laptop.key)
    laptop.ctx = Context(opened.store, opened.coach_id, opened.username)


def test_backup_more_work_sync_restore_sync_and_the_work_is_back(laptops) -> None:
    a, b = laptops("a", "anna"), laptops("b", "bo")
    first = _citizen(a, "Før kopien")
    a.sync()
    copy = backups.make_backup(a.key, store=a.dir / "jobcoach.db", folder=a.dir / "backups")
    old_node = a.node
    _citizen(a, "Efter kopien, synkroniseret")
    _rename(a, first, "Omdøbt efter kopien")
    a.sync()
    a.ctx.close()
    backups.restore(copy.path, a.key, store=a.dir / "jobcoach.db")
    _reopen(a)
    assert a.node != old_node
    assert a.ctx.store.clock.now().node == a.node
    assert "Efter kopien, synkroniseret" not in _names(a)
    report = a.sync()
    assert report.resynced and not report.still_apart
    b.sync()
    a.sync()
    wanted = {"Omdøbt efter kopien", "Efter kopien, synkroniseret"}
    assert _names(a) == wanted == _names(b)
    assert snapshot(a) == snapshot(b)
    again = a.sync()
    assert not again.apart and not again.resynced and again.pulled == 0


def _pg(*cmd: str, stdin: str | None = None) -> None:
    subprocess.run(list(cmd[:1]) + ["-h", "127.0.0.1", "-U", "postgres"] + list(cmd[1:]), check=True,
                   capture_output=True, timeout=120, input=stdin, text=True)


def _prune_sent(laptop) -> None:
    """What outbox pruning does after a while: sent entries are gone, so a
    repair cannot rely on them."""
    from sqlalchemy import delete

    with laptop.ctx.uow() as s:
        s.execute(delete(OutboxEntry).where(OutboxEntry.sent.is_(True)))


def _server_rows(server_url: str, team: str) -> dict[str, tuple[int, bool]]:
    from sqlalchemy.orm import Session

    from server.models import Record
    from tests.sync.support import server_engine

    with Session(server_engine(server_url)) as s:
        rows = s.execute(select(Record.id, Record.version, Record.deleted)
                         .where(Record.team == team, Record.entity != "conflict")).all()
    return {r.id: (r.version, r.deleted) for r in rows}


def _local_rows(laptop) -> dict[str, tuple[int, bool]]:
    out = {}
    with laptop.ctx.uow() as s:
        for entity in replica.MODEL_BY_TABLE:
            for row_id, version, deleted in replica._local_rows(s, entity, set()):
                out[row_id] = (version, deleted)
    return out


def test_server_restored_from_pg_dump_with_no_extra_step_and_both_laptops_end_equal(
        fresh_server, tmp_path: Path) -> None:
    server = fresh_server()
    db_name = server.url.rsplit("/", 1)[1]
    add_user(server.url, "anna", "nord")
    add_user(server.url, "bo", "nord")
    add_user(server.url, "carl", "syd")
    a, b, c = Laptop(tmp_path, "a"), Laptop(tmp_path, "b"), Laptop(tmp_path, "c")
    try:
        a.register(server.base, "anna")
        b.register(server.base, "bo")
        c.register(server.base, "carl")
        kept = _citizen(a, "Før dump")
        a.sync()
        b.sync()
        dump = tmp_path / "server.dump"
        _pg("pg_dump", "-Fc", "-f", str(dump), db_name)
        # After the dump: a's new row and edit reach the server, b's too; then
        # the outboxes are pruned, as they are after a while.
        _citizen(a, "Efter dump, fra a")
        _rename(a, kept, "Før dump, rettet af a")
        a.sync()
        lost_b = _citizen(b, "Efter dump, fra b")
        b.sync()
        _prune_sent(a)
        _prune_sent(b)
        # Another team keeps working (its own sequence: it does not hide the restore).
        for n in range(30):
            _citizen(c, f"Syd {n}")
        # The server database is restored from the dump. Nobody runs new-epoch.
        server.stop()
        forget_engine(server.url)
        _pg("pg_restore", "--clean", "--if-exists", "-d", db_name, str(dump))
        server.start()
        c.sync()
        _citizen(a, "Efter gendannelse, fra a")
        report_a = a.sync()
        report_b = b.sync()
        # a's cursor is beyond the restored team's sequence (410, a full resync);
        # b's is behind it again (a's repair moved it on), but b's checksum differs.
        assert report_a.resynced and report_a.repaired == 2 and not report_a.still_apart
        assert report_b.apart and report_b.repaired == 1 and not report_b.still_apart
        assert report_b.conflicts == 0
        a.sync()
        wanted = {"Før dump, rettet af a", "Efter dump, fra a", "Efter dump, fra b", "Efter gendannelse, fra a"}
        assert _names(a) == wanted == _names(b)
        assert snapshot(a) == snapshot(b)
        on_server = _server_rows(server.url, "nord")
        assert _local_rows(a) == _local_rows(b) == {k: v for k, v in on_server.items() if k in _local_rows(a)}
        assert lost_b in on_server
        with a.ctx.uow() as s:
            assert state.waiting(s) == 0
        assert not a.sync().apart and not b.sync().apart
    finally:
        a.close()
        b.close()
        c.close()


def test_server_restored_from_a_plain_dump_answers_410_and_the_laptop_sends_what_it_lost(
        fresh_server, tmp_path: Path) -> None:
    """The same with psql and a plain dump, nothing else on the server: the
    laptop's cursor is beyond the restored sequence (410), its sent entries
    are pruned, and the rows still come back from its tables."""
    server = fresh_server()
    db_name = server.url.rsplit("/", 1)[1]
    add_user(server.url, "anna", "nord")
    a = Laptop(tmp_path, "a")
    try:
        a.register(server.base, "anna")
        first = _citizen(a, "Før dump")
        a.sync()
        dump = tmp_path / "server.sql"
        _pg("pg_dump", "-f", str(dump), db_name)
        _citizen(a, "Efter dump")
        _rename(a, first, "Før dump, rettet")
        a.sync()
        _prune_sent(a)
        server.stop()
        forget_engine(server.url)
        _pg("dropdb", "--force", db_name)
        _pg("createdb", db_name)
        _pg("psql", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(dump), db_name)
        server.start()
        report = a.sync()
        assert report.resynced and report.repaired == 2 and not report.still_apart
        assert report.conflicts == 0
        on_server = _server_rows(server.url, "nord")
        assert _local_rows(a) == on_server
        fresh = Laptop(tmp_path, "fresh")
        try:
            fresh.register(server.base, "anna")
            fresh.sync()
            assert _names(fresh) == {"Før dump, rettet", "Efter dump"}
        finally:
            fresh.close()
    finally:
        a.close()
