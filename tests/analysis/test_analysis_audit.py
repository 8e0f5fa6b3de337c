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
