"""`devices_50_mixed`: 50 devices of 5 teams sync at once while another
team's first full sync runs on the same server.

Each device pushes 10 complete citizen rows, exactly as a laptop's outbox
sends them (made by a real store, every column), then pulls its team's news;
rounds repeat until the big team's full sync has ended (at least 3 each).
Only rounds that overlap the full sync count: that is the case where one
server-wide lock made every team wait behind the big push.
"""
from __future__ import annotations

import json
import statistics
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from bench.common import Figure, percentile

TEAMS, PER_TEAM, ROWS, MIN_ROUNDS = 5, 10, 10, 3
P95_TARGET_S = 0.5


def complete_rows(folder: Path, count: int) -> list[dict[str, Any]]:
    """`count` citizen inserts as a laptop's outbox holds them (every field)."""
    from sqlalchemy import select

    from app import secrets
    from app.context import Context
    from app.store import open_store
    from db.models import Citizen, OutboxEntry

    opened = open_store(folder / "rows.db", secrets.new_key())
    ctx = Context(opened.store, opened.coach_id, opened.username)
    try:
        with ctx.uow() as s:
            for n in range(count):
                s.add(Citizen(name=f"Bench Borger {n}", coach_id=ctx.coach_id))
        with ctx.uow() as s:
            rows = s.execute(select(OutboxEntry).where(OutboxEntry.entity == "citizen")).scalars().all()
            return [{"change_id": r.change_id, "entity": r.entity, "row_id": r.row_id, "op": r.op,
                     "fields": json.loads(r.fields), "base_version": r.base_version, "hlc": r.hlc}
                    for r in rows][:count]
    finally:
        ctx.close()


class _Devices:
    def __init__(self, server, rows: list[dict[str, Any]], cursor: int) -> None:
        from bench.bench_sync import _transport
        from tests.sync.support import add_user

        self.rows, self.cursor = rows, cursor
        self.latencies: list[tuple[float, float]] = []  # (start, seconds)
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self.transports = []
        for team in range(TEAMS):
            add_user(server.url, f"mixed{team}", f"mixed-team-{team}")
            for d in range(PER_TEAM):
                self.transports.append(_transport(server, f"M{team}-{d}", f"mixed{team}"))

    def device(self, i: int, big_done: threading.Event) -> None:
        t, cursor, rnd = self.transports[i], 0, 0
        while rnd < MIN_ROUNDS or not big_done.is_set():
            part = self.rows[(i * MIN_ROUNDS + rnd) % (len(self.rows) // ROWS) * ROWS:][:ROWS]
            changes = [dict(c, change_id=str(uuid.uuid4()), row_id=str(uuid.uuid4())) for c in part]
            start = time.perf_counter()
            try:
                t.push(f"m{i}-{rnd}-{uuid.uuid4().hex[:6]}", None, changes, int(time.time() * 1000))
                while True:
                    page = t.pull(cursor, None, 5000)
                    cursor = page["cursor"]
                    if not page["more"]:
                        break
            except Exception as exc:
                with self.lock:
                    self.errors.append(type(exc).__name__)
            with self.lock:
                self.latencies.append((start, time.perf_counter() - start))
            rnd += 1

    def close(self) -> None:
        for t in self.transports:
            t.close()


def run_mixed(server, big_laptop, folder: Path) -> Figure:
    """The figure; `big_laptop` is a store with the whole data set unsent, in a team of its own."""
    from app.sync.client import sync_round
    from bench.bench_sync import _transport
    from tests.sync.support import add_user

    rows = complete_rows(folder, TEAMS * PER_TEAM * ROWS)
    devices = _Devices(server, rows, 0)
    add_user(server.url, "mixedbig", "mixed-big-team")
    big_transport = _transport(server, "BIG", "mixedbig")
    big_done = threading.Event()
    window: list[float] = []

    def big() -> None:
        window.append(time.perf_counter())
        try:
            sync_round(big_laptop, big_transport)
        finally:
            window.append(time.perf_counter())
            big_done.set()

    threads = [threading.Thread(target=devices.device, args=(i, big_done)) for i in range(TEAMS * PER_TEAM)]
    big_thread = threading.Thread(target=big)
    big_thread.start()
    for th in threads:
        th.start()
    for th in threads + [big_thread]:
        th.join()
    devices.close()
    big_transport.close()
    during = [s for start, s in devices.latencies if start < window[-1]]
    p95 = percentile(during, 95) if during else float("nan")
    return Figure(f"50 devices of {TEAMS} teams at once during a full sync, p95", p95 * 1000, "ms",
                  "no error, p95 < 500 ms", ok=bool(during) and not devices.errors and p95 < P95_TARGET_S,
                  key="devices_50_mixed",
                  note=f"{len(during)} rounds during the other team's full sync of "
                       f"{window[-1] - window[0]:.1f} s ({len(devices.latencies)} in all), "
                       f"{len(devices.errors)} errors, median {statistics.median(during) * 1000:.0f} ms")
