"""Peers: same group when known, else nearest k (NaN-aware); the text says which."""

from __future__ import annotations

import numpy as np
import pytest

from hti_tui.analysis import peers
from hti_tui.engine.compute import compute
from hti_tui.engine.examples import hti_like_tree, percent_params, random_values
from hti_tui.engine.model import Methods
from hti_tui.errors import UsageError

NAN = np.nan
PROFILE = np.array([[0.0, 0.0], [3.0, 4.0], [1.0, NAN], [NAN, NAN], [0.5, 0.5], [10.0, 10.0]])


def test_nan_aware_distances_hand_case() -> None:
    d = peers.distances(PROFILE, 0)
    assert d[1] == pytest.approx(5.0)
    assert d[2] == pytest.approx(np.sqrt(2 / 1 * 1.0))  # one shared column, scaled to two
    assert d[3] == np.inf
    assert d[4] == pytest.approx(np.sqrt(0.5))


def test_nearest_k_without_groups() -> None:
    idx, text = peers.find(PROFILE, 0, None, k=3)
    assert idx.tolist() == [4, 2, 1]
    assert "3 nearest" in text and "Euclidean" in text and "2 profile" in text
    _, sv = peers.find(PROFILE, 0, None, k=3, language="sv")
    assert "närmaste" in sv


def test_same_group_when_known() -> None:
    groups = np.array(["B3", "C8", "B3", "B3", None, "B3"], dtype=object)
    idx, text = peers.find(PROFILE, 0, groups, k=1)
    assert idx.tolist() == [2, 5, 3]  # all members, nearest first, never the unit itself
    assert "same group 'B3'" in text and "3 units" in text
    idx, text = peers.find(PROFILE, 4, groups, k=2)  # no group: nearest
    assert idx.tolist() == [0, 2] and "nearest" in text
    idx, text = peers.find(PROFILE, 1, groups, k=2)  # alone in its group: falls back
    assert "no other unit in group 'C8'" in text and len(idx) == 2


def test_where_better_against_peer_median() -> None:
    t = hti_like_tree(20)
    x = random_values(t, 12, 4, 0.0)
    c = compute(t, x, percent_params(t), Methods())
    recs = peers.where_better(c, 0, np.array([0, 1, 2, 3]))
    assert len(recs) == t.n_indicators
    r = recs[3]
    assert r.peer_median == pytest.approx(np.median(c.normalised[1:4, 3]))
    assert r.gap == pytest.approx(c.normalised[0, 3] - r.peer_median)
    assert r.peer_raw_median == pytest.approx(np.median(x[1:4, 3]))
    assert r.n_peers == 3 and r.indicator_id == t.indicator_ids[3]
    with pytest.raises(UsageError):
        peers.where_better(c, 0, np.array([0]))


def test_bad_unit() -> None:
    with pytest.raises(UsageError, match="unit 9"):
        peers.find(PROFILE, 9)
