"""The ranking rule, penalties, imputation and result groups of the engine (issue 8)."""

from __future__ import annotations

import numpy as np
import pytest

from hti_tui.engine import GroupRule, IndicatorParams, Methods, NodeDef, Tree, compute
from hti_tui.engine.groups import assign, assign_interval, boundaries
from hti_tui.engine.impute import impute
from hti_tui.engine.penalty import CODE
from hti_tui.errors import ModelError

NAN = np.nan


def tree(required: bool = True, min_cov: float | None = None) -> Tree:
    return Tree.build([
        NodeDef("idx", None),
        NodeDef("A", "idx", 2, required=required, min_coverage=min_cov),
        NodeDef("B", "idx", 1),
        NodeDef("a1", "A", 1, is_indicator=True), NodeDef("a2", "A", 1, is_indicator=True),
        NodeDef("b1", "B", 1, is_indicator=True), NodeDef("b2", "B", 1, is_indicator=True),
    ], "idx")


def params(t: Tree) -> IndicatorParams:
    return IndicatorParams(np.tile([0.0, 100.0], (t.n_indicators, 1)),
                           np.full(t.n_indicators, np.nan),
                           np.tile([0.0, 100.0], (t.n_indicators, 1)))


ROWS = np.array([[50.0, 60.0, 70.0, 80.0],
                 [NAN, NAN, 99.0, 99.0],  # nothing observed in the required A
                 [40.0, NAN, 90.0, 90.0],  # half of A observed: exactly min_coverage
                 [30.0, 30.0, 30.0, 30.0]])


def test_unit_without_observed_required_node_keeps_scores_but_is_not_ranked() -> None:
    t = tree()
    c = compute(t, ROWS, params(t), Methods(min_coverage=0.3))
    assert c.ranked.tolist() == [True, False, True, True]
    assert c.index[1] == pytest.approx(99.0)  # keeps its (re-weighted) index …
    assert c.rank[1] == 0 and c.group[1] == -1  # … but no rank and no result group
    assert sorted(c.rank[c.ranked].tolist()) == [1, 2, 3]
    assert c.node_ranks("B")[1] == 1  # its delindex scores and ranks stay


def test_per_node_min_coverage_and_imputed_cells_are_not_observed() -> None:
    t = tree(min_cov=0.75)
    c = compute(t, ROWS, params(t), Methods())
    assert c.ranked.tolist() == [True, False, False, True]  # 0.5 < 0.75 for unit 2
    assert np.isnan(c.node_scores("A")[2])  # the node's own threshold
    filled = ROWS.copy()
    filled[1, :2] = 55.0
    imputed = np.zeros(ROWS.shape, dtype=bool)
    imputed[1, :2] = True
    c = compute(tree(), filled, params(t), Methods(), imputed=imputed)
    assert not c.ranked[1] and c.observed[1, t.index_of("A")] == 0.0
    assert c.coverage[1, t.index_of("A")] == 1.0  # what min_coverage tests: a score each


@pytest.mark.parametrize("penalty,expected", [("zero", 0.0), ("worst", 30.0), ("p10", 33.0)])
def test_penalties(penalty: str, expected: float) -> None:
    t = tree(required=False)
    pen = np.zeros(ROWS.shape, dtype=bool)
    pen[2, 1] = True
    c = compute(t, ROWS, params(t), Methods(penalty=penalty), penalise=pen)
    assert c.normalised[2, 1] == pytest.approx(expected)
    assert c.penalised[2, 1] and not c.penalised[1, 0]
    codes = np.where(pen, CODE[penalty], 0).astype(np.int8)
    c2 = compute(t, ROWS, params(t), Methods(), penalise=codes)
    assert c2.normalised[2, 1] == pytest.approx(expected)


def test_unknown_penalty_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="penalty"):
        Methods(penalty="half")


def test_imputation_methods() -> None:
    x = np.array([[10.0, 1.0], [20.0, NAN], [30.0, 3.0], [NAN, 5.0], [NAN, NAN]])
    want = np.where(np.isnan(x), "median", None).astype(object)
    out, done = impute(x, want)
    assert out[3, 0] == 20.0 and out[1, 1] == 3.0 and done[3, 0] == "median"
    out, _ = impute(x, np.where(np.isnan(x), "mean", None).astype(object))
    assert out[3, 0] == 20.0 and out[4, 1] == 3.0
    out, _ = impute(x, np.where(np.isnan(x), "p25", None).astype(object))
    assert out[3, 0] == 15.0
    groups = ["g1", "g1", "g2", "g2", None]
    out, done = impute(x, np.where(np.isnan(x), "group_median", None).astype(object), groups)
    assert out[3, 0] == 30.0 and done[3, 0] == "group_median"  # g2's observed 30
    assert out[4, 0] == 20.0 and done[4, 0] == "median"  # no group: the median, said so
    prev = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [4.0, NAN], [NAN, NAN]])
    out, done = impute(x, np.where(np.isnan(x), "last_year", None).astype(object),
                       previous=prev)
    assert out[3, 0] == 4.0 and done[3, 0] == "last_year"
    assert np.isnan(out[4, 0]) and done[4, 0] is None  # nothing to carry forward
    assert (out[~np.isnan(x)] == x[~np.isnan(x)]).all()  # observed cells never change


def test_unknown_imputation_method_is_a_model_error() -> None:
    with pytest.raises(ModelError, match="unknown imputation method 'mode'"):
        impute(np.array([[NAN]]), np.array([["mode"]], dtype=object))


def test_sd_groups_cut_at_mean_plus_minus_k_sd() -> None:
    index = np.array([50.0, 60.0, 70.0, 80.0, 90.0, NAN])
    rule = GroupRule("sd", (0.5, 1.0))
    sd = np.std(index[:5], ddof=1)
    np.testing.assert_allclose(boundaries(index, rule),
                               70 + np.array([-1.0, -0.5, 0.5, 1.0]) * sd)
    assert assign(index, rule).tolist() == [0, 1, 2, 3, 4, -1]
    for bad in ((0.0, 1.0), (-1.0,)):
        with pytest.raises(ModelError, match="k"):
            GroupRule("sd", bad)


def test_interval_groups_need_the_whole_interval_in_a_band() -> None:
    # ten ranked units: top band = worst rank ≤ 2, median rank 5.5, bottom band = ranks > 8
    low = np.array([1, 1, 3, 6, 9, NAN, 4, 4, 4, 4], dtype=float)
    high = np.array([2, 4, 8, 8, 10, NAN, 7, 7, 7, 7], dtype=float)
    ranked = np.ones(10, dtype=bool)
    g = assign_interval(low, high, ranked, (0.2, 0.4, 0.6, 0.8))
    assert g.tolist() == [4, 3, 2, 1, 0, -1, 2, 2, 2, 2]
    ranked[0] = False
    assert assign_interval(low, high, ranked, (0.2, 0.4, 0.6, 0.8))[0] == -1


def test_yes_no_items_are_never_flagged_or_winsorised() -> None:
    from hti_tui.analysis.audit import run as audit

    t = tree(required=False)
    rng = np.random.default_rng(3)
    x = np.column_stack([np.r_[np.ones(57), np.zeros(3)],  # ja/nej: 57 Ja, 3 Nej (skewed)
                         np.r_[np.full(57, 50.0), [1.0, 2.0, 99.9]],  # continuous, outliers
                         rng.uniform(20, 80, 60), rng.uniform(20, 80, 60)])
    p = params(t)
    binary = IndicatorParams(np.array([[0.0, 1.0], *p.goalposts[1:]]), p.targets, p.bounds,
                             continuous=np.array([False, True, True, True]))
    m = Methods(outliers="winsorise", winsor_max_share=0.1)
    c = compute(t, x, binary, m)
    assert not c.winsorised[:, 0].any() and (c.treated[:, 0] == x[:, 0]).all()  # Nej stays Nej
    a = audit(c)
    assert not a.flagged[0]
    unmarked = compute(t, x, IndicatorParams(binary.goalposts, p.targets, p.bounds), m)
    assert unmarked.winsorised[:, 0].any()  # without the mark the rule would lift a Nej
