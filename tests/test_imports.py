"""Every module of the program imports: pages and commands are plain
imports (no loading by name that turns a broken page into a placeholder),
so a module that fails to import fails here, in the tests and in the build."""
from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

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
    # The pages are imported where they are built (the window's frame comes
    # before SQLAlchemy is loaded), with import statements, never by name.
    build = inspect.getsource(main_window.MainWindow._build)
    for module, page in (("ui.views.today_page", "TodayPage"), ("ui.views.browse_pages", "CitizensPage"),
                         ("ui.views.browse_pages", "CompaniesPage"), ("ui.views.browse_pages", "PlacementsPage"),
                         ("ui.reports_view", "ReportsView"), ("ui.sync_view", "SyncView"),
                         ("ui.access_log_view", "AccessLogView")):
        assert re.search(rf"from {re.escape(module)} import [^\n]*\b{page}\b", build), page
        assert isinstance(getattr(importlib.import_module(module), page), type)
    assert "import_module" not in inspect.getsource(main_window) and "__import__" not in build
