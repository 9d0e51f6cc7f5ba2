"""The hand-written build files, checked without building (fast, always run)."""
from __future__ import annotations

import ast
import tomllib

from PIL import Image

from tests.dist.bundle import ROOT

ICONS = ROOT / "resources" / "icons"


def _version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def _version_strings() -> dict[str, str]:
    tree = ast.parse((ROOT / "resources" / "version_info.txt").read_text(encoding="utf-8"))
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "StringStruct":
            key, value = (arg.value for arg in node.args)
            found[key] = value
    return found


def _filevers() -> tuple[int, ...]:
    tree = ast.parse((ROOT / "resources" / "version_info.txt").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "filevers":
            return ast.literal_eval(node.value)
    raise AssertionError("no filevers")


def test_windows_version_resource_follows_pyproject() -> None:
    version = _version()
    strings = _version_strings()
    assert strings["FileVersion"] == strings["ProductVersion"] == version
    assert strings["OriginalFilename"] == "jobcoach.exe"
    numbers = tuple(int(part) for part in version.split("."))
    assert _filevers()[:len(numbers)] == numbers


def test_icons_hold_the_sizes_each_system_asks_for() -> None:
    with Image.open(ICONS / "jobcoach.png") as png:
        assert png.size == (256, 256)
        assert png.getpixel((128, 128))[3] == 255  # drawn, not empty
    with Image.open(ICONS / "jobcoach.ico") as ico:
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    with Image.open(ICONS / "jobcoach.icns") as icns:
        assert icns.size[0] >= 256


def test_spec_names_what_the_frozen_program_loads_by_name() -> None:
    spec = (ROOT / "pyinstaller.spec").read_text()
    ast.parse(spec)
    for name in ("sqlcipher3.dbapi2", "keyring.backends.Windows", "keyring.backends.macOS",
                 "keyring.backends.SecretService", "keyring.backends.kwallet", "secretstorage",
                 "PySide6.QtPdfWidgets", "version_info.txt", "jobcoach.ico"):
        assert name in spec, name
