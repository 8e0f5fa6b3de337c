"""The frozen year context: the engine, re-run on the stored inputs, reproduces the stored
scores; when the model changed since ``hti build`` it says so on the banner, not silently."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.query.context import Index

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def asem(tmp_path: Path) -> Path:
    for name in ("hti.toml", "iData.csv", "iMeta.csv"):
        shutil.copy2(REPO / "examples" / "asem" / name, tmp_path / name)
    config = tmp_path / "hti.toml"
    assert main(["--config", str(config), "build"]) == 0
    return config


def test_recomputed_equals_stored_and_the_context_is_frozen(asem: Path) -> None:
    ix = Index.open(asem)
    ctx = ix.year(2018)
    assert ctx.mismatch is None
    assert ix.year(2018) is ctx  # the engine ran once
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.year = 2019  # type: ignore[misc]
    assert ix.build_warnings() == []


def test_a_model_changed_since_the_build_is_shown_as_stale(
        asem: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = asem.read_text(encoding="utf-8")
    asem.write_text(text.replace('normalisation = "minmax"', 'normalisation = "zscore"'),
                    encoding="utf-8")
    ix = Index.open(asem)
    ctx = ix.year(2018)
    assert ctx.mismatch is not None and "other scores than stored" in ctx.mismatch
    warnings = " ".join(ix.build_warnings())
    assert "2018" in warnings
