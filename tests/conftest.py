"""Shared fixtures: the repository, and throw-away copies of the project to build in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def repo() -> Path:
    return REPO


def copy_project(dest: Path, with_raw: bool = True) -> Path:
    """A copy of the shipped project (config, plugins, reference and raw data) in ``dest``."""
    for name in ("hti.toml",):
        shutil.copy2(REPO / name, dest / name)
    for folder in ("plugins", "indicators", "datasets/reference"):
        shutil.copytree(REPO / folder, dest / folder,
                        ignore=shutil.ignore_patterns("__pycache__"))
    if with_raw:
        shutil.copytree(REPO / "datasets/raw", dest / "datasets/raw")
    return dest / "hti.toml"


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A fresh copy of the project; returns the path of its hti.toml."""
    return copy_project(tmp_path)


MINIMAL_TOML = """\
schema = 1
[index]
name = "Test index"
years = [2024]
[units]
registry = "units.csv"
[plugins]
directories = ["plugins"]
[tree]
root = "index"
root_name = "Test"
[tree.nodes.area]
name = "Area"
parent = "index"
"""


@pytest.fixture
def minimal_project(tmp_path: Path) -> Path:
    """A tiny valid project: three units, an empty plugin directory; returns hti.toml."""
    (tmp_path / "units.csv").write_text(
        "kommun_kod,kommun_namn\n0114,Upplands Väsby\n0180,Stockholm\n1880,Örebro\n",
        encoding="utf-8")
    (tmp_path / "plugins").mkdir()
    path = tmp_path / "hti.toml"
    path.write_text(MINIMAL_TOML, encoding="utf-8")
    return path


def shared_data(name: str) -> Path | None:
    """A file of ``../shared/data`` (reference material for tests only, never shipped):
    beside the main checkout (``/work/main`` → ``/work/shared``) or a worktree of it."""
    for base in (REPO.parent, REPO.parent.parent):
        path = base / "shared" / "data" / name
        if path.is_file():
            return path
    return None
