"""What the bundle carries: all of our code (also what is imported by name),
the resources and migrations as files, the Qt modules we use and not the
ones we don't, and neither the server nor the test tools."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.dist.bundle import BUILD_SECONDS, ROOT, Built

pytestmark = [pytest.mark.dist, pytest.mark.timeout(BUILD_SECONDS + 300)]
LEFT_OUT = ("server", "tests", "bench", "fastapi", "uvicorn", "starlette", "psycopg", "pytest",
            "hypothesis", "schemathesis", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngine",
            "PySide6.Qt3D", "PySide6.QtMultimedia", "PySide6.QtCharts", "rich", "click")
QT_LIBS_LEFT_OUT = re.compile(r"Qt6?(WebEngine|Quick|Qml|3D|Multimedia|Charts|VirtualKeyboard)")


def own_modules(older_than: float) -> set[str]:
    """Our modules, but not those written after the build began (other
    engineers work in the same tree while a test builds)."""
    names = set()
    for package in ("app", "ui", "db"):
        for path in (ROOT / package).rglob("*.py"):
            if path.stat().st_mtime > older_than:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[:2] == ("db", "migrations") and parts[-1] != "env_filters" and len(parts) > 2:
                continue  # loaded from files by Alembic, checked below
            names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_module_of_ours_is_frozen_and_the_server_is_not(built: Built) -> None:
    from PyInstaller.archive.readers import pkg_archive_contents  # present: `built` checked

    frozen = set(pkg_archive_contents(str(built.exe)))
    entry = {"ui.launcher"}  # the program's script itself: frozen as __main__, not as a module
    assert sorted(own_modules(built.sources_at) - frozen - entry) == []
    assert sorted(n for n in frozen if left_out(n)) == []


def left_out(module: str) -> bool:
    """PySide6.QtQuick also covers QtQuickWidgets; server does not cover serverless."""
    return any(module.startswith(x) if x.startswith("PySide6.") else
               module == x or module.startswith(x + ".") for x in LEFT_OUT)


def test_resources_and_migrations_are_files_in_the_bundle(built: Built) -> None:
    internal = built.folder / "_internal"
    for name in ("fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf", "icons/jobcoach.png"):
        assert (internal / "resources" / name).is_file(), name
    migrations = ROOT / "db" / "migrations"
    shipped = [migrations / "env.py", migrations / "script.py.mako", *migrations.glob("versions/*.py")]
    for source in (s for s in shipped if s.stat().st_mtime < built.sources_at):
        copy = internal / source.relative_to(ROOT)
        assert copy.read_bytes() == source.read_bytes(), copy


def test_only_the_qt_modules_in_use_and_danish_locales(bundle: Path) -> None:
    internal = bundle / "_internal"
    qt_files = [p.name for p in (internal / "PySide6").rglob("*") if p.is_file()]
    for module in ("QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport"):
        assert any(name.startswith(module + ".") for name in qt_files), module
    assert [n for n in qt_files if QT_LIBS_LEFT_OUT.search(n)] == []
    locales = {p.stem for p in (internal / "babel" / "locale-data").glob("*.dat")}
    assert {"root", "da", "da_DK"} <= locales
    assert "de" not in locales and "fr_FR" not in locales
    assert not any(internal.rglob("*.xz"))  # no stray archives


def test_no_module_of_ours_imports_something_left_out(built: Built) -> None:
    """PyInstaller's warnings: a module missing or excluded that our code
    imports unconditionally would fail only when that code runs."""
    problems = []
    for line in next(built.work.glob("warn-*.txt")).read_text().splitlines():
        if " - imported by " not in line:
            continue
        missing, importers = line.split(" - imported by ", 1)
        for importer, how in re.findall(r"([\w.]+) \(([^)]*)\)", importers):
            ours = importer.split(".")[0] in ("app", "ui", "db")
            if ours and "conditional" not in how and "optional" not in how:
                problems.append(f"{missing} <- {importer} ({how})")
    assert problems == []
