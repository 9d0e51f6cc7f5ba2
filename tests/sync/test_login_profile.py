"""The coach's profile comes from the server account: `jobcoach-server
adduser USER --team T --name ... --phone ... --email ...` (the real command,
in a subprocess), then login on the laptop; the printed tillægsaftale uses it."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from app.services import coach_profile
from app.sync.client import login

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


def test_adduser_profile_reaches_the_laptop_at_login(ctx, server) -> None:
    user = f"lise-{uuid.uuid4().hex[:6]}"
    env = os.environ | {"JOBCOACH_SERVER_DATABASE_URL": server.url}
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from server.cli import main; sys.exit(main())", "adduser", user,
         "--team", "nord-x", "--name", "Lise Holm Jørgensen", "--phone", "+45 76941010",
         "--email", "lise@varde.dk"], input="hemmelig-kode\n", text=True, capture_output=True, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert coach_profile.get_profile(ctx).full_name == ""
    login(ctx, server.base, user, "hemmelig-kode")
    assert coach_profile.get_profile(ctx) == coach_profile.CoachProfile(
        "Lise Holm Jørgensen", "+45 76941010", "lise@varde.dk")
