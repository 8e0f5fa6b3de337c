from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def asem_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ASEM example project, built once per session in a temporary directory."""
    from hti_tui.cli.main import main

    dest = tmp_path_factory.mktemp("asem")
    for name in ("hti.toml", "iData.csv", "iMeta.csv"):
        shutil.copy2(REPO / "examples" / "asem" / name, dest / name)
    assert main(["--config", str(dest / "hti.toml"), "build"]) == 0
    return dest / "hti.toml"
