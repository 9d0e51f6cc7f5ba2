"""Logging in makes the laptop's user the server account: a team leader's
laptop shows the access log, a coach's does not."""
from __future__ import annotations

import uuid

import pytest

from app.services import status
from app.sync.client import login
from tests.sync.support import add_user

pytestmark = pytest.mark.postgres


def test_login_takes_name_and_leader_role(ctx, server) -> None:
    leader, coach = f"leder-{uuid.uuid4().hex[:6]}", f"coach-{uuid.uuid4().hex[:6]}"
    add_user(server.url, leader, "nord-x", leader=True)
    add_user(server.url, coach, "nord-x")
    assert not status.is_team_leader(ctx)
    login(ctx, server.base, leader, "hemmelig-kode")
    assert status.is_team_leader(ctx)
    login(ctx, server.base, coach, "hemmelig-kode")
    assert not status.is_team_leader(ctx)
