"""The clients of `devices_50_mixed` (bench.mixed_devices), each run in a
process of its own, as laptops are machines of their own: no client waits
for another client's Python (its GIL) and the time measured is the server's
answer plus one laptop's own HTTP work.

- `team_devices`: one team's devices, a thread each. They sync in waves:
  wave k starts at `t0 + k * every` on every device of every team at once
  (the clock is time.monotonic(), the machine's, shared by all processes).
  A device whose last round is still running starts when it ends, as a
  laptop's next sync does. Waves go on while the full sync runs (`stop` not
  set), and at least `min_waves` of them.
- `big_sync`: the big team's laptop: its first full sync (app.sync.client's
  sync_round on a store with every row unsent), once `begin` is set.
Each puts its results and the CPU seconds it spent on them on `out`.
"""
from __future__ import annotations

import threading
import time
import uuid
from typing import Any

from bench.device_round import Round, device_round, run_devices


def team_devices(team: int, base: str, tokens: list[str], rows: list[dict[str, Any]], per_round: int,
                 ready: Any, go: Any, t0: Any, every: float, min_waves: int, stop: Any, out: Any) -> None:
    from app.sync.transport import Transport

    transports = [Transport(base, token, timeout=300) for token in tokens]
    rounds: list[list[Round]] = [[] for _ in tokens]
    ready.release()
    go.wait()
    cpu = time.process_time()
    threads = [threading.Thread(target=_device, args=(t, team * len(tokens) + d, rows, per_round, t0.value,
                                                      every, min_waves, stop, rounds[d]))
               for d, t in enumerate(transports)]
    run_devices(threads, transports)
    out.put(("devices", rounds, time.process_time() - cpu))


def _device(transport: Any, index: int, rows: list[dict[str, Any]], per_round: int, t0: float, every: float,
            min_waves: int, stop: Any, rounds: list[Round]) -> None:
    cursor, wave, epoch = 0, 0, None
    while wave < min_waves or not stop.is_set():
        time.sleep(max(0.0, t0 + wave * every - time.monotonic()))
        start = (index + wave) * per_round % (len(rows) - per_round + 1)
        # New rows each round (a fresh id and change id), complete as a laptop's outbox has them.
        changes = [dict(c, change_id=str(uuid.uuid4()), row_id=str(uuid.uuid4()))
                   for c in rows[start:start + per_round]]
        done = device_round(transport, f"mixed-{index}-{wave}-{uuid.uuid4().hex[:6]}", changes, cursor, epoch)
        rounds.append(done)
        cursor, epoch = done.cursor, done.epoch
        wave += 1


def big_sync(path: str, key: str, base: str, token: str, ready: Any, begin: Any, out: Any) -> None:
    from pathlib import Path

    from app.context import Context
    from app.store import open_store
    from app.sync.account import take_account
    from app.sync.client import sync_round
    from app.sync.transport import Transport

    opened = open_store(Path(path), key)
    ctx = Context(opened.store, opened.coach_id, opened.username)
    with ctx.uow() as session:  # as `jobcoach login` does: the demo's access-log entries become the account's
        take_account(ctx, session, {"username": "mixedbig"})
    transport = Transport(base, token, timeout=300)
    ready.release()
    begin.wait()
    error = None
    cpu, start = time.process_time(), time.monotonic()
    try:
        report = sync_round(ctx, transport)
        summary = f"{report.pushed} pushed, {report.pulled} pulled"
    except Exception as exc:  # reported with the figure
        error, summary = type(exc).__name__, ""
    end, cpu = time.monotonic(), time.process_time() - cpu
    transport.close()
    ctx.close()
    out.put(("big", (start, end, summary, error), cpu))
