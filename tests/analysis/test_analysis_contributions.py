"""vs_median (points against the median unit) and compare.gap (exact two-unit split)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hti_tui.analysis import compare, contributions
from hti_tui.engine.compute import compute
from hti_tui.engine.examples import hti_like_tree, percent_params, random_values
from hti_tui.engine.model import Methods
from hti_tui.errors import UsageError
from tests.analysis.trees import small

NAN = np.nan



def test_vs_median_hand_case() -> None:
    t, p = small()
    x = np.array([[20.0, 40.0, 90.0], [40.0, 60.0, 50.0], [60.0, NAN, 70.0]])
    c = compute(t, x, p, Methods())
    # medians: a1 40, a2 50 (of 40, 60), b1 70
    vm = contributions.vs_median(c)
    # unit 0: weights a1 .25, a2 .25, b1 .5 -> .25*(20-40) + .25*(40-50) + .5*(90-70)
    assert vm[0, t.index_of("a1")] == pytest.approx(-5.0)
    assert vm[0, t.index_of("a2")] == pytest.approx(-2.5)
    assert vm[0, t.index_of("A")] == pytest.approx(-7.5)
    assert vm[0, t.index_of("idx")] == pytest.approx(-7.5 + 10.0)
    # unit 2: a2 missing -> a1 carries A alone (weight .5), the missing cell gives 0
    assert vm[2, t.index_of("a1")] == pytest.approx(0.5 * (60 - 40))
    assert vm[2, t.index_of("a2")] == 0.0
    np.testing.assert_allclose(contributions.indicator_medians(c), [40, 50, 70])


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_root_gain_is_index_minus_weighted_medians(seed: int) -> None:
    t = hti_like_tree(30)
    c = compute(t, random_values(t, 30, seed, 0.1), percent_params(t), Methods())
    vm = contributions.vs_median(c)
    med = contributions.indicator_medians(c)
    expected = c.index - c.effective_weight @ med
    np.testing.assert_allclose(vm[:, -1], expected, atol=1e-9)
    # an aggregate's gain is the sum of its children's gains
    for node in range(t.n_indicators, t.n_nodes):
        kids = np.flatnonzero(t.parent == node)
        np.testing.assert_allclose(vm[:, node], vm[:, kids].sum(axis=1), atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), a=st.integers(0, 29), b=st.integers(0, 29),
       agg=st.sampled_from(["arithmetic", "geometric", "harmonic"]))
def test_gap_sums_exactly_to_the_index_difference(seed: int, a: int, b: int, agg: str) -> None:
    t = hti_like_tree(30)
    c = compute(t, random_values(t, 30, seed, 0.1), percent_params(t),
                Methods(aggregation=agg, zero_floor=1.0))
    g = compare.gap(c, a, b)
    assert sorted(i for i, _ in g) == list(range(t.n_indicators))
    assert sum(p for _, p in g) == pytest.approx(c.index[a] - c.index[b], abs=1e-9)
    sizes = [abs(p) for _, p in g]
    assert sizes == sorted(sizes, reverse=True)


def test_gap_rejects_bad_units() -> None:
    t, p = small()
    c = compute(t, np.array([[20.0, 40.0, 90.0], [NAN, NAN, NAN]]), p, Methods())
    with pytest.raises(UsageError, match="no index"):
        compare.gap(c, 0, 1)
    with pytest.raises(UsageError, match="does not exist"):
        compare.gap(c, 0, 5)
