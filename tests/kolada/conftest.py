from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.kolada.server import KoladaServer

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def server() -> Iterator[KoladaServer]:
    srv = KoladaServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """examples/kolada with the repo's plugins and reference data beside it, as in the repo."""
    shutil.copytree(REPO / "examples/kolada", tmp_path / "examples/kolada",
                    ignore=shutil.ignore_patterns("__pycache__", "datasets", "build"))
    shutil.copytree(REPO / "plugins", tmp_path / "plugins",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "datasets/reference", tmp_path / "datasets/reference")
    return tmp_path / "examples/kolada/hti.toml"
