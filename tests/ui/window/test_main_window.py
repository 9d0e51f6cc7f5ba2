"""The main window: Danish navigation, status bar, shortcuts, remembered
layout, every page a plain import, screens at 1366x768."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from app.services import status
from tests.ui.conftest import grab, make_window, settle
from ui.main_window import MainWindow
from ui.views.page_ids import TITLES, Page

PAGES = ["I dag", "Borgere", "Virksomheder", "Forløb", "Rapporter", "Synkronisering"]


def test_navigation_and_status_bar(demo_window, demo_ctx, qtbot) -> None:
    w = demo_window
    assert [w.nav.item(i).text() for i in range(w.nav.count())] == PAGES  # a coach: no Adgangslog
    settle(qtbot)
    unsynced = w.findChild(QLabel, "unsynced_count").text()
    count = status.unsynced_count(demo_ctx)
    assert count > 1000 and f"{count:,}".replace(",", ".") in unsynced
    assert "ikke synkroniseret" in unsynced
    assert w.findChild(QLabel, "online_state").text().startswith("Offline")
    for i, name in enumerate(PAGES):
        qtbot.keyClick(w, Qt.Key.Key_1 + i, Qt.KeyboardModifier.ControlModifier)
        settle(qtbot)
        assert TITLES[w.current_name()] == name
        grab(w, f"main_{i}_{name.replace(' ', '_').lower()}")


def test_team_leader_sees_access_log(ctx, qtbot) -> None:
    from db.models import Coach

    with ctx.uow() as s:
        s.get(Coach, ctx.coach_id).role = "leder"
    w = make_window(ctx, qtbot)
    assert w.nav.item(w.nav.count() - 1).text() == "Adgangslog"
    w.go(Page.ACCESS_LOG)
    assert w.stack.currentWidget() is w.page(Page.ACCESS_LOG)
    w.close()


def test_ctrl_f_focuses_search_even_from_i_dag(demo_window, qtbot) -> None:
    w = demo_window
    assert w.current_name() == Page.TODAY
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.current_name() == Page.CITIZENS
    assert QApplication.focusWidget() is w.findChild(QLineEdit, "citizens_search")


def test_window_size_and_layout_remembered(ctx, qtbot) -> None:
    w = make_window(ctx, qtbot)
    w.resize(720, 540)
    w.split.setSizes([230, 490])
    w.go(Page.CITIZENS)
    w.page(Page.CITIZENS).split.setSizes([260, 300])
    w.close()
    again = MainWindow(ctx)  # no resize: the remembered size is used
    qtbot.addWidget(again)
    again.show()
    again.go(Page.CITIZENS)
    assert (again.size().width(), again.size().height()) == (720, 540)
    assert abs(again.split.sizes()[0] - 230) <= 2
    from ui.qsettings import window_settings

    settings = window_settings()  # the page's splitter and list columns were kept too
    assert settings.value("splitters/citizens") is not None
    assert settings.value("tables/citizens_list") is not None
    again.close()


def test_shortcuts_without_a_selection_say_what_to_do(window, qtbot) -> None:
    w = window
    qtbot.keyClick(w, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert "Vælg en borger" in w.statusBar().currentMessage()
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert "Vælg et forløb" in w.statusBar().currentMessage()
    assert not w.actions_.undo.isEnabled()  # nothing deleted yet: Fortryd is greyed out


def test_smoke_test_starts_on_a_demo_store(demo_ctx) -> None:
    import subprocess

    from tests.conftest import jobcoach_cmd, subprocess_env

    demo_ctx.close()
    out = subprocess.run(jobcoach_cmd() + ["--smoke-test"], env=subprocess_env({"QT_QPA_PLATFORM": "offscreen"}),
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "smoke-test ok" in out.stderr


def test_menus_are_danish(window) -> None:
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["Filer", "Rediger", "Gå til", "Hjælp"]
    assert isinstance(window, MainWindow)


def test_citizen_behind_a_report_figure_opens_in_borgere(ctx, qtbot) -> None:
    from app.services import citizens

    person = citizens.create_citizen(ctx, name="Rapport Person")
    w = make_window(ctx, qtbot)
    reports = w.go(Page.REPORTS)
    reports.citizen_requested.emit(person.id)
    settle(qtbot)
    assert w.current_name() == Page.CITIZENS
    qtbot.waitUntil(lambda: w.page(Page.CITIZENS).view.citizen_id == person.id, timeout=5000)
    w.close()
