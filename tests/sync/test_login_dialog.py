"""*Log ind på server* in the window: a real server on loopback; the
computer's name reaches the server; a wrong password, an address nobody
answers and missing fields are told in Danish at the right field."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.sync import login_help
from app.sync.errors import SyncError
from server.models import Device
from tests.sync.support import add_user, free_port, server_engine

pytestmark = pytest.mark.postgres
SHOTS = "/tmp/screens"


def dialog_for(qtbot, ctx):
    from ui.login_dialog import LoginDialog

    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill(dialog, url: str, user: str, password: str, device: str = "Bærbar Lise") -> None:
    form = dialog.login
    form.url.setText(url)
    form.username.setText(user)
    form.password.setText(password)
    form.device_name.setText(device)


def test_login_from_the_window_names_the_computer(qtbot, ctx, server):
    user = f"lise-{uuid.uuid4().hex[:6]}"
    add_user(server.url, user, "nord-x")
    dialog = dialog_for(qtbot, ctx)
    fill(dialog, server.base, user, "hemmelig-kode")
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.login_button.click()
    assert ctx.settings.sync_server_url == server.base.rstrip("/") and ctx.settings.sync_username == user
    with Session(server_engine(server.url)) as s:
        names = s.scalars(select(Device.name).order_by(Device.created_at.desc()).limit(1)).all()
    assert names == ["Bærbar Lise"]


def test_wrong_password_is_said_in_danish_at_the_field(qtbot, ctx, server):
    user = f"lise-{uuid.uuid4().hex[:6]}"
    add_user(server.url, user, "nord-x")
    dialog = dialog_for(qtbot, ctx)
    fill(dialog, server.base, user, "forkert-kode")
    dialog.login_button.click()
    qtbot.waitUntil(lambda: not dialog.login.busy, timeout=20000)
    message = dialog.login.form.errors.message("password")
    assert message == "Brugernavn eller adgangskode er forkert. Tjek dem og prøv igen."
    assert dialog.isVisible()
    dialog.grab().save(f"{SHOTS}/login_wrong_password.png")


def test_missing_fields_and_a_bad_address_never_reach_the_server(qtbot, ctx):
    dialog = dialog_for(qtbot, ctx)
    fill(dialog, "ftp://x", "", "", "")
    assert not dialog.login.start()
    errors = dialog.login.form.errors
    assert "https://" in errors.message("url") and errors.message("username") and errors.message("password")
    assert errors.message("device_name")


def test_an_address_nobody_answers_says_what_to_do(qtbot, ctx):
    dialog = dialog_for(qtbot, ctx)
    fill(dialog, f"http://127.0.0.1:{free_port()}", "lise", "kode")
    dialog.login_button.click()
    qtbot.waitUntil(lambda: not dialog.login.busy, timeout=30000)
    assert dialog.login.form.errors.message("url").startswith("Serveren kunne ikke nås")


def test_no_raw_http_status_is_ever_shown():
    field, text = login_help.explain(SyncError("Serveren svarede med en fejl: HTTP 422"))
    assert "HTTP" not in text and "422" not in text and text.startswith("Serveren kunne ikke bruge")
