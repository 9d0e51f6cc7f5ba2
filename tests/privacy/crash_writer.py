"""Child process of the crash test: writes visits and notes through the
services and prints a line for each committed write (flushed at once), until
it is killed. Run as `python -m tests.privacy.crash_writer SEED`."""
from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta

from app.context import open_context
from app.services import citizens, visits


def main(seed: int) -> None:
    rnd = random.Random(seed)
    ctx = open_context()
    citizen = citizens.create_citizen(ctx, name=f"Crash {seed}")
    print(f"citizen {citizen.id}", flush=True)
    last_visit = None
    while True:
        if last_visit is None or rnd.random() < 0.4:
            notes = f"note {seed} " + "æøå " * rnd.randint(1, 5000)
            v = visits.create_visit(ctx, citizen.id, at=datetime.now() - timedelta(minutes=5),
                                    notes=notes)
            last_visit = v.id
            print(f"visit {v.id} {len(notes)}", flush=True)
        else:
            notes = f"saved {rnd.random()} " + "x" * rnd.randint(1, 20000)
            version = visits.save_notes(ctx, last_visit, notes)
            print(f"notes {last_visit} {version} {len(notes)}", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]))
