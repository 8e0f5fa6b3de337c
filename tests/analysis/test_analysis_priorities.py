"""Priorities that are steps: attainable targets, exact points, never a loss."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from hti_tui.analysis import priorities, whatif
from hti_tui.engine.examples import hti_like_tree, percent_params, random_values
from hti_tui.engine.model import Methods
from hti_tui.errors import UsageError

TREE = hti_like_tree(30)
PARAMS = percent_params(TREE)


def exact(x, unit, step, methods=None):
    before, after = whatif.apply(TREE, x, PARAMS, methods or Methods(), unit,
                                 dict(step.changes))
    return after.index[unit] - before.index[unit], after.rank[unit]


@pytest.mark.parametrize("target", priorities.TARGETS)
def test_steps_are_exact_gains_to_attainable_values(target: str) -> None:
    x = random_values(TREE, 40, 7, 0.05)
    x[:, 3] = np.where(np.arange(40) % 3 == 0, 1.0, 0.0)  # a ja/nej item
    x[5, 3] = 0.0
    peers = np.arange(10, 30)
    steps = priorities.steps(TREE, x, PARAMS, Methods(), 5, target, peers=peers)
    assert steps and all(s.points > 0 for s in steps)
    assert [s.points for s in steps] == sorted((s.points for s in steps), reverse=True)
    for s in steps:
        gain, rank = exact(x, 5, s)
        assert s.points == pytest.approx(gain, abs=1e-9) and s.new_rank == rank
        d = TREE.direction[s.indicator]
        assert np.isnan(s.current) or d * s.target > d * s.current
    cat = next(s for s in steps if s.indicator == 3)
    assert cat.basis == "next_category" and cat.target == 1.0  # never 0,5 on ja/nej


def test_number_targets_climb_the_ladder() -> None:
    x = random_values(TREE, 40, 8, 0.0)
    d = TREE.direction
    med = priorities.quantile_values(x, np.ones(40, bool), 0.5, d)
    q = priorities.quantile_values(x, np.ones(40, bool), 0.75, d)
    hi = d > 0
    np.testing.assert_allclose(q[hi], np.quantile(x[:, hi], 0.75, axis=0))
    np.testing.assert_allclose(q[~hi], np.quantile(x[:, ~hi], 0.25, axis=0))
    order = np.argsort(x[:, 0] * d[0])
    good = int(order[int(0.85 * 40)])  # above the best quartile, below the goal post
    assert 0 < x[good, 0] < 100
    steps = {s.indicator: s for s in priorities.steps(TREE, x, PARAMS, Methods(), good)}
    assert steps[0].basis == "goalpost" and steps[0].target == 100.0
    for i, s in steps.items():
        if s.basis == "median":
            assert s.target == pytest.approx(med[i])


def test_relative_normalisation_takes_the_exact_path() -> None:
    x = random_values(TREE, 30, 9, 0.05)
    m = replace(Methods(), normalisation="minmax")
    for s in priorities.steps(TREE, x, PARAMS, m, 4)[:5]:
        gain, rank = exact(x, 4, s, m)
        assert s.points == pytest.approx(gain, abs=1e-9) and s.new_rank == rank


def test_the_best_unit_has_only_goalpost_steps() -> None:
    x = np.tile(np.linspace(20, 80, 12)[:, None], (1, TREE.n_indicators))
    x[:, TREE.direction < 0] = 100 - x[:, TREE.direction < 0]
    steps = priorities.steps(TREE, x, PARAMS, Methods(), 11)
    assert steps and {s.basis for s in steps} == {"goalpost"}


def test_bad_requests() -> None:
    x = random_values(TREE, 10, 9, 0.0)
    with pytest.raises(UsageError, match="q90"):
        priorities.steps(TREE, x, PARAMS, Methods(), 0, target="q90")
    with pytest.raises(UsageError, match="peer"):
        priorities.steps(TREE, x, PARAMS, Methods(), 0, "peers", peers=np.array([0]))
    with pytest.raises(UsageError, match="outside"):
        priorities.steps(TREE, x, PARAMS, Methods(), 0, "peers", peers=np.array([3, 50]))
