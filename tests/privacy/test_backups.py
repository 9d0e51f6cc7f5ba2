"""Backups: automatic with rotation, backup/restore round trip, damaged store
detected with the newest good backup offered, second instance refused."""
from __future__ import annotations

import subprocess
from datetime import datetime, timedelta

import pytest

from app import backups, integrity, paths, secrets
from app.context import open_context
from app.instance_lock import AlreadyRunning, InstanceLock
from app.services import citizens, visits
from tests.conftest import jobcoach_cmd, subprocess_env


def _key() -> str:
    return secrets.get_secret(secrets.DB_KEY_NAME)


def _names(ctx) -> set[str]:
    return {c.name for c in citizens.list_citizens(ctx).rows}


def _corrupt(path, offset: int = 4096 * 3, size: int = 2048) -> None:
    data = bytearray(path.read_bytes())
    data[offset:offset + size] = bytes(reversed(data[offset:offset + size]))
    path.write_bytes(bytes(data))


def test_backup_restore_round_trip_keeps_replaced_store(ctx):
    citizens.create_citizen(ctx, name="Før Kopien")
    info = backups.make_backup(_key())
    assert integrity.check_store(info.path, _key(), full=True).ok
    citizens.create_citizen(ctx, name="Efter Kopien")
    ctx.close()
    kept = backups.restore(info.path, _key())
    assert kept is not None and kept.exists()
    again = open_context()
    try:
        assert _names(again) == {"Før Kopien"}
        assert again.store.integrity_ok()
    finally:
        again.close()
    assert integrity.check_store(kept, _key()).ok  # the replaced store is intact beside it


def test_restore_refuses_a_file_that_does_not_open_or_is_damaged(ctx, tmp_path):
    citizens.create_citizen(ctx, name="Bliver")
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"not a database" * 1000)
    ctx.close()
    with pytest.raises(backups.RestoreError):
        backups.restore(bad, _key())
    again = open_context()
    assert _names(again) == {"Bliver"}
    again.close()


def test_rotation_keeps_days_and_never_the_last_two(ctx):
    folder = paths.backup_dir()
    now = datetime(2026, 11, 23, 12, 0)
    made = [backups.make_backup(_key(), now=now - timedelta(days=d)) for d in (30, 20, 5, 1, 0)]
    assert backups.rotate(14, now=now) == 2
    left = {b.path for b in backups.list_backups(folder)}
    assert left == {m.path for m in made[2:]}
    assert backups.rotate(0, now=now + timedelta(days=100)) == 1  # two newest stay
    assert len(backups.list_backups(folder)) == 2


def test_automatic_backup_only_when_due(ctx):
    assert backups.automatic_backup(_key(), 14) is not None
    assert backups.automatic_backup(_key(), 14) is None  # a restart minutes later
    assert backups.automatic_backup(_key(), 14, after=timedelta(0)) is not None


def test_damaged_store_is_detected_and_newest_good_backup_offered(ctx):
    citizens.create_citizen(ctx, name="I Kopien")
    older = backups.make_backup(_key(), now=datetime.now() - timedelta(hours=2))
    good = backups.make_backup(_key(), now=datetime.now() - timedelta(hours=1))
    broken = backups.make_backup(_key())
    _corrupt(broken.path)
    c = citizens.create_citizen(ctx, name="Efter Kopien")
    for _ in range(3):
        visits.add_action(ctx, c.id, "ikke synkroniseret")
    ctx.close()
    store = paths.store_path()
    # A copy of the store with damaged bytes: the check refuses it
    damaged = store.with_name("damaged.db")
    damaged.write_bytes(store.read_bytes())
    _corrupt(damaged, offset=4096 * 5)
    report = integrity.check_store(damaged, _key())
    assert not report.ok and ("beskadiget" in report.problem or "kan ikke" in report.problem)
    assert integrity.check_store(store, _key()).ok
    offer = integrity.recovery_offer(_key(), store)
    assert offer is not None and offer.backup.path == good.path != older.path
    assert offer.unsynced_since is not None and offer.unsynced_since >= 4
    assert "sikkerhedskopi" in offer.message() and "ikke-synkroniserede" in offer.message()


def test_second_instance_is_refused(tmp_path):
    lock = InstanceLock().acquire()
    try:
        with pytest.raises(AlreadyRunning) as err:
            InstanceLock().acquire()
        assert "kører allerede" in str(err.value)
        child = subprocess.run(
            [*jobcoach_cmd()[:1], "-c",
             "from app.instance_lock import InstanceLock as L\n"
             "try:\n    L().acquire(); print('fik låsen')\n"
             "except Exception as e:\n    print(type(e).__name__)"],
            env=subprocess_env(), capture_output=True, text=True, timeout=60)
        assert child.stdout.strip() == "AlreadyRunning"
        gui = subprocess.run(jobcoach_cmd() + ["--smoke-test"], env=subprocess_env(),
                             capture_output=True, text=True, timeout=120)
        assert gui.returncode != 0 and "kører allerede" in gui.stderr
    finally:
        lock.release()
    InstanceLock().acquire().release()


def test_cli_backup_and_restore(ctx):
    citizens.create_citizen(ctx, name="CLI Kopi")
    ctx.close()
    made = subprocess.run(jobcoach_cmd() + ["backup"], env=subprocess_env(), capture_output=True,
                          text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    copy = made.stdout.strip()
    with InstanceLock():
        busy = subprocess.run(jobcoach_cmd() + ["restore", copy], env=subprocess_env(),
                              capture_output=True, text=True, timeout=120)
    assert busy.returncode == 1 and "kører allerede" in busy.stderr
    done = subprocess.run(jobcoach_cmd() + ["restore", copy], env=subprocess_env(),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    missing = subprocess.run(jobcoach_cmd() + ["restore", copy + ".nej"], env=subprocess_env(),
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2


def test_rotation_thins_older_days_to_one_copy(ctx):
    now = datetime(2026, 11, 23, 12, 0)
    for hours in (1, 2, 26, 27, 28, 50):
        backups.make_backup(_key(), now=now - timedelta(hours=hours))
    assert backups.rotate(14, now=now) == 2  # 27 h and 28 h: same day as 26 h
    days = [b.taken_at for b in backups.list_backups()]
    assert days == [now - timedelta(hours=h) for h in (1, 2, 26, 50)]


def test_restore_starts_a_full_resync_keeping_unsent_changes(ctx):
    from sqlalchemy import func, select

    from app.sync import state
    from db.models import OutboxEntry

    citizens.create_citizen(ctx, name="Før kopien")
    with ctx.uow() as s:
        state.put(s, state.CURSOR, "41")
        s.execute(OutboxEntry.__table__.update().values(sent=True))
    from db.backup import copy_store

    backup = copy_store(paths.store_path(), paths.backup_dir() / "r.db", _key())
    ctx.close()
    backups.restore(backup, _key())
    again = open_context()
    try:
        with again.uow() as s:
            assert state.cursor(s) == 0
            unsent = s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.sent.is_(False)))
            total = s.scalar(select(func.count()).select_from(OutboxEntry))
        assert unsent == total > 0
    finally:
        again.close()
