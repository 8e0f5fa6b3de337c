"""Outlier treatment: the skewness/kurtosis winsorisation of the JRC/OECD handbook.

The JRC rule (Handbook on Constructing Composite Indicators, 2008, step 3; the JRC COIN
audits; COINr's ``Treat``/``winsorise``): an indicator whose absolute skewness exceeds a
threshold (2) **and** whose excess kurtosis exceeds another (3.5) has outliers that would
dominate a min-max or z-score normalisation. Treat it by replacing its most extreme value on
the skewed side by the next value, re-checking after each step, and stop when it passes or
when a cap on treated points is reached. Values tied at the extreme are replaced together, as
in COINr. Unlike COINr, a step that would exceed the cap (``max_share`` of the units with a
value) is not taken, so the cap is never exceeded.

Implementation: each column is sorted once; a winsorised column is the sorted column with its
lowest ``lo`` and highest ``hi`` values clipped, so its moments follow from prefix sums of
powers in O(1). Every step updates all indicators at once; the loop runs over steps (at most
the cap), never over units.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hti_tui.engine.stats import moments


@dataclass(frozen=True)
class Treatment:
    """Treated values (units × indicators), which cells changed, and points per side."""

    values: np.ndarray
    winsorised: np.ndarray
    n_low: np.ndarray
    n_high: np.ndarray


def _skew_kurt(n: np.ndarray, s1: np.ndarray, s2: np.ndarray, s3: np.ndarray,
               s4: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sample skewness and excess kurtosis (Excel/e1071 type 2) from power sums."""
    with np.errstate(invalid="ignore", divide="ignore"):
        mu = s1 / n
        m2 = s2 / n - mu ** 2
        m3 = s3 / n - 3 * mu * s2 / n + 2 * mu ** 3
        m4 = s4 / n - 4 * mu * s3 / n + 6 * mu ** 2 * s2 / n - 3 * mu ** 4
        g1 = m3 / m2 ** 1.5
        g2 = m4 / m2 ** 2 - 3.0
        skew = g1 * np.sqrt(n * (n - 1.0)) / (n - 2.0)
        kurt = ((n + 1.0) * g2 + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0))
    flat = ~(m2 > 1e-12)
    return np.where(flat, np.nan, skew), np.where(flat, np.nan, kurt)


def _run_bounds(s: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each sorted position: first and last position of its run of equal values."""
    rows = s.shape[0]
    pos = np.broadcast_to(np.arange(rows)[:, None], s.shape)
    new = np.ones(s.shape, dtype=bool)
    new[1:] = s[1:] != s[:-1]
    start = np.maximum.accumulate(np.where(new, pos, 0), axis=0)
    last = np.ones(s.shape, dtype=bool)
    last[:-1] = s[:-1] != s[1:]
    last |= pos == (n - 1)[None, :]
    end = np.flip(np.minimum.accumulate(np.flip(np.where(last, pos, rows), axis=0), axis=0),
                  axis=0)
    return start, end


def winsorise(values: np.ndarray, skew_max: float = 2.0, kurt_max: float = 3.5,
              max_share: float = 0.05) -> Treatment:
    """Winsorise every column of ``values`` (units × indicators, NaN missing) by the rule
    above; missing cells stay missing."""
    x = np.asarray(values, dtype=float)
    units, cols = x.shape
    present = ~np.isnan(x)
    if units < 4:  # kurtosis needs four values: nothing can be flagged
        none = np.zeros(cols, dtype=np.int64)
        return Treatment(x.copy(), np.zeros(x.shape, dtype=bool), none, none.copy())
    n = present.sum(axis=0)
    nn = np.maximum(n, 1)
    mean = np.where(present, x, 0.0).sum(axis=0) / nn
    sd = np.sqrt(np.where(present, (x - mean) ** 2, 0.0).sum(axis=0) / nn)
    z = (x - mean) / np.where(sd > 0, sd, 1.0)  # moments are affine-invariant: scale for accuracy
    zs = np.sort(z, axis=0)  # NaN sort last
    zs0 = np.where(np.isnan(zs), 0.0, zs)
    prefix = [np.vstack([np.zeros((1, cols)), np.cumsum(zs0 ** k, axis=0)]) for k in (1, 2, 3, 4)]
    start, end = _run_bounds(np.where(np.isnan(zs), np.inf, zs), n)
    cap = np.floor(max_share * n + 1e-9).astype(np.int64)
    lo = np.zeros(cols, dtype=np.int64)
    hi = np.zeros(cols, dtype=np.int64)
    col = np.arange(cols)
    nf = n.astype(float)
    active = (n >= 4) & (cap > 0)

    while active.any():
        top = np.clip(n - 1 - hi, 0, max(units - 1, 0))
        a, b = zs0[lo, col], zs0[top, col]
        sums = [lo * a ** k + (p[n - hi, col] - p[lo, col]) + hi * b ** k
                for k, p in zip((1, 2, 3, 4), prefix)]
        skew, kurt = _skew_kurt(nf, *sums)
        fail = active & (np.abs(skew) > skew_max) & (kurt > kurt_max)
        high = skew >= 0
        new_hi = np.where(fail & high, n - start[top, col], hi)
        new_lo = np.where(fail & ~high, end[np.minimum(lo, max(units - 1, 0)), col] + 1, lo)
        ok = fail & (new_lo + new_hi <= cap) & (new_lo <= n - 1 - new_hi)
        if not ok.any():
            break
        lo = np.where(ok, new_lo, lo)
        hi = np.where(ok, new_hi, hi)
        active = ok

    top = np.clip(n - 1 - hi, 0, max(units - 1, 0))
    # Clip at the original values found at the clip positions (exact, no round trip).
    srt = np.sort(x, axis=0)
    low_v = np.where(lo > 0, srt[np.minimum(lo, max(units - 1, 0)), col], -np.inf)
    high_v = np.where(hi > 0, srt[top, col], np.inf)
    changed = present & ((x < low_v) | (x > high_v))
    out = np.where(changed, np.clip(x, low_v, high_v), x)
    return Treatment(out, changed, lo, hi)


def outlier_flags(values: np.ndarray, skew_max: float = 2.0,
                  kurt_max: float = 3.5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per column: (skewness, excess kurtosis, flagged) where flagged means the JRC rule
    (|skew| > ``skew_max`` and kurtosis > ``kurt_max``) calls for treatment."""
    _, skew, kurt = moments(values)
    flagged = (np.abs(skew) > skew_max) & (kurt > kurt_max)
    return skew, kurt, np.asarray(flagged & ~np.isnan(skew) & ~np.isnan(kurt))
