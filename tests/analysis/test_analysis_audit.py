"""Audit: distribution statistics, outlier flags, correlations, Cronbach's alpha."""

from __future__ import annotations

import numpy as np
import pytest

from hti_tui.analysis import audit
from hti_tui.engine.compute import compute
from hti_tui.engine.examples import hti_like_tree, percent_params, random_values
from hti_tui.engine.model import Methods


def test_cronbach_alpha_hand_case() -> None:
    # var 1 and 7/3, total (3, 5, 8) var 19/3: 2 * (1 - (10/3)/(19/3)) = 18/19
    items = np.array([[1.0, 2.0], [2.0, 3.0], [3.0, 5.0], [np.nan, 1.0]])
    assert audit.cronbach_alpha(items) == pytest.approx(18 / 19)
    assert np.isnan(audit.cronbach_alpha(items[:1]))


def test_audit_tables() -> None:
    t = hti_like_tree(20)
    x = random_values(t, 60, 5, 0.0)
    x[:3, 0] = np.nan
    x[10, 1] = 1e4  # plants an outlier
    c = compute(t, x, percent_params(t), Methods(normalisation="minmax"))
    a = audit.run(c, t)
    assert a.indicator_ids == t.indicator_ids
    assert a.n[0] == 57 and a.missing[0] == 3 and a.missing[2] == 0
    assert a.minimum[0] == pytest.approx(np.nanmin(x[:, 0]))
    assert a.median[0] == pytest.approx(np.nanmedian(x[:, 0]))
    assert a.maximum[1] == 1e4
    assert a.flagged[1] and not a.flagged[2]
    assert a.skew[1] > 2 and a.kurtosis[1] > 3.5
    assert a.corr_index[-1] == pytest.approx(1.0)
    assert np.isnan(a.corr_index[: t.n_indicators]).all()
    assert (np.abs(a.corr_parent) <= 1 + 1e-12).all()
    assert set(a.alpha) == {i for i in t.ids[t.n_indicators:] if len(t.children(i)) >= 2}
    assert (a.winsorised == 0).all()


def test_influence_sums_to_one_and_alpha_has_its_n() -> None:
    t = hti_like_tree(30)
    x = random_values(t, 60, 21, 0.05)
    c = compute(t, x, percent_params(t), Methods())
    a = audit.run(c)
    delindex = [t.ids[k] for k in range(t.n_indicators, t.n_nodes - 1)
                if t.parent[k] == t.n_nodes - 1]
    areas = [n for n in a.influence if n not in delindex]
    assert sum(a.influence[d] for d in delindex) == pytest.approx(1.0, abs=1e-9)
    assert sum(a.influence[n] for n in areas) == pytest.approx(1.0, abs=1e-9)
    assert sum(a.nominal_weight[d] for d in delindex) == pytest.approx(1.0)
    complete = int((~np.isnan(c.normalised)).all(axis=1).sum())
    assert a.index_alpha_indicators_n == complete and a.influence_n == 60
    for node, value in a.alpha.items():
        kids = np.flatnonzero(t.parent == t.index_of(node))
        assert a.alpha_n[node] == int((~np.isnan(c.scores[:, kids])).all(axis=1).sum())
        assert value == pytest.approx(audit.cronbach_alpha(c.scores[:, kids]), nan_ok=True)
