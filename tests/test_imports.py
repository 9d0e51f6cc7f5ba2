"""Every module of the program imports: pages and commands are plain
imports (no loading by name that turns a broken page into a placeholder),
so a module that fails to import fails here, in the tests and in the build."""
from __future__ import annotations

import importlib
import pkgutil

import pytest

import app
import db
import ui

MODULES = sorted(m.name for package in (app, db, ui)
                 for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
                 if not m.name.startswith("db.migrations"))


@pytest.mark.parametrize("name", MODULES)
def test_module_imports(name: str) -> None:
    importlib.import_module(name)


def test_every_page_and_command_is_a_plain_import() -> None:
    from app.cli import main
    from ui import main_window

    commands = {m.__name__.rsplit(".", 1)[1] for m in main.COMMAND_MODULES}
    assert commands == {m.name for m in pkgutil.iter_modules(importlib.import_module("app.cli").__path__)
                        if m.name.startswith("commands_")}
    for page in ("TodayPage", "CitizensPage", "CompaniesPage", "PlacementsPage", "ReportsView", "SyncView",
                 "AccessLogView"):
        assert isinstance(getattr(main_window, page), type)  # imported at the top, not by name
