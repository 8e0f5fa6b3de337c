"""The facade's what-if helpers the TUI uses: indicator bounds and before → after deltas."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from hti_tui.errors import UsageError
from hti_tui.facade import Facade

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def facade(tmp_path_factory: pytest.TempPathFactory) -> Facade:
    from hti_tui.cli.main import main

    dest = tmp_path_factory.mktemp("asem_facade")
    for name in ("hti.toml", "iData.csv", "iMeta.csv"):
        shutil.copy2(REPO / "examples" / "asem" / name, dest / name)
    assert main(["--config", str(dest / "hti.toml"), "build"]) == 0
    return Facade.open(dest / "hti.toml")


def test_bounds_are_open_unless_declared(facade: Facade) -> None:
    assert facade.indicator_bounds("LPI") == (None, None)
    j = facade.indicator_ids().index("LPI")
    bounds = facade.model.params.bounds
    saved = bounds[j].copy()
    try:
        bounds[j] = (1.0, 5.0)
        assert facade.indicator_bounds("LPI") == (1.0, 5.0)
        bounds[j] = (0.0, np.inf)
        assert facade.indicator_bounds("LPI") == (0.0, None)
    finally:
        bounds[j] = saved


def test_bounds_of_an_unknown_indicator_is_a_usage_error(facade: Facade) -> None:
    with pytest.raises(UsageError):
        facade.indicator_bounds("no-such-indicator")


def test_delta_is_after_minus_before(facade: Facade) -> None:
    view = facade.whatif("AUT", {"LPI": 5.0, "Flights": 500.0})
    delta = facade.whatif_delta(view)
    assert delta["index"] == pytest.approx(view.after["index"] - view.before["index"])
    assert delta["index"] > 0
    assert delta["rank"] == view.before["rank"] - view.after["rank"]
    assert delta["rank"] >= 0  # climbing is positive
    for d, before in view.before["delindex"].items():
        assert delta["delindex"][d] == pytest.approx(view.after["delindex"][d] - before)
    for c in view.changes:
        assert delta["changes"][c["indicator"]] == pytest.approx(
            c["score_after"] - c["score_before"])


def test_delta_of_the_current_value_is_zero(facade: Facade) -> None:
    current = facade.kommun("AUT").indicators
    lpi = next(r for r in current if r.id == "LPI")
    delta = facade.whatif_delta(facade.whatif("AUT", {"LPI": lpi.raw}))
    assert delta["index"] == 0.0
    assert delta["rank"] == 0
    assert delta["changes"] == {"LPI": 0.0}
