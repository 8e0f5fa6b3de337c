"""Result groups (HTI's five: lågt, under medel, nära medel, över medel, högt resultat).

* ``quantiles`` cut the index at its quantiles among the ranked units (numpy's default linear
  interpolation, R's type 7): every group holds about the same number of units, however
  close their scores — fifths put 58 kommuner in "högt resultat" whatever the spread.
* ``cutoffs`` cut at fixed index values: a group means the same score range every year.
* ``sd`` cut at mean ± k·SD of the ranked units' index (k from ``bounds``, e.g. 0.5 and 1.5):
  "över medel" means clearly above the mean in this year's spread, and the outer groups
  hold only units that stand out (about 7 % each for k = 1.5 on a normal spread).
* ``interval`` uses each unit's rank interval from the uncertainty analysis: "högt" only when
  the whole interval lies in the top band (the best ``1 − bounds[-1]`` share of ranks), "över
  medel" when it lies wholly above the median rank, mirrored below; everything else is "nära
  medel". Without intervals (the engine alone) it falls back to quantiles of ``bounds``.

A score equal to a boundary belongs to the higher group. Unranked units get no group (-1).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hti_tui.engine.model import GroupRule


def boundaries(index: np.ndarray, rule: GroupRule) -> npt.NDArray[np.float64]:
    """The index values that separate the groups (empty if no unit has a score)."""
    index = np.asarray(index, dtype=float)
    if rule.method == "cutoffs":
        return np.asarray(rule.bounds, dtype=float)
    scored = index[~np.isnan(index)]
    if rule.method == "sd":
        k = np.asarray(rule.bounds, dtype=float)
        if scored.size == 0:
            return np.full(2 * len(k), np.nan)
        mean, sd = float(scored.mean()), float(scored.std(ddof=1)) if scored.size > 1 else 0.0
        return mean + np.concatenate([-k[::-1], k]) * sd
    if scored.size == 0:
        return np.full(len(rule.bounds), np.nan)
    cuts: npt.NDArray[np.float64] = np.quantile(scored, rule.bounds)
    return cuts


def assign_interval(low: np.ndarray, high: np.ndarray, ranked: np.ndarray,
                    bounds: tuple[float, ...]) -> np.ndarray:
    """Groups 0…4 from rank intervals [low, high] (1 = best) among ``ranked`` units.

    High (4): the interval's worst rank lies in the top ``1 − bounds[-1]`` share; above (3):
    wholly better than the median rank; low (0) and below (1) mirrored; near (2) otherwise.
    Units without an interval or not ranked get -1.
    """
    n = int(np.asarray(ranked, dtype=bool).sum())
    lo, hi = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    top = round((1.0 - bounds[-1]) * n, 9)  # 0.2 · 10 is 2, not 1.9999999999999996
    bottom = round(bounds[0] * n, 9)
    median = (n + 1) / 2.0
    g = np.full(lo.shape, 2, dtype=np.int64)
    g[hi < median] = 3
    g[hi <= top] = 4
    g[lo > median] = 1
    g[lo > n - bottom] = 0
    return np.where(np.asarray(ranked, dtype=bool) & ~np.isnan(lo) & ~np.isnan(hi), g, -1)


def assign(index: np.ndarray, rule: GroupRule) -> np.ndarray:
    """Group per unit: 0 (lowest) … len(bounds) (highest), -1 where the index is missing."""
    index = np.asarray(index, dtype=float)
    cuts = boundaries(index, rule)
    missing = np.isnan(index)
    if np.isnan(cuts).any():
        return np.full(index.shape, -1, dtype=np.int64)
    g = np.searchsorted(cuts, np.where(missing, -np.inf, index), side="right")
    return np.where(missing, -1, g).astype(np.int64)
