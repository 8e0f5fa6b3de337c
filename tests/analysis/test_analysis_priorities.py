"""Priorities: candidates below the peer target, exact points, sorted."""

from __future__ import annotations

import numpy as np
import pytest

from hti_tui.analysis import priorities, whatif
from hti_tui.engine.examples import hti_like_tree, percent_params, random_values
from hti_tui.engine.model import Methods
from hti_tui.errors import UsageError

TREE = hti_like_tree(30)
PARAMS = percent_params(TREE)


def test_candidates_targets_and_exact_points() -> None:
    x = random_values(TREE, 40, 7, 0.05)
    unit, peers = 5, np.arange(10, 30)
    recs = priorities.rank(TREE, x, PARAMS, Methods(), unit, peers)
    med = np.nanmedian(x[peers], axis=0)
    d = TREE.direction
    worse = np.isnan(x[unit]) | (d * x[unit] < d * med)
    assert sorted(r.indicator for r in recs) == list(np.flatnonzero(worse))
    pts = [r.points for r in recs]
    assert pts == sorted(pts, reverse=True)
    for r in recs[:3]:
        assert r.target == pytest.approx(med[r.indicator])
        before, after = whatif.apply(TREE, x, PARAMS, Methods(), unit, {r.indicator: r.target})
        assert r.points == pytest.approx(after.index[unit] - before.index[unit])
        assert r.new_rank == after.rank[unit] and r.indicator_id == TREE.indicator_ids[r.indicator]
        assert r.points > 0  # goalposts + arithmetic: reaching a better value always gains


def test_q75_is_the_best_quartile_in_the_good_direction() -> None:
    x = random_values(TREE, 40, 8, 0.0)
    peers = np.arange(1, 40)
    targets = priorities.peer_targets(TREE, x, peers, "q75")
    hi = TREE.direction > 0
    np.testing.assert_allclose(targets[hi], np.quantile(x[peers][:, hi], 0.75, axis=0))
    np.testing.assert_allclose(targets[~hi], np.quantile(x[peers][:, ~hi], 0.25, axis=0))


def test_the_best_unit_has_no_priorities_against_the_median() -> None:
    x = np.tile(np.linspace(20, 80, 12)[:, None], (1, TREE.n_indicators))
    x[:, TREE.direction < 0] = 100 - x[:, TREE.direction < 0]
    assert priorities.rank(TREE, x, PARAMS, Methods(), 11, np.arange(11)) == []


def test_bad_requests() -> None:
    x = random_values(TREE, 10, 9, 0.0)
    with pytest.raises(UsageError, match="q90"):
        priorities.rank(TREE, x, PARAMS, Methods(), 0, np.arange(1, 5), target="q90")
    with pytest.raises(UsageError, match="peer"):
        priorities.rank(TREE, x, PARAMS, Methods(), 0, np.array([0]))
    with pytest.raises(UsageError, match="outside"):
        priorities.rank(TREE, x, PARAMS, Methods(), 0, np.array([3, 50]))
