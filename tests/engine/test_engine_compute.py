"""compute(): properties that must hold for any data, plus ranks, groups and the Arrow table."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hti_tui.engine.compute import compute
from hti_tui.engine.examples import hti_like_tree, percent_params, random_values
from hti_tui.engine.groups import assign, boundaries
from hti_tui.engine.long_table import RESULTS
from hti_tui.engine.model import GroupRule, Methods
from hti_tui.engine.stats import rank_desc

TREE = hti_like_tree(30)
PARAMS = percent_params(TREE)
FAST = settings(max_examples=40, deadline=None)
METHODS = st.builds(
    Methods,
    normalisation=st.sampled_from(["goalposts", "minmax", "zscore", "rank", "target"]),
    aggregation=st.sampled_from(["arithmetic", "geometric", "harmonic"]),
    missing=st.sampled_from(["reweight", "penalise"]),
    min_coverage=st.sampled_from([0.0, 0.5, 0.8]),
    outliers=st.sampled_from(["none", "winsorise"]),
    zero_floor=st.just(1.0))


def data(seed: int, units: int = 40, missing: float = 0.05) -> np.ndarray:
    return random_values(TREE, units, seed, missing_share=missing)


@FAST
@given(seed=st.integers(0, 10_000), methods=METHODS)
def test_contributions_sum_to_the_index(seed: int, methods: Methods) -> None:
    c = compute(TREE, data(seed, missing=0.15), PARAMS, methods)
    scored = ~np.isnan(c.index)
    np.testing.assert_allclose(c.contribution[scored].sum(axis=1), c.index[scored], atol=1e-9)
    np.testing.assert_allclose(c.effective_weight[scored].sum(axis=1), 1.0, atol=1e-12)
    assert (c.effective_weight[~scored] == 0).all()
    # every aggregate's contribution sum equals its effective weight times its score (arith.)
    if methods.aggregation == "arithmetic":
        agg_w = c.node_weight()
        agg_c = c.node_contribution()
        ok = ~np.isnan(c.scores) & (agg_w > 0)
        np.testing.assert_allclose(agg_c[ok], (agg_w * c.scores)[ok], atol=1e-9)


@FAST
@given(seed=st.integers(0, 10_000), unit=st.integers(0, 39), ind=st.integers(0, 29),
       step=st.floats(0.01, 60.0))
def test_improving_an_indicator_never_lowers_any_score(seed: int, unit: int, ind: int,
                                                       step: float) -> None:
    x = data(seed)
    assume(not np.isnan(x[unit, ind]))
    before = compute(TREE, x, PARAMS, Methods())
    better = x.copy()
    better[unit, ind] = np.clip(x[unit, ind] + step * TREE.direction[ind], 0, 100)
    after = compute(TREE, better, PARAMS, Methods())
    path = [TREE.index_of(n) for n in TREE.path(TREE.indicator_ids[ind])]
    assert (after.scores[unit, path] >= before.scores[unit, path] - 1e-12).all()
    others = np.arange(40) != unit  # goalposts: nobody else moves
    np.testing.assert_array_equal(after.scores[others], before.scores[others])


@FAST
@given(seed=st.integers(0, 10_000), ties=st.booleans())
def test_ranks_are_competition_ranks(seed: int, ties: bool) -> None:
    x = data(seed, missing=0.2)
    if ties:
        x = np.round(x, -1)  # many tied values
    c = compute(TREE, x, PARAMS, Methods())
    for node in range(TREE.n_nodes):
        s = np.round(c.scores[:, node], 9)
        r = c.ranks[:, node]
        have = ~np.isnan(s)
        expected = np.array([1 + (s[have] > v).sum() for v in s[have]])
        np.testing.assert_array_equal(r[have], expected)
        assert (r[~have] == 0).all()
        if len(np.unique(s[have])) == have.sum():  # no ties: a permutation of 1..n
            assert sorted(r[have]) == list(range(1, have.sum() + 1))


def test_rank_helper_ties_share_the_best_rank() -> None:
    r = rank_desc(np.array([[70.0, 90.0, 70.0, np.nan, 50.0, 90.0]]), axis=1)
    assert r.tolist() == [[3, 1, 3, 0, 5, 1]]


@FAST
@given(seed=st.integers(0, 10_000), a=st.floats(0.01, 1e3), b=st.floats(-1e3, 1e3))
def test_minmax_is_invariant_to_positive_affine_rescaling(seed: int, a: float, b: float) -> None:
    x = data(seed)
    m = Methods(normalisation="minmax")
    base = compute(TREE, x, PARAMS, m)
    moved = compute(TREE, a * x + b, PARAMS, m)
    np.testing.assert_allclose(moved.scores, base.scores, atol=1e-8)
    np.testing.assert_array_equal(moved.rank, base.rank)


@FAST
@given(seed=st.integers(0, 10_000),
       norm=st.sampled_from(["goalposts", "minmax", "zscore", "rank", "target"]))
def test_reweighting_with_complete_data_is_the_plain_weighted_mean(seed: int, norm: str) -> None:
    x = data(seed, missing=0.0)
    c = compute(TREE, x, PARAMS, Methods(normalisation=norm))
    np.testing.assert_allclose(c.index, c.normalised @ TREE.path_weight, atol=1e-9)
    np.testing.assert_allclose(c.effective_weight, np.broadcast_to(TREE.path_weight,
                                                                   c.effective_weight.shape))


@FAST
@given(seed=st.integers(0, 10_000), methods=METHODS)
def test_penalise_and_reweight_agree_on_complete_data(seed: int, methods: Methods) -> None:
    x = data(seed, missing=0.0)
    a = compute(TREE, x, PARAMS, Methods(**{**methods.__dict__, "missing": "reweight"}))
    b = compute(TREE, x, PARAMS, Methods(**{**methods.__dict__, "missing": "penalise"}))
    for name in ("scores", "ranks", "effective_weight", "contribution", "coverage", "group"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))


def test_groups_quantiles_hand_case() -> None:
    idx = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, np.nan], dtype=float)
    rule = GroupRule("quantiles", (0.2, 0.4, 0.6, 0.8))
    np.testing.assert_allclose(boundaries(idx, rule), [2.8, 4.6, 6.4, 8.2])
    assert assign(idx, rule).tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, -1]


def test_groups_cutoffs_boundary_goes_up() -> None:
    rule = GroupRule("cutoffs", (50.0, 60.0))
    idx = np.array([49.9, 50.0, 59.99, 60.0, 75.0, np.nan])
    assert assign(idx, rule).tolist() == [0, 1, 1, 2, 2, -1]
    assert assign(np.array([np.nan, np.nan]), GroupRule()).tolist() == [-1, -1]


def test_compute_uses_the_group_rule() -> None:
    x = data(3, units=50)
    c = compute(TREE, x, PARAMS, Methods(groups=GroupRule("cutoffs", (60.0,))))
    np.testing.assert_array_equal(c.group, np.where(c.index >= 60.0, 1, 0))
    q = compute(TREE, x, PARAMS, Methods())
    assert np.bincount(q.group).tolist() == [10, 10, 10, 10, 10]


def test_to_arrow_long_table() -> None:
    x = data(5, units=6, missing=0.2)
    x[2] = np.nan  # a unit with nothing
    c = compute(TREE, x, PARAMS, Methods())
    ids = [f"U{k}" for k in range(6)]
    t = c.to_arrow(ids)
    assert t.num_rows == 6 * TREE.n_nodes
    assert t.column_names == RESULTS.names  # the one writer hti build uses too
    assert t.schema.field("rank").type == pa.int32()
    rows = t.to_pylist()
    root = [r for r in rows if r["node"] == TREE.root]
    assert [r["unit_id"] for r in root] == ids
    assert root[2]["score"] is None and root[2]["rank"] is None and root[2]["group"] is None
    assert root[0]["contribution"] == pytest.approx(root[0]["score"])
    assert root[0]["weight"] == pytest.approx(1.0)
    ind = [r for r in rows if r["unit_id"] == "U0" and r["level"] == 0]
    assert sum(r["contribution"] or 0.0 for r in ind) == pytest.approx(root[0]["score"])
    agg = [r for r in rows if r["level"] > 0]
    assert all(r["raw"] is None and r["input"] is None for r in agg)
    assert all(r["weight"] is not None and r["coverage"] is not None for r in rows)
    assert all(r["ranked"] == (r["unit_id"] != "U2") for r in rows)
    with pytest.raises(Exception, match="unit ids"):
        c.to_arrow(ids[:3])


def test_winsorised_cells_reported() -> None:
    x = data(11, units=60, missing=0.0)
    x[0, 0] = 5000.0  # a huge outlier in one indicator
    c = compute(TREE, x, percent_params(TREE), Methods(normalisation="minmax",
                                                      outliers="winsorise"))
    assert c.winsorised[0, 0] and c.treated[0, 0] == np.sort(x[:, 0])[-2]
    assert c.raw[0, 0] == 5000.0
    assert c.winsorised.sum() >= 1


@pytest.mark.parametrize("units", [0, 1, 3])
def test_tiny_unit_counts(units: int) -> None:
    x = data(9, units=units, missing=0.0)
    for m in (Methods(), Methods(normalisation="minmax", outliers="winsorise"),
              Methods(normalisation="rank"), Methods(normalisation="zscore")):
        c = compute(TREE, x, PARAMS, m)
        assert c.index.shape == (units,) and sorted(c.rank) == list(range(1, units + 1))
        assert c.to_arrow([str(k) for k in range(units)]).num_rows == units * TREE.n_nodes
