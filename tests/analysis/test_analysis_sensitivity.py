"""Monte Carlo: the batched kernel equals the engine, determinism, collapse, OAT factors."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

from hti_tui.analysis import batched, sensitivity
from hti_tui.engine.compute import compute, indicator_scores
from hti_tui.engine.examples import hti_like_tree, percent_params, random_values
from hti_tui.engine.model import Methods
from hti_tui.engine.tree import NodeDef, Tree
from hti_tui.errors import ModelError

TREE = hti_like_tree(30)
PARAMS = percent_params(TREE)


def spec(**kw: object) -> SimpleNamespace:
    base = dict(runs=300, seed=7, weight_spread=0.25,
                normalisations=("goalposts", "minmax", "zscore", "rank"),
                aggregations=("arithmetic", "geometric"), missing=("reweight", "penalise"),
                interval=0.9)
    return SimpleNamespace(**{**base, **kw})


def unbalanced() -> Tree:
    """Indicators directly under the root next to nested aggregates, a three-child area."""
    return Tree.build([
        NodeDef("r", None), NodeDef("x1", "r", 2, is_indicator=True),
        NodeDef("G", "r", 1), NodeDef("H", "G", 3), NodeDef("g1", "G", 1, is_indicator=True),
        NodeDef("h1", "H", is_indicator=True), NodeDef("h2", "H", is_indicator=True, direction=-1),
        NodeDef("h3", "H", 0.5, is_indicator=True), NodeDef("K", "r", 1),
        NodeDef("k1", "K", is_indicator=True), NodeDef("k2", "K", is_indicator=True)], "r")


def reweighted(tree: Tree, factor: np.ndarray) -> Tree:
    """The same tree with every weight multiplied by ``factor`` (children order may change)."""
    n_ind = tree.n_indicators
    return Tree.build([NodeDef(i, tree.ids[tree.parent[k]] if tree.parent[k] >= 0 else None,
                               float(tree.weight[k] * factor[k]), is_indicator=k < n_ind,
                               direction=int(tree.direction[k]) if k < n_ind else 1)
                       for k, i in enumerate(tree.ids)], tree.root)


@pytest.mark.parametrize("tree", [TREE, unbalanced()], ids=["hti-like", "unbalanced"])
@pytest.mark.parametrize("aggregation", ["arithmetic", "geometric", "harmonic"])
@pytest.mark.parametrize(("missing", "min_cov"), [("reweight", 0.5), ("reweight", 0.8),
                                                  ("penalise", 0.5)])
def test_batched_kernel_equals_the_engine(tree: Tree, aggregation: str, missing: str,
                                          min_cov: float) -> None:
    params = percent_params(tree)
    x = random_values(tree, 40, 3, missing_share=0.3)
    x[0] = np.nan  # a unit with nothing
    rng = np.random.default_rng(0)
    factor = rng.uniform(0.5, 1.5, (4, tree.n_nodes))
    wl = batched.local_weights(tree, tree.weight[None, :] * factor)
    s = indicator_scores(tree, x, params, "goalposts", missing, np.zeros(x.shape, dtype=bool))
    present = ~np.isnan(s)
    T = batched.transformed(np.where(present, s, 1.0), aggregation, 1.0)
    got = batched.root_scores(tree, T, present, wl, min_cov, aggregation)
    for r in range(4):
        t2 = reweighted(tree, factor[r])
        cols = [tree.indicator_ids.index(i) for i in t2.indicator_ids]
        want = compute(t2, x[:, cols], params,
                       Methods(aggregation=aggregation, missing=missing, min_coverage=min_cov,
                               zero_floor=1.0)).index
        np.testing.assert_allclose(got[r], want, rtol=1e-12, atol=1e-10)
        assert (np.isnan(got[r]) == np.isnan(want)).all()


def test_deterministic_for_a_seed() -> None:
    x = random_values(TREE, 30, 1, 0.05)
    a = sensitivity.run(TREE, x, PARAMS, Methods(), spec())
    b = sensitivity.run(TREE, x, PARAMS, Methods(), spec())
    np.testing.assert_array_equal(a.ranks, b.ranks)
    np.testing.assert_array_equal(a.shift, b.shift)
    for f in a.choices:
        np.testing.assert_array_equal(a.choices[f], b.choices[f])
    c = sensitivity.run(TREE, x, PARAMS, Methods(), spec(seed=8))
    assert not np.array_equal(a.ranks, c.ranks)


@pytest.mark.parametrize("base", [
    Methods(),
    Methods(normalisation="minmax", aggregation="geometric", zero_floor=1.0),
    Methods(normalisation="rank", missing="penalise", min_coverage=0.8),
    Methods(normalisation="zscore", aggregation="harmonic", zero_floor=1.0,
            outliers="winsorise"),
])
def test_no_spread_and_one_method_collapses_to_the_nominal_rank(base: Methods) -> None:
    x = random_values(TREE, 40, 2, 0.1)
    pen = np.isnan(x) & (np.arange(40)[:, None] % 5 == 0)
    s = spec(runs=50, weight_spread=0.0, normalisations=(base.normalisation,),
             aggregations=(base.aggregation,), missing=(base.missing,))
    r = sensitivity.run(TREE, x, PARAMS, base, s, penalise=pen)
    nominal = compute(TREE, x, PARAMS, base, pen).rank
    np.testing.assert_array_equal(r.nominal_rank, nominal)
    assert (r.ranks == nominal[None, :]).all()
    np.testing.assert_array_equal(r.lower, nominal)
    np.testing.assert_array_equal(r.upper, nominal)
    np.testing.assert_array_equal(r.median_rank, nominal)
    assert (r.shift == 0).all() and set(r.main_factor) == {""}


def test_summary_and_factors() -> None:
    x = random_values(TREE, 40, 4, 0.05)
    x[3] = np.nan
    r = sensitivity.run(TREE, x, PARAMS, Methods(), spec(runs=400))
    assert r.ranks.shape == (400, 40) and r.runs == 400
    # missing-data policies are scenarios side by side: a unit with no data has no index
    # when missing cells are re-weighted (the base scenario), and ranks last when every
    # missing cell is penalised
    assert r.scenarios == ("reweight", "penalise") and r.base_scenario == "reweight"
    assert (r.ranks[:, 3] == 0).all() and np.isnan(r.lower[3])
    assert r.scenario_lower[1, 3] == 40 and r.scenario_upper[1, 3] == 40
    np.testing.assert_array_equal(r.scenario_median[0], r.median_rank)
    assert r.nominal_rank[3] == 0
    ok = np.arange(40) != 3
    assert (r.lower[ok] <= r.median_rank[ok]).all() and (r.median_rank[ok] <= r.upper[ok]).all()
    assert (r.width[ok] >= 0).all()
    for f in r.choices:
        counts = np.bincount(r.choices[f], minlength=len(r.options[f]))
        assert (counts > 0).all()
    assert r.factors == ("weights", "normalisation", "aggregation", "sampling")
    assert r.shift.shape == (4, 40) and (r.shift >= 0).all()
    np.testing.assert_allclose(r.importance, r.shift.mean(axis=1))
    assert set(r.main_factor) <= {*r.factors, ""}


def test_only_normalisation_varies() -> None:
    x = random_values(TREE, 40, 5, 0.0)
    r = sensitivity.run(TREE, x, PARAMS, Methods(),
                        spec(weight_spread=0.0, aggregations=("arithmetic",),
                             missing=("reweight",)))
    assert (r.shift[[0, 2, 3]] == 0).all() and r.shift[1].sum() > 0
    assert set(r.main_factor) <= {"normalisation", ""}


def test_interval_bounds_are_quantiles_of_the_runs() -> None:
    x = random_values(TREE, 25, 6, 0.0)
    r = sensitivity.run(TREE, x, PARAMS, Methods(), spec(runs=200, interval=0.8))
    for u in (0, 7, 20):
        v = r.ranks[:, u]
        assert r.lower[u] == np.quantile(v, 0.1, method="lower")
        assert r.upper[u] == np.quantile(v, 0.9, method="higher")
        assert r.median_rank[u] == np.median(v)


def test_bad_specs() -> None:
    x = random_values(TREE, 10, 1, 0.0)
    with pytest.raises(ModelError, match="run"):
        sensitivity.run(TREE, x, PARAMS, Methods(), spec(runs=0))
    with pytest.raises(ModelError, match="weight_spread"):
        sensitivity.run(TREE, x, PARAMS, Methods(), spec(weight_spread=1.5))
    with pytest.raises(ModelError, match="interval"):
        sensitivity.run(TREE, x, PARAMS, Methods(), spec(interval=1.0))
    with pytest.raises(ModelError, match="'cubic'"):
        sensitivity.run(TREE, x, PARAMS, Methods(), spec(aggregations=("cubic",)))


def survey(units: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Values with eight survey shares (n respondents each) among the indicators."""
    x = random_values(TREE, units, seed, 0.0)
    rng = np.random.default_rng(seed)
    n = np.full(x.shape, np.nan)
    n[:, :8] = rng.integers(30, 120, (units, 8))
    x[:, :8] = np.clip(x[:, :8], 5, 95)
    share = np.zeros(TREE.n_indicators, dtype=bool)
    share[:8] = True
    return x, n, share


def test_sampling_error_matches_binomial_resampling() -> None:
    """The carried variance equals brute force: resample every share binomially from its n
    and recompute the index with the engine."""
    x, n, share = survey(30, 11)
    sd = sensitivity.sampling_sd(x, n, share)
    assert sd[:, 8:].max() == 0 and sd[:, :8].min() > 0
    ev = sensitivity._Evaluator(TREE, x, PARAMS, np.zeros(x.shape, bool), 0.5, 10.0, sd)
    model_sd = ev.root_sd("goalposts", "arithmetic", "reweight")
    rng = np.random.default_rng(5)
    draws = []
    for _ in range(1500):
        y = x.copy()
        y[:, :8] = 100.0 * rng.binomial(n[:, :8].astype(int), x[:, :8] / 100.0) / n[:, :8]
        draws.append(compute(TREE, y, PARAMS, Methods()).index)
    brute = np.std(draws, axis=0, ddof=1)
    np.testing.assert_allclose(model_sd, brute, rtol=0.12)


def test_scenarios_sampling_bimodality_and_saltelli() -> None:
    x, n, share = survey(40, 12)
    x[:6, 10:16] = np.nan  # six units miss a block: the scenarios disagree about them
    r = sensitivity.run(TREE, x, PARAMS, Methods(), spec(runs=400, normalisations=("goalposts",
                        "rank")), n=n, share=share, saltelli_n=200)
    assert r.sampling and r.shift[3].sum() > 0
    assert np.isfinite(r.first_order).all() and np.isfinite(r.total_effect).all()
    assert (r.total_effect >= r.first_order - 0.05).all()
    assert r.first_order.sum() <= 1.1
    off = sensitivity.run(TREE, x, PARAMS, Methods(), spec(runs=50, sampling_error=False),
                          n=n, share=share)
    assert not off.sampling and (off.shift[3] == 0).all()


def test_bimodality_flags_two_modes_not_one() -> None:
    rng = np.random.default_rng(0)
    one = rng.normal(50, 5, 2000).round().clip(1, 100)
    two = np.concatenate([rng.normal(20, 3, 1000), rng.normal(80, 3, 1000)]).round()
    bc = sensitivity.bimodality(np.stack([one, two], axis=1).astype(np.int32))
    assert bc[0] < sensitivity.BIMODAL < bc[1]


def test_saltelli_finds_the_only_factor() -> None:
    x = random_values(TREE, 30, 13, 0.0)
    r = sensitivity.run(TREE, x, PARAMS, Methods(),
                        spec(runs=10, weight_spread=0.0, aggregations=("arithmetic",),
                             missing=("reweight",)), saltelli_n=300)
    norm = sensitivity.FACTORS.index("normalisation")
    assert r.first_order[norm] == pytest.approx(1.0, abs=0.1)
    assert r.total_effect[norm] == pytest.approx(1.0, abs=0.1)
