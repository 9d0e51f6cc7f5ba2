"""I dag as the coach's own to-do list: sections with counts, my citizens by
default and the team behind a switch, the next contact agreed at a visit as
the follow-up date, late milestones that say how late, one action per row,
and a refresh after a visit."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtWidgets import QApplication

from app.services import citizens, placements, progression, today, visits
from db.models import Coach
from tests.ui.day.conftest import make_window, shoot
from ui.views.page_ids import Page

TODAY = date.today()


def other_coach(ctx) -> str:
    with ctx.uow() as s:
        coach = Coach(username="kollega", full_name="Kirsten Kollega")
        s.add(coach)
        s.flush()
        return coach.id


def citizen_with_placement(ctx, name: str, days_ago: int = 80, **extra) -> tuple[str, str]:
    c = citizens.create_citizen(ctx, name=name)
    p = placements.create_placement(ctx, c.id, placement_type="skaanejob", internal_unit="Køkkenet",
                                    start_date=TODAY - timedelta(days=days_ago), **extra)
    return c.id, p.id


def test_sections_mine_by_default_and_the_team_on_request(ctx):
    mine, _ = citizen_with_placement(ctx, "Mona Mig")
    theirs, _ = citizen_with_placement(ctx, "Torben Teamet", coach_id=other_coach(ctx))
    my_items = today.overview(ctx, coach_id=ctx.coach_id)
    assert {i.citizen_id for i in my_items} == {mine}
    team_items = today.overview(ctx)
    assert {i.citizen_id for i in team_items} == {mine, theirs}
    [item] = my_items
    assert item.section == "overdue" and item.when.endswith("for sent") and item.text == "Første opfølgning"


def test_next_contact_agreed_at_a_visit_is_the_follow_up_date(ctx):
    c, p = citizen_with_placement(ctx, "Niels Næste")
    visits.create_visit(ctx, c, at=datetime.now() - timedelta(days=1), placement_id=p,
                        next_contact=TODAY + timedelta(days=3))
    [item] = [i for i in today.overview(ctx, coach_id=ctx.coach_id) if i.kind == "followup"]
    assert (item.due, item.section, item.when) == (TODAY + timedelta(days=3), "week", "om 3 dage")
    assert item.text.startswith("Opfølgning aftalt ved besøget")
    visits.create_visit(ctx, c, at=datetime.now(), placement_id=p, next_contact=TODAY + timedelta(days=40))
    assert not [i for i in today.overview(ctx, coach_id=ctx.coach_id) if i.kind == "followup"]


def test_a_milestone_twenty_months_late_says_so(ctx):
    _c, p = citizen_with_placement(ctx, "Lise Længe", days_ago=800)
    progression.add_milestone(ctx, p, kind="flere_timer", text="Møder til tiden",
                              target_date=TODAY - timedelta(days=600))
    [item] = [i for i in today.overview(ctx) if i.kind == "milestone_due"]
    assert item.section == "milestones" and item.when == "20 mdr. for sent"
    assert item.text == "Delmål: Møder til tiden"


def test_registered_kinds_get_their_own_section(ctx):
    c, p = citizen_with_placement(ctx, "Ulla Underskrift")

    def unsigned(_s, day, _coach):
        return [today.TodayItem("test_unsigned", c, "Ulla Underskrift", "Tillægsaftale v1", day,
                                placement_id=p)]

    today.register_source("test_unsigned", "unsigned", unsigned)
    try:
        assert "unsigned" in {i.section for i in today.overview(ctx)}
    finally:
        today._SOURCES.remove(unsigned)
        del today.KIND_SECTION["test_unsigned"]


def test_page_shows_sections_with_counts_and_one_action_per_row(qtbot, ctx):
    citizen_with_placement(ctx, "Mona Mig")
    c2, p2 = citizen_with_placement(ctx, "Niels Næste")
    visits.create_visit(ctx, c2, at=datetime.now() - timedelta(days=1), placement_id=p2,
                        next_contact=TODAY + timedelta(days=2))
    citizen_with_placement(ctx, "Torben Teamet", coach_id=other_coach(ctx))
    window = make_window(ctx, qtbot)
    page = window.page(Page.TODAY)
    qtbot.waitUntil(lambda: len(page.items) == 2, timeout=5000)
    headers = [page.tree.topLevelItem(n).text(0) for n in range(page.tree.topLevelItemCount())]
    assert headers == ["Overskredet (1)", "Denne uge (1)"]
    assert page.select("Niels Næste")
    assert page.action_button.text() == "&Nyt besøg"
    assert page.tree.currentItem().text(4) == "Nyt besøg"
    shoot(window, "today_mine")
    page.team.setChecked(True)
    qtbot.waitUntil(lambda: len(page.items) == 3, timeout=5000)
    assert "hele teamet" in page.summary.text()
    window.close()


def test_page_refreshes_after_a_visit(qtbot, ctx):
    c, p = citizen_with_placement(ctx, "Mona Mig")
    window = make_window(ctx, qtbot)
    page = window.page(Page.TODAY)
    qtbot.waitUntil(lambda: len(page.items) == 1, timeout=5000)
    assert page.select("Mona Mig")

    def hold_visit(dialog):
        dialog.form.next_contact.set_date(TODAY + timedelta(days=60))
        dialog.form.notes.setPlainText("Godt besøg")
        dialog.accept()

    from PySide6.QtCore import QTimer

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
        else:
            hold_visit(dialog)

    QTimer.singleShot(0, answer)
    page.do_action()
    qtbot.waitUntil(lambda: not page.items and not page.loading, timeout=5000)
    assert "Intet at følge op på" in page.summary.text()
    window.close()


def test_page_refreshes_when_the_change_bus_announces_a_visit(qtbot, ctx):
    from ui import changes

    c, p = citizen_with_placement(ctx, "Mona Mig")
    window = make_window(ctx, qtbot)
    page = window.page(Page.TODAY)
    qtbot.waitUntil(lambda: len(page.items) == 1, timeout=5000)
    visits.create_visit(ctx, c, at=datetime.now(), placement_id=p, next_contact=TODAY + timedelta(days=60))
    changes.announce({changes.VISIT}, {c})
    qtbot.waitUntil(lambda: not page.items and not page.loading, timeout=5000)
    changes.announce({changes.COMPANY})  # not what I dag is made of: no fetch
    assert not page._soon.isActive()
    window.close()


def test_unsigned_agreements_have_their_own_section(ctx):
    from app.services import addenda
    from tests.test_addendum_helpers import make_placement

    made = make_placement(ctx)
    dto, _, _ = addenda.print_addendum(ctx, made.placement_id)
    later = dto.printed_at.date() + timedelta(days=20)
    [item] = [i for i in today.overview(ctx, later) if i.kind == "addendum_unsigned"]
    assert item.section == "unsigned" and item.when == "6 dage for sent"
    assert "Aftaler der mangler underskrift" in [s.title for s in today.SECTIONS]
