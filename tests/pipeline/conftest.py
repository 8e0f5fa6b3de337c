from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def asem(tmp_path: Path) -> Path:
    """A fresh, unbuilt copy of the ASEM example project; returns its hti.toml."""
    for name in ("hti.toml", "iData.csv", "iMeta.csv"):
        shutil.copy2(REPO / "examples" / "asem" / name, tmp_path / name)
    return tmp_path / "hti.toml"
