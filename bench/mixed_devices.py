"""`devices_50_mixed`: 50 devices of 5 teams sync while another team's first
full sync runs on the same server (`--workers 2`, PostgreSQL).

The model, as laptops are used:
- the big team's laptop runs its first full sync (every row of the large
  data set unsent) in a process of its own (bench.mixed_clients.big_sync);
- the 50 devices are 5 processes, one per team, a thread per device, so no
  device waits for another's Python: laptops do not share a CPU or a GIL;
- the devices sync in waves: every WAVE_EVERY_S seconds all 50 start a round
  at the same moment, each pushing ROWS complete citizen rows (made by a real
  store, every column, as a laptop's outbox sends them) and then pulling to
  the end of its team's news. 50 laptops syncing at the same instant every
  two seconds is far above what 50 coaches make (a laptop syncs after an
  edit and every few minutes), and is the worst case of "at once";
- wave 0 runs before the full sync: the devices were syncing already, so
  the server's pooled connections are open, as on a server in use (a fresh
  server forks a PostgreSQL backend per connection in its first burst). The
  full sync starts with wave 1; waves go on for as long as it runs, and at
  least MIN_WAVES during it;
- only rounds that overlap the full sync count (start before it ends, end
  after it starts): p95 and median of their wall time, errors of all.
The clients run on the server's 2 cores as well: the figure is an upper
bound of what a separate server machine would give.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench.common import Figure, percentile
from bench.device_round import Round

TEAMS, PER_TEAM, ROWS = 5, 10, 10
WAVE_EVERY_S, MIN_WAVES = 2.0, 3
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


def _tokens(server, devices: list[tuple[str, str]]) -> list[str]:
    """A device token per (user, device name), registered as `jobcoach login` does."""
    from bench.device_round import register

    with ThreadPoolExecutor(4) as pool:  # each login verifies an argon2 hash
        return list(pool.map(lambda d: register(server.base, *d), devices))


def run_mixed(server, big_store: Path, key: str, folder: Path) -> Figure:
    """The figure; `big_store` is a store (opened with `key`) holding the whole
    data set unsent, whose user is put in a team of its own."""
    from bench.bench_sync import _pg_cpu, _tree_cpu
    from bench.mixed_clients import big_sync, team_devices
    from tests.sync.support import add_user

    rows = complete_rows(folder, TEAMS * PER_TEAM * ROWS)
    for team in range(TEAMS):
        add_user(server.url, f"mixed{team}", f"mixed-team-{team}")
    add_user(server.url, "mixedbig", "mixed-big-team")
    tokens = _tokens(server, [(f"mixed{t}", f"M{t}-{d}") for t in range(TEAMS) for d in range(PER_TEAM)]
                     + [("mixedbig", "BIG")])
    mp = multiprocessing.get_context("spawn")  # a fresh interpreter each, as a laptop is
    ready, go, begin, stop, out = mp.Semaphore(0), mp.Event(), mp.Event(), mp.Event(), mp.Queue()
    t0 = mp.Value("d", 0.0)
    procs = [mp.Process(target=team_devices, args=(team, server.base, tokens[team * PER_TEAM:][:PER_TEAM], rows,
                                                   ROWS, ready, go, t0, WAVE_EVERY_S, MIN_WAVES + 1, stop, out))
             for team in range(TEAMS)]
    procs.append(mp.Process(target=big_sync, args=(str(big_store), key, server.base, tokens[-1], ready, begin, out)))
    try:
        for proc in procs:
            proc.start()
        for _ in procs:
            ready.acquire(timeout=300)
        load, cpu_server, cpu_pg = os.getloadavg()[0], _tree_cpu(server.proc.pid), _pg_cpu(server.url)
        t0.value = time.monotonic() + 0.1
        go.set()
        time.sleep(max(0.0, t0.value + WAVE_EVERY_S - time.monotonic()))
        begin.set()  # the full sync starts with wave 1
        results = _collect(out, stop, procs) | {"t0": t0.value}
    finally:
        stop.set(), go.set(), begin.set()
        for proc in procs:
            proc.join(timeout=60)
            if proc.exitcode is None:
                proc.terminate()
    cpu = {"server": _tree_cpu(server.proc.pid) - cpu_server, "PostgreSQL": _pg_cpu(server.url) - cpu_pg}
    return _figure(results, cpu, (load, os.getloadavg()[0]))


def _collect(out: Any, stop: Any, procs: list[Any]) -> dict[str, Any]:
    """Every process's results; the devices are told to stop once the full sync has ended."""
    results: dict[str, Any] = {"devices": [], "cpu_devices": 0.0}
    while len(results) < 4 or len(results["devices"]) < TEAMS * PER_TEAM:
        try:
            kind, value, cpu = out.get(timeout=5)
        except Exception:  # queue.Empty: is everyone still alive?
            if any(p.exitcode not in (None, 0) for p in procs):
                stop.set()
                raise RuntimeError("a client process of devices_50_mixed died") from None
            continue
        if kind == "big":
            results["big"], results["cpu_big"] = value, cpu
            stop.set()
        else:
            results["devices"].extend(value)
            results["cpu_devices"] += cpu
    return results


def _figure(results: dict[str, Any], cpu: dict[str, float], load: tuple[float, float]) -> Figure:
    start, end, summary, big_error = results["big"]
    devices: list[list[Round]] = results["devices"]
    rounds = [r for device in devices for r in device]
    overlapping = [r for r in rounds if r.start < end and r.start + r.seconds > start]
    during = [r.seconds for r in overlapping]
    waves = {round((r.start - results["t0"]) / WAVE_EVERY_S) for r in overlapping}
    errors = [r.error for r in rounds if r.error] + ([f"full sync: {big_error}"] if big_error else [])
    p95 = percentile(during, 95) if during else float("nan")
    median = statistics.median(during) if during else float("nan")
    cpu_text = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in
                         (cpu | {"devices": results["cpu_devices"], "big laptop": results["cpu_big"]}).items())
    return Figure(f"50 devices of {TEAMS} teams at once during a full sync, p95", p95 * 1000, "ms",
                  "no error, p95 < 500 ms", ok=bool(during) and not errors and p95 < P95_TARGET_S,
                  key="devices_50_mixed",
                  note=f"{len(during)} rounds (push {ROWS} complete rows + pull) in waves of 50 every "
                       f"{WAVE_EVERY_S:.0f} s during the other team's full sync of {end - start:.1f} s "
                       f"({summary}); {len(waves)} waves, {len(errors)} errors "
                       f"{sorted(set(errors))[:3] if errors else ''}; median {median * 1000:.0f} ms, "
                       f"max {max(during, default=0) * 1000:.0f} ms; CPU: {cpu_text}; "
                       f"load {load[0]:.1f} -> {load[1]:.1f}")
