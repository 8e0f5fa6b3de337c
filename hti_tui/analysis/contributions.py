"""Points gained or lost against the median unit: what makes a unit's index what it is.

Against the median rather than against zero, because "this indicator adds 4 points" means
little when every unit gets those points; "4 points more than the typical unit" is what tells
strengths from weaknesses. For an indicator: ``effective_weight[u, i] · (score[u, i] −
median over units of score[:, i])`` (a missing score counts 0); aggregates add up their
indicators, so the root's value is the unit's index minus the weighted indicator medians.
"""

from __future__ import annotations

import numpy as np

from hti_tui.engine.computed import Computed


def column_medians(scores: np.ndarray) -> np.ndarray:
    """Median of each column over the rows that have a value (NaN for an empty column)."""
    present = ~np.isnan(scores)
    has = present.any(axis=0)
    med = np.nanmedian(np.where(has[None, :], scores, 0.0), axis=0)  # all-NaN would warn
    return np.where(has, med, np.nan)


def indicator_medians(computed: Computed) -> np.ndarray:
    """(I,) median normalised score of each indicator over the units that have one."""
    return column_medians(computed.normalised)


def vs_median(computed: Computed) -> np.ndarray:
    """(U, N) index points each node gains (+) or loses (−) against the median unit."""
    diff = computed.normalised - indicator_medians(computed)[None, :]
    points = computed.effective_weight * np.nan_to_num(diff)
    per_node: np.ndarray = points @ computed.tree.membership
    return per_node
