"""Aggregation, re-weighting, penalising, effective weights and contributions by hand.

The tree: idx = 1/4·A + 3/4·B; A = mean(a1, a2); B = mean(b1, b2); b2 lower-is-better.
Goalposts (0, 100) so a value is its own score (b2 mirrored: 100 − x).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from hti_tui.engine.compute import Computed, compute
from hti_tui.engine.model import IndicatorParams, Methods
from hti_tui.engine.tree import NodeDef, Tree
from hti_tui.errors import ModelError

NAN = np.nan


def tree() -> Tree:
    return Tree.build([
        NodeDef("idx", None), NodeDef("A", "idx", 1), NodeDef("B", "idx", 3),
        NodeDef("a1", "A", is_indicator=True), NodeDef("a2", "A", is_indicator=True),
        NodeDef("b1", "B", is_indicator=True), NodeDef("b2", "B", is_indicator=True, direction=-1),
    ], "idx")


def params(n: int = 4) -> IndicatorParams:
    return IndicatorParams(goalposts=np.tile([0.0, 100.0], (n, 1)), targets=np.full(n, NAN),
                           bounds=np.tile([0.0, 100.0], (n, 1)))


# unit 0: scores a1 40, a2 80, b1 60, b2 70 (value 30)
ROW = [40.0, 80.0, 60.0, 30.0]


def run(rows: list[list[float]], **kw: object) -> Computed:
    pen = kw.pop("penalise", None)
    methods = Methods(**kw)  # type: ignore[arg-type]
    return compute(tree(), np.array(rows, dtype=float), params(), methods, pen)  # type: ignore[arg-type]


def test_arithmetic_hand_case() -> None:
    c = run([ROW])
    t = c.tree
    assert c.node_scores("A")[0] == pytest.approx(60.0)
    assert c.node_scores("B")[0] == pytest.approx(65.0)
    assert c.index[0] == pytest.approx(0.25 * 60 + 0.75 * 65)  # 63.75
    np.testing.assert_allclose(c.effective_weight[0], [0.125, 0.125, 0.375, 0.375])
    np.testing.assert_allclose(c.contribution[0], [5.0, 10.0, 22.5, 26.25])
    assert c.contribution[0].sum() == pytest.approx(63.75)
    assert c.coverage[0, t.index_of("idx")] == 1.0


def test_geometric_hand_case() -> None:
    c = run([ROW], aggregation="geometric")
    a, b = math.sqrt(40 * 80), math.sqrt(60 * 70)
    assert c.node_scores("A")[0] == pytest.approx(a)
    assert c.node_scores("B")[0] == pytest.approx(b)
    assert c.index[0] == pytest.approx(a ** 0.25 * b ** 0.75)
    # contributions: the arithmetic split w·s rescaled to sum to the geometric index
    base = np.array([0.125 * 40, 0.125 * 80, 0.375 * 60, 0.375 * 70])
    np.testing.assert_allclose(c.contribution[0], base * c.index[0] / base.sum())
    assert c.contribution[0].sum() == pytest.approx(c.index[0])


def test_harmonic_hand_case() -> None:
    c = run([ROW], aggregation="harmonic")
    a, b = 2 / (1 / 40 + 1 / 80), 2 / (1 / 60 + 1 / 70)
    assert c.node_scores("A")[0] == pytest.approx(a)  # 53.33…
    assert c.index[0] == pytest.approx(1 / (0.25 / a + 0.75 / b))
    assert c.contribution[0].sum() == pytest.approx(c.index[0])


def test_geometric_zero_names_node_and_unit() -> None:
    with pytest.raises(ModelError) as info:
        run([ROW, [40.0, 0.0, 60.0, 30.0]], aggregation="geometric")
    msg = str(info.value)
    assert "'A'" in msg and "'a2'" in msg and "#1" in msg and "geometric" in msg
    with pytest.raises(ModelError, match="unit 'y'"):
        compute(tree(), np.array([ROW, [40.0, 0.0, 60.0, 30.0]]), params(),
                Methods(aggregation="harmonic"), unit_ids=["x", "y"])


def test_zero_floor_raises_low_scores_first() -> None:
    c = run([[40.0, 0.0, 60.0, 30.0]], aggregation="geometric", zero_floor=1.0)
    assert c.node_scores("A")[0] == pytest.approx(math.sqrt(40 * 1))
    assert c.normalised[0, 1] == 0.0  # the indicator score itself is reported unfloored


def test_reweight_one_missing_in_an_area() -> None:
    c = run([[40.0, NAN, 60.0, 30.0]])
    assert c.node_scores("A")[0] == pytest.approx(40.0)
    np.testing.assert_allclose(c.effective_weight[0], [0.25, 0.0, 0.375, 0.375])
    assert c.index[0] == pytest.approx(0.25 * 40 + 0.75 * 65)
    assert c.coverage[0, c.tree.index_of("A")] == 0.5
    assert c.coverage[0, c.tree.index_of("idx")] == 1.0  # what min_coverage tests: A and B
    assert c.observed[0, c.tree.index_of("idx")] == pytest.approx(0.875)  # observed data
    np.testing.assert_allclose(c.contribution[0], [10.0, 0.0, 22.5, 26.25])


def test_below_min_coverage_the_area_is_missing_and_the_parent_reweights() -> None:
    c = run([[40.0, NAN, 60.0, 30.0]], min_coverage=0.6)
    assert np.isnan(c.node_scores("A")[0])
    assert c.index[0] == pytest.approx(65.0)  # only B left
    np.testing.assert_allclose(c.effective_weight[0], [0.0, 0.0, 0.5, 0.5])
    assert c.ranks[0, c.tree.index_of("A")] == 0


def test_everything_missing_gives_no_index() -> None:
    c = run([ROW, [NAN, NAN, NAN, NAN]])
    assert np.isnan(c.index[1]) and c.rank[1] == 0 and c.group[1] == -1
    assert np.isnan(c.contribution[1]).all() and (c.effective_weight[1] == 0).all()
    assert c.rank[0] == 1


def test_penalise_mask_scores_zero_only_where_marked() -> None:
    rows = [[40.0, NAN, 60.0, 30.0], [40.0, NAN, 60.0, 30.0]]
    pen = np.array([[False, True, False, False], [False, False, False, False]])
    c = run(rows, penalise=pen)
    assert c.node_scores("A")[0] == pytest.approx(20.0)  # (40 + 0) / 2
    assert c.node_scores("A")[1] == pytest.approx(40.0)  # re-weighted
    assert c.normalised[0, 1] == 0.0 and np.isnan(c.normalised[1, 1])
    assert c.coverage[0, c.tree.index_of("A")] == 1.0  # a penalised cell has a score …
    assert c.observed[0, c.tree.index_of("A")] == 0.5  # … but no observed data
    assert c.penalised[0, 1] and not c.penalised[1, 1]
    assert c.effective_weight[0, 1] == pytest.approx(0.125)


def test_penalise_policy_scores_every_missing_cell_zero() -> None:
    c = run([[40.0, NAN, 60.0, 30.0]], missing="penalise")
    assert c.node_scores("A")[0] == pytest.approx(20.0)
    assert c.index[0] == pytest.approx(0.25 * 20 + 0.75 * 65)


def test_shape_and_value_checks() -> None:
    with pytest.raises(ModelError, match="indicators"):
        compute(tree(), np.zeros((2, 3)), params(), Methods())
    with pytest.raises(ModelError, match="infinite"):
        compute(tree(), np.array([[np.inf, 1, 1, 1]]), params(), Methods())
    with pytest.raises(ModelError, match="penalise"):
        compute(tree(), np.zeros((2, 4)), params(), Methods(), np.zeros((3, 4), dtype=bool))
