"""Result groups (HTI's five: lågt, under medel, nära medel, över medel, högt resultat).

Quantile groups cut the index at its quantiles among the units with a score (numpy's default
linear interpolation, R's type 7), so each group holds about the same number of units; cutoff
groups cut at fixed index values, so a group means the same score range every year. A score
equal to a boundary belongs to the higher group.
"""

from __future__ import annotations

import numpy as np

from hti_tui.engine.model import GroupRule


def boundaries(index: np.ndarray, rule: GroupRule) -> np.ndarray:
    """The index values that separate the groups (empty if no unit has a score)."""
    index = np.asarray(index, dtype=float)
    if rule.method == "cutoffs":
        return np.asarray(rule.bounds, dtype=float)
    scored = index[~np.isnan(index)]
    if scored.size == 0:
        return np.full(len(rule.bounds), np.nan)
    return np.quantile(scored, rule.bounds)


def assign(index: np.ndarray, rule: GroupRule) -> np.ndarray:
    """Group per unit: 0 (lowest) … len(bounds) (highest), -1 where the index is missing."""
    index = np.asarray(index, dtype=float)
    cuts = boundaries(index, rule)
    missing = np.isnan(index)
    if np.isnan(cuts).any():
        return np.full(index.shape, -1, dtype=np.int64)
    g = np.searchsorted(cuts, np.where(missing, -np.inf, index), side="right")
    return np.where(missing, -1, g).astype(np.int64)
