"""Sync over loopback against PostgreSQL (a fresh database per run):

- first full sync of the large demo data set: laptop A (a copy of the cached
  store) pushes everything to a fresh server, then a fresh laptop B pulls it
  all; rows/s, anchored on inserting the same rows into plain SQLite;
- a sync of 100 local changes (median of 5 rounds);
- 50 devices syncing at once (each round pushes 10 changes and pulls what is
  new): p95 of a round, and errors.
Needs PostgreSQL at 127.0.0.1:5432 (user postgres) and `pg` reachable.
The server runs as in production: `jobcoach-server serve --workers 2` (one
uvicorn worker per core of this 2-core machine), on a fresh database.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

from bench.common import BenchEnv, Figure, percentile

FULL_TARGET_S, FULL_RATIO, CHANGES_TARGET_S, DEVICES_P95_S = 10.0, 10.0, 0.5, 1.0


def _laptop(path: Path, key: str):
    from app.context import Context
    from app.store import open_store

    opened = open_store(path, key)
    return Context(opened.store, opened.coach_id, opened.username)


def _plain_sqlite_anchor(ctx, folder: Path) -> float:
    """Seconds to insert the same rows into plain SQLite (no key, no outbox, no index)."""
    from sqlalchemy import inspect, select

    from db.models import MODEL_BY_TABLE

    tables = {}
    with ctx.uow() as s:
        for name, model in MODEL_BY_TABLE.items():
            cols = [c.name for c in inspect(model).columns]
            tables[name] = (cols, [tuple(r) for r in s.execute(select(*model.__table__.c)).all()])
    conn = sqlite3.connect(folder / "plain.db")
    start = time.perf_counter()
    for name, (cols, rows) in tables.items():
        conn.execute(f'CREATE TABLE "{name}" ({", ".join(f"{chr(34)}{c}{chr(34)}" for c in cols)})')
        marks = ", ".join("?" for _ in cols)
        conn.executemany(f'INSERT INTO "{name}" VALUES ({marks})', [tuple(map(_plain, r)) for r in rows])
    conn.commit()
    seconds = time.perf_counter() - start
    conn.close()
    return seconds


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def run(env: BenchEnv) -> list[Figure]:
    from tests.sync.support import ServerProcess, add_user, create_database, drop_database, pg_available

    reason = pg_available()
    if reason:
        raise RuntimeError(reason)
    env.ensure_dataset()
    env.activate()
    from app import secrets
    from db.backup import copy_store

    key = secrets.get_secret(secrets.DB_KEY_NAME)
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    name, url = create_database()
    server = ServerProcess(url, workers=2)
    a = b = None
    try:
        add_user(url, "bench", "team")
        server.start()
        copy_store(env.data_dir / "jobcoach.db", folder / "a.db", key)
        a, b = _laptop(folder / "a.db", key), _laptop(folder / "b.db", secrets.new_key())
        figures = _full_sync(a, b, server, folder)
        figures.append(_hundred_changes(a, server))
        figures.append(_fifty_devices(server, b))
        figures.append(_mixed(env, key, folder))
        return figures
    finally:
        for ctx in (a, b):
            if ctx is not None:
                ctx.close()
        server.stop()
        from tests.sync.support import forget_engine
        forget_engine(url)
        drop_database(name)
        shutil.rmtree(folder, ignore_errors=True)


def _mixed(env: BenchEnv, key: str, folder: Path) -> Figure:
    """devices_50_mixed on a server of its own (bench.mixed_devices)."""
    from bench.mixed_devices import run_mixed
    from db.backup import copy_store
    from tests.sync.support import ServerProcess, create_database, drop_database, forget_engine

    name, url = create_database()
    server = ServerProcess(url, workers=2)
    try:
        server.start()
        copy_store(env.data_dir / "jobcoach.db", folder / "big.db", key)
        return run_mixed(server, folder / "big.db", key, folder)
    finally:
        server.stop()
        forget_engine(url)
        drop_database(name)


def _transport(server, device: str, user: str = "bench"):
    from app.sync.transport import Transport
    from bench.device_round import register

    return Transport(server.base, register(server.base, user, device), timeout=300)


def _full_sync(a, b, server, folder: Path) -> list[Figure]:
    from app.sync import state
    from app.sync.account import take_account
    from app.sync.client import sync_round

    ta, tb = _transport(server, "A"), _transport(server, "B")
    with a.uow() as s:  # as `jobcoach login` does: the demo's access-log entries become the account's
        take_account(a, s, {"username": "bench"})
    with a.uow() as s:
        rows = state.waiting(s)
    cpu_here, cpu_server, cpu_pg = time.process_time(), _tree_cpu(server.proc.pid), _pg_cpu(server.url)
    start = time.perf_counter()
    pushed = sync_round(a, ta)
    middle = time.perf_counter()
    pulled = sync_round(b, tb)
    total = time.perf_counter() - start
    cpu_here, cpu_server = time.process_time() - cpu_here, _tree_cpu(server.proc.pid) - cpu_server
    cpu_pg = _pg_cpu(server.url) - cpu_pg
    ta.close(), tb.close()
    anchor = _plain_sqlite_anchor(a, folder)
    same_index = _search_index(a) == _search_index(b)  # the pull re-indexes in bulk (db.search_schema)
    note = (f"{rows} changes pushed in {middle - start:.1f} s, {pulled.pulled} rows pulled by laptop B in "
            f"{total - (middle - start):.1f} s; B's search index {'equals' if same_index else 'DIFFERS FROM'} A's; "
            f"CPU: laptops {cpu_here:.1f} s, server processes {cpu_server:.1f} s, PostgreSQL {cpu_pg:.1f} s")
    return [
        Figure("first full sync (push + 2nd laptop pull)", total, "s",
               f"< {FULL_TARGET_S:.0f} s, <= {FULL_RATIO:.0f}x insert", "plain SQLite insert of the same rows",
               anchor, total < FULL_TARGET_S and total <= FULL_RATIO * anchor and same_index, note,
               key="full_sync"),
        Figure("first full sync throughput", rows / total, "rows/s", "", "plain SQLite insert rows/s",
               rows / anchor, None, f"{pushed.pushed} pushed"),
    ]


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its children (the
    server's uvicorn workers), from /proc; 0 where there is no /proc."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = stat.read_text().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):
            continue
        if stat.parent.name == str(pid) or parent == str(pid):
            total += _proc_cpu(int(stat.parent.name))
    return total


def _pg_cpu(url: str) -> float:
    """CPU seconds of the PostgreSQL backends serving this database now (the
    server's pooled connections stay open through the full sync)."""
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        pids = [r[0] for r in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                                           "AND pid <> pg_backend_pid()")]
    return sum(_proc_cpu(pid) for pid in pids)


def _proc_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _search_index(ctx) -> set[tuple]:
    from sqlalchemy import text

    with ctx.uow() as s:
        return set(s.execute(text("SELECT d.kind, d.row_id, d.citizen_id, f.body FROM search_doc d "
                                  "JOIN search_fts f ON f.rowid = d.id")).all())


def _hundred_changes(a, server) -> Figure:
    from sqlalchemy import select

    from app.sync.client import sync_round
    from db.models import Citizen

    t = _transport(server, "A2")
    with a.uow() as s:
        ids = s.execute(select(Citizen.id).limit(100)).scalars().all()
    runs = []
    for n in range(5):
        with a.uow() as s:
            for row_id in ids:
                s.get(Citizen, row_id).phone = f"{20000000 + n * 1000 + len(runs):08d}"
        start = time.perf_counter()
        report = sync_round(a, t)
        runs.append(time.perf_counter() - start)
        assert report.pushed == 100, report
    t.close()
    return Figure("sync of 100 local changes (median of 5)", statistics.median(runs) * 1000, "ms",
                  "< 500 ms", ok=statistics.median(runs) < CHANGES_TARGET_S,
                  note=f"max {max(runs) * 1000:.0f} ms")


def _fifty_devices(server, b) -> Figure:
    from app.sync import state
    from bench.device_round import Round, device_round, run_devices

    with b.uow() as s:
        high = state.cursor(s)
    transports = [None] * 50
    threads = [threading.Thread(target=lambda i=i: transports.__setitem__(i, _transport(server, f"D{i}")))
               for i in range(50)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    rounds: list[Round] = []
    barrier = threading.Barrier(50)

    def device(i: int) -> None:
        t, cursor, epoch = transports[i], high, None
        for rnd in range(3):
            barrier.wait()
            changes = [{"change_id": str(uuid.uuid4()), "entity": "citizen", "row_id": str(uuid.uuid4()),
                        "op": "insert", "fields": {"name": [None, f"Enhed {i} borger {rnd}-{k}"]},
                        "base_version": 0, "hlc": f"{int(time.time() * 1000):015d}-00000-d{i}"} for k in range(10)]
            done = device_round(t, f"d{i}-{rnd}", changes, cursor, epoch)
            rounds.append(done)
            cursor, epoch = done.cursor, done.epoch

    threads = [threading.Thread(target=device, args=(i,)) for i in range(50)]
    run_devices(threads, transports)
    latencies = [r.seconds for r in rounds]
    errors = [r.error for r in rounds if r.error]
    p95 = percentile(latencies, 95)
    return Figure("50 devices of one team syncing at once, p95 of a round", p95 * 1000, "ms",
                  "no error, p95 < 1 s",
                  ok=not errors and p95 < DEVICES_P95_S,
                  note=f"{len(latencies)} rounds (push 10 + pull), {len(errors)} errors, "
                       f"median {statistics.median(latencies) * 1000:.0f} ms")
