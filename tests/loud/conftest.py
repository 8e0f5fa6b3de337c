"""A built copy of the shipped project, copied fresh for each test that breaks it."""

from __future__ import annotations

import hashlib
import importlib
import shutil
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project

#: a plugin whose computes return ±inf for three kommuner and all NaN: hti notes both
#: (tests/loud/test_failed_plugins.py and the fault table)
NAN_INF_PLUGIN = '''import numpy as np
from hti_tui import hookimpl, indicator
__version__ = "1.0"

def infinite(x):
    out = x.copy(); out[:3] = np.inf
    return out

def nothing(x):
    return np.full_like(x, np.nan)

@hookimpl
def hti_indicators():
    return [indicator("ext_inf", "Inf", area="trygghet", compute=infinite,
                      measures=["brukarundersokning:bu_trygg"], goalposts=(50.0, 100.0)),
            indicator("ext_nan", "NaN", area="trygghet", compute=nothing,
                      measures=["brukarundersokning:bu_trygg"], goalposts=(50.0, 100.0))]
'''


@pytest.fixture(scope="session")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from hti_tui.cli.main import main

    dest = tmp_path_factory.mktemp("loud_built")
    config = copy_project(dest)
    assert main(["--config", str(config), "build"]) == 0
    return dest


@pytest.fixture
def built(built_once: Path, tmp_path: Path) -> Path:
    """A fresh copy of the built project; returns its hti.toml."""
    dest = tmp_path / "project"
    shutil.copytree(built_once, dest)
    return dest / "hti.toml"


def digest(folder: Path) -> dict[str, str]:
    """sha256 of every built file (the build status file aside)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.parquet"))}


@pytest.fixture
def entry_point(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Install a third-party plugin (module source) under entry-point group ``hti``."""
    made: list[str] = []

    def install(name: str, source: str) -> None:
        site = tmp_path / f"site_{name}"
        info = site / f"hti_{name}-1.0.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: hti-{name}\n"
                                       "Version: 1.0\n", encoding="utf-8")
        (info / "entry_points.txt").write_text(f"[hti]\n{name} = hti_{name}\n",
                                               encoding="utf-8")
        (site / f"hti_{name}.py").write_text(source, encoding="utf-8")
        monkeypatch.syspath_prepend(str(site))
        importlib.invalidate_caches()
        made.append(f"hti_{name}")

    yield install
    for module in made:
        sys.modules.pop(module, None)


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich wraps at the terminal width; a wide one keeps each message on one line."""
    monkeypatch.setenv("COLUMNS", "1000")
