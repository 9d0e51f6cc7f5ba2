"""Every test gets a temporary data folder and a keyring that is not the
user's: no test touches real data or a real keyring."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import keyring
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.keyrings.TestFileKeyring"
ROOT = Path(__file__).resolve().parent.parent
FULL = os.environ.get("JOBCOACH_FULL_TESTS") == "1"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("JOBCOACH_DATA_DIR", str(data))
    monkeypatch.setenv("JOBCOACH_TEST_KEYRING", str(tmp_path / "test-keyring.json"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    from tests.support.keyrings import TestFileKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(TestFileKeyring())
    yield data
    keyring.set_keyring(previous)
    _forget_process_state()


MODAL_LIMIT_S = 15.0  # tests answer their own message boxes within milliseconds (tests/ui/conftest.when_modal)


@pytest.fixture(autouse=True)
def no_forgotten_modal():
    """A modal box nobody answers (an error shown where a test expected
    none) would block the test for ever: the timeout's signal never reaches
    Python inside Qt's own event loop. A watchdog closes any modal dialog
    left open MODAL_LIMIT_S and fails the test with its text."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    app = widgets.QApplication.instance() if widgets is not None else None
    if app is None:
        yield
        return
    from tests.support.modal_watch import ModalWatch

    watch = ModalWatch(MODAL_LIMIT_S)
    yield
    closed = watch.stop()
    assert not closed, f"a modal dialog was left open and closed by the test watchdog: {closed}"


def _forget_process_state() -> None:
    """A program has one opened store and one idle lock per process; a test
    that opened them through the start-up checks must not hand them to the
    next test (whose window would ask that store's PIN)."""
    checks = sys.modules.get("ui.startup_checks")
    if checks is not None:
        checks._guard = None  # type: ignore[attr-defined]
    lock = sys.modules.get("ui.lock_install")
    if lock is not None:
        lock._state.clear()  # type: ignore[attr-defined]


@pytest.fixture
def ctx(isolated):
    from app.context import open_context

    context = open_context()
    yield context
    context.close()


def subprocess_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """Environment for a child `jobcoach` process of a test."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHON_KEYRING_BACKEND"] = "tests.support.keyrings.TestFileKeyring"
    env.update(extra or {})
    return env


def jobcoach_cmd() -> list[str]:
    return [sys.executable, "-m", "ui.launcher"]
