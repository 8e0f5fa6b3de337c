"""Winsorisation: hand cases, and the vectorised version against a naive COINr-style loop."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from hti_tui.engine.stats import moments
from hti_tui.engine.treat import outlier_flags, winsorise


def excel_skew(v: np.ndarray) -> float:
    n = len(v)
    d = v - v.mean()
    return float(n / ((n - 1) * (n - 2)) * ((d / v.std(ddof=1)) ** 3).sum())


def excel_kurt(v: np.ndarray) -> float:
    n = len(v)
    d = v - v.mean()
    s = v.std(ddof=1)
    return float(n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * ((d / s) ** 4).sum()
                 - 3 * (n - 1) ** 2 / ((n - 2) * (n - 3)))


def naive(x: np.ndarray, skew_max: float, kurt_max: float, share: float) -> np.ndarray:
    """COINr's winsorise(), written as plainly as possible, with the cap never exceeded."""
    out = x.copy()
    ok = ~np.isnan(x)
    v = x[ok].copy()
    cap = int(np.floor(share * len(v) + 1e-9))
    changed = np.zeros(len(v), dtype=bool)
    while len(v) >= 4 and v.std() > 0:
        s, k = excel_skew(v), excel_kurt(v)
        if not (abs(s) > skew_max and k > kurt_max):
            break
        ext = v.max() if s >= 0 else v.min()
        hit = v == ext
        if hit.all() or (changed | hit).sum() > cap:
            break
        v[hit] = v[~hit].max() if s >= 0 else v[~hit].min()
        changed |= hit
    out[ok] = v
    return out


def test_moments_match_excel_formulas() -> None:
    v = np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100], dtype=float)
    n, skew, kurt = moments(v[:, None])
    assert n[0] == 12
    assert skew[0] == np.float64(excel_skew(v)) or abs(skew[0] - excel_skew(v)) < 1e-12
    assert abs(kurt[0] - excel_kurt(v)) < 1e-10
    assert abs(skew[0] - 3.063241) < 1e-6 and abs(kurt[0] - 9.741391) < 1e-6


def test_coinr_example_one_step() -> None:
    # COINr's own example: 1..10, 30, 100 -> 100 becomes 30, then skew 1.71 passes.
    x = np.array([*range(1, 11), 30, 100], dtype=float)[:, None]
    t = winsorise(x, 2.0, 3.5, max_share=0.25)
    assert t.values[:, 0].tolist() == [*range(1, 11), 30, 30]
    assert t.winsorised[:, 0].tolist() == [False] * 11 + [True]
    assert (t.n_high[0], t.n_low[0]) == (1, 0)


def test_cap_blocks_treatment() -> None:
    x = np.array([*range(1, 11), 30, 100], dtype=float)[:, None]
    t = winsorise(x, 2.0, 3.5, max_share=0.05)  # 5 % of 12 units: no point may change
    assert not t.winsorised.any() and (t.values == x).all()


def test_low_side_ties_and_missing() -> None:
    # negative skew, the minimum tied twice: both are replaced together by the next value
    x = np.array([-200, -200, *range(50, 70), np.nan], dtype=float)[:, None]
    t = winsorise(x, 2.0, 3.5, max_share=0.1)
    assert t.values[:2, 0].tolist() == [50, 50]
    assert np.isnan(t.values[-1, 0]) and not t.winsorised[-1, 0]
    assert t.n_low[0] == 2 and t.n_high[0] == 0


def test_flags_follow_the_rule() -> None:
    x = np.column_stack([np.array([*range(1, 11), 30, 100], float), np.arange(12.0)])
    skew, _kurt, flagged = outlier_flags(x, 2.0, 3.5)
    assert flagged.tolist() == [True, False]
    assert abs(skew[1]) < 1e-12


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(6, 80), sigma=st.floats(0.3, 2.5),
       share=st.sampled_from([0.05, 0.1, 0.25]), neg=st.booleans())
def test_vectorised_equals_naive(seed: int, n: int, sigma: float, share: float,
                                 neg: bool) -> None:
    rng = np.random.default_rng(seed)
    x = np.round(rng.lognormal(0, sigma, (n, 3)), 1)  # rounding makes ties likely
    if neg:
        x = -x
    x[rng.random(x.shape) < 0.1] = np.nan
    t = winsorise(x, 2.0, 3.5, share)
    for j in range(3):
        np.testing.assert_array_equal(t.values[:, j], naive(x[:, j], 2.0, 3.5, share))
    assert (t.winsorised == (t.values != x) & ~np.isnan(x)).all()
