"""The first-start guide: shown on an empty store only, three steps (name
and unit; server or "arbejd alene"; the first citizen), then never again."""
from __future__ import annotations

from app.services import citizens, first_start
from tests.ui.day.conftest import fits_small_screen, shoot
from ui.first_start import FirstStartGuide


def test_guide_walks_three_steps_working_alone(qtbot, ctx):
    assert first_start.should_show(ctx)
    guide = FirstStartGuide(ctx)
    qtbot.addWidget(guide)
    guide.show()
    assert fits_small_screen(guide)
    shoot(guide, "guide_1_me")
    guide.me.full_name.setText("")
    guide.next()
    assert guide.currentPage() is guide.me and guide.me.form.errors.message("full_name")
    guide.me.full_name.setText("Lise Holm")
    guide.me.unit_name.setText("Jobcenter Varde")
    guide.next()
    assert guide.currentPage() is guide.server and guide.server.alone.isChecked()
    shoot(guide, "guide_2_server")
    guide.next()
    assert guide.currentPage() is guide.citizen
    guide.citizen.name.setText("Søren Ærø")
    shoot(guide, "guide_3_citizen")
    guide.accept()
    assert guide.citizen.created is not None
    assert citizens.get_citizen(ctx, guide.citizen.created, log_view=False).name == "Søren Ærø"
    assert first_start.my_name(ctx) == "Lise Holm" and ctx.settings.unit_name == "Jobcenter Varde"
    assert not first_start.should_show(ctx)


def test_closing_the_guide_is_fine_and_it_is_not_shown_again(qtbot, ctx):
    guide = FirstStartGuide(ctx)
    qtbot.addWidget(guide)
    guide.show()
    guide.reject()
    assert not first_start.should_show(ctx)


def test_not_shown_on_a_store_with_citizens(ctx):
    citizens.create_citizen(ctx, name="Allerede Her")
    assert not first_start.should_show(ctx)


def test_choosing_the_server_needs_a_login_first(qtbot, ctx):
    guide = FirstStartGuide(ctx)
    qtbot.addWidget(guide)
    guide.show()
    guide.me.full_name.setText("Lise Holm")
    guide.me.unit_name.setText("Jobcenter Varde")
    guide.next()
    guide.server.server.setChecked(True)
    guide.next()  # empty fields: told at the fields, the guide stays
    assert guide.currentPage() is guide.server
    assert guide.server.login.form.errors.message("url")
    guide.reject()


def test_the_pin_is_asked_after_the_guide_not_before(qtbot, ctx):
    from PySide6.QtWidgets import QMainWindow

    from app import unlock
    from ui import lock_install

    class Guard:
        passphrase_mode, key = False, ""

    window = QMainWindow()
    qtbot.addWidget(window)
    assert not unlock.has_pin() and first_start.should_show(ctx)
    assert lock_install.install_idle_lock(window, ctx, Guard()) is None  # no PIN question yet
    first_start.mark_done(ctx)
    unlock.set_pin("4711")  # what the PIN question after the guide stores
    lock_install.follow_settings(ctx)
    lock = window._idle_lock
    assert lock.tracker.limit == 600
    lock.stop()
