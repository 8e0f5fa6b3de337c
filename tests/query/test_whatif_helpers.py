"""The query layer's what-if helpers the TUI uses: indicator bounds and before → after deltas."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from hti_tui.errors import UsageError
from hti_tui.query import analyses as q_analyses
from hti_tui.query import kommun as q_kommun
from hti_tui.query.context import Index

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ix(tmp_path_factory: pytest.TempPathFactory) -> Index:
    from hti_tui.cli.main import main

    dest = tmp_path_factory.mktemp("asem_query")
    for name in ("hti.toml", "iData.csv", "iMeta.csv"):
        shutil.copy2(REPO / "examples" / "asem" / name, dest / name)
    assert main(["--config", str(dest / "hti.toml"), "build"]) == 0
    return Index.open(dest / "hti.toml")


def test_bounds_are_open_unless_declared(ix: Index) -> None:
    assert q_analyses.indicator_bounds(ix, "LPI") == (None, None)
    j = ix.indicator_ids().index("LPI")
    bounds = ix.model.params.bounds
    saved = bounds[j].copy()
    try:
        bounds[j] = (1.0, 5.0)
        assert q_analyses.indicator_bounds(ix, "LPI") == (1.0, 5.0)
        bounds[j] = (0.0, np.inf)
        assert q_analyses.indicator_bounds(ix, "LPI") == (0.0, None)
    finally:
        bounds[j] = saved


def test_bounds_of_an_unknown_indicator_is_a_usage_error(ix: Index) -> None:
    with pytest.raises(UsageError):
        q_analyses.indicator_bounds(ix, "no-such-indicator")


def test_delta_is_after_minus_before(ix: Index) -> None:
    view = q_analyses.whatif(ix, "AUT", {"LPI": 5.0, "Flights": 500.0})
    delta = q_analyses.whatif_delta(view)
    assert delta["index"] == pytest.approx(view.after["index"] - view.before["index"])
    assert delta["index"] > 0
    assert delta["rank"] == view.before["rank"] - view.after["rank"]
    assert delta["rank"] >= 0  # climbing is positive
    for d, before in view.before["delindex"].items():
        assert delta["delindex"][d] == pytest.approx(view.after["delindex"][d] - before)
    for c in view.changes:
        assert delta["changes"][c["indicator"]] == pytest.approx(
            c["score_after"] - c["score_before"])


def test_delta_of_the_current_value_is_zero(ix: Index) -> None:
    current = q_kommun.kommun(ix, "AUT").indicators
    lpi = next(r for r in current if r.id == "LPI")
    delta = q_analyses.whatif_delta(q_analyses.whatif(ix, "AUT", {"LPI": lpi.raw}))
    assert delta["index"] == 0.0
    assert delta["rank"] == 0
    assert delta["changes"] == {"LPI": 0.0}
