"""The change bus: a visit saved from I dag updates I dag without Opdatér;
a write through run_write is announced; a wrong kind fails before writing."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt

from app.services import citizens, companies, placements, visits
from tests.ui.conftest import grab, settle, when_modal
from ui import changes
from ui.ops import run_write
from ui.views.page_ids import Page


def _overdue_citizen(ctx) -> str:
    """A citizen whose follow-up is overdue: placement started 40 days ago, never visited."""
    citizen = citizens.create_citizen(ctx, name="Birgitte Ærø")
    company = companies.create_company(ctx, name="Smedjen ApS", cvr="")
    placements.create_placement(ctx, citizen.id, placement_type="skaanejob", company_id=company.id,
                                start_date=date.today() - timedelta(days=40), job_title="Smed")
    return citizen.id


def _late_rows(page, citizen_id: str) -> list:
    """The page's overdue follow-up rows of the citizen (I dag is a tree of sections)."""
    rows = []
    for n in range(page.tree.topLevelItemCount()):
        header = page.tree.topLevelItem(n)
        for k in range(header.childCount()):
            item = header.child(k).data(0, Qt.ItemDataRole.UserRole)
            if item and item.citizen_id == citizen_id and item.kind == "followup" and item.section == "overdue":
                rows.append(item)
    return rows


def test_visit_saved_from_i_dag_updates_i_dag_without_refresh(ctx, window, qtbot) -> None:
    citizen_id = _overdue_citizen(ctx)
    today = window.go(Page.TODAY)
    today.refresh()
    settle(qtbot)
    assert _late_rows(today, citizen_id), "the follow-up is overdue before the visit"
    assert today.select("Birgitte Ærø", "followup")

    def write_and_close(dialog) -> None:
        dialog.form.notes.setPlainText("Godt besøg; borgeren trives.")
        dialog.accept()

    when_modal(write_and_close)
    today.new_visit()
    settle(qtbot)
    # the page fetches again shortly after a change (one fetch for a burst of changes)
    qtbot.waitUntil(lambda: not _late_rows(today, citizen_id), timeout=10_000)
    assert visits.visits_of_citizen(ctx, citizen_id)  # the visit is stored (the page did not just forget the row)
    grab(window, "runtime_i_dag_after_visit")


def test_run_write_announces_kinds_and_ids(ctx, window, qtbot) -> None:
    citizen = citizens.create_citizen(ctx, name="Ole Ørsted")
    heard: list[changes.Changes] = []
    changes.bus().changed.connect(heard.append)
    done: list[object] = []
    ok = run_write(window, lambda c: citizens.update_citizen(c, citizen.id, city="Odense"),
                   kinds={changes.CITIZEN}, ids={citizen.id}, on_done=done.append)
    assert ok and done and done[0].city == "Odense"
    assert heard == [changes.Changes(frozenset({changes.CITIZEN}), frozenset({citizen.id}))]


def test_a_refused_write_is_not_announced(ctx, window, qtbot) -> None:
    citizen = citizens.create_citizen(ctx, name="Ole Ørsted")
    heard: list[changes.Changes] = []
    changes.bus().changed.connect(heard.append)
    errors: list[Exception] = []
    ok = run_write(window, lambda c: citizens.update_citizen(c, citizen.id, name=""),
                   kinds={changes.CITIZEN}, on_error=errors.append)
    assert not ok and heard == [] and errors


def test_an_unknown_kind_fails_before_anything_is_written(ctx, window) -> None:
    wrote: list[int] = []
    with pytest.raises(ValueError):
        run_write(window, lambda c: wrote.append(1), kinds={"citizens"})
    assert wrote == []


def test_a_background_write_runs_on_the_writer_thread_and_is_announced(ctx, window, qtbot) -> None:
    import threading

    from ui.ops import wait_for_writes

    citizen = citizens.create_citizen(ctx, name="Ole Ørsted")
    threads: list[str] = []

    def write(c):
        threads.append(threading.current_thread().name)
        return citizens.update_citizen(c, citizen.id, city="Vejle")

    with qtbot.waitSignal(changes.bus().changed, timeout=10_000) as heard:
        run_write(window, write, kinds={changes.CITIZEN}, ids={citizen.id}, background=True)
    assert wait_for_writes()
    assert heard.args[0].ids == frozenset({citizen.id})
    assert threads and threads[0] != threading.main_thread().name
    assert citizens.get_citizen(ctx, citizen.id).city == "Vejle"
