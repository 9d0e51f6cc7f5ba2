"""One bundle per test session: found up to date in dist/ or built once."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.dist.bundle import Built, find_or_build


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return find_or_build(tmp_path_factory)


@pytest.fixture
def bundle(built: Built) -> Path:
    """The folder dist/jobcoach."""
    return built.folder
