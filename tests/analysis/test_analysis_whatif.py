"""What-if: exact recomputation, nothing changes for the current value, bounds enforced."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hti_tui.analysis import whatif
from hti_tui.engine.examples import hti_like_tree, percent_params, random_values
from hti_tui.engine.model import Methods
from hti_tui.errors import UsageError

TREE = hti_like_tree(30)
PARAMS = percent_params(TREE)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), unit=st.integers(0, 24), ind=st.integers(0, 29),
       norm=st.sampled_from(["goalposts", "minmax", "zscore", "rank"]),
       outliers=st.sampled_from(["none", "winsorise"]))
def test_current_value_changes_nothing(seed: int, unit: int, ind: int, norm: str,
                                       outliers: str) -> None:
    x = random_values(TREE, 25, seed, 0.0)
    m = Methods(normalisation=norm, outliers=outliers)
    before, after = whatif.apply(TREE, x, PARAMS, m, unit, {ind: float(x[unit, ind])})
    for name in ("scores", "ranks", "contribution", "index", "group"):
        np.testing.assert_array_equal(getattr(after, name), getattr(before, name))


def test_goalposts_move_only_the_unit_minmax_can_move_others() -> None:
    x = random_values(TREE, 25, 1, 0.0)
    best = int(np.argmax(x[:, 0]))
    before, after = whatif.apply(TREE, x, PARAMS, Methods(), 3, {0: 100.0})
    assert after.index[3] > before.index[3]
    others = np.arange(25) != 3
    np.testing.assert_array_equal(after.index[others], before.index[others])
    # lowering the unit holding the maximum changes the min-max scale for everyone
    b2, a2 = whatif.apply(TREE, x, PARAMS, Methods(normalisation="minmax"), best,
                          {0: float(np.min(x[:, 0]))})
    moved = np.arange(25) != best
    assert not np.allclose(a2.index[moved], b2.index[moved])


def test_penalised_cell_gets_its_value() -> None:
    x = random_values(TREE, 10, 2, 0.0)
    x[4, 5] = np.nan
    pen = np.zeros(x.shape, dtype=bool)
    pen[4, 5] = True
    before, after = whatif.apply(TREE, x, PARAMS, Methods(), 4, {5: 80.0}, penalise=pen)
    assert before.normalised[4, 5] == 0.0 and after.normalised[4, 5] == 80.0


def test_rejects_impossible_requests() -> None:
    x = random_values(TREE, 10, 3, 0.0)
    name = TREE.indicator_ids[2]
    with pytest.raises(UsageError, match=rf"'{name}'.*\[0, 100\]"):
        whatif.apply(TREE, x, PARAMS, Methods(), 0, {2: 140.0})
    with pytest.raises(UsageError, match="indicator 99"):
        whatif.apply(TREE, x, PARAMS, Methods(), 0, {99: 1.0})
    with pytest.raises(UsageError, match="finite"):
        whatif.apply(TREE, x, PARAMS, Methods(), 0, {1: float("nan")})
    with pytest.raises(UsageError, match="unit 10"):
        whatif.apply(TREE, x, PARAMS, Methods(), 10, {1: 5.0})
