"""Side-by-side comparison of two units: where the gap between their indices comes from.

Uses the engine's contributions, which add up exactly to each unit's index, so the
per-indicator differences add up exactly to ``index[a] − index[b]``.
"""

from __future__ import annotations

import numpy as np

from hti_tui.engine.computed import Computed
from hti_tui.errors import UsageError


def _check_unit(computed: Computed, u: int) -> None:
    if not 0 <= u < computed.n_units:
        raise UsageError(f"unit {u} does not exist (there are {computed.n_units} units)")
    if np.isnan(computed.index[u]):
        raise UsageError(f"unit {u} has no index score, so it cannot be compared",
                         sv=f"enheten {u} har inget indexvärde och kan inte jämföras")


def gap(computed: Computed, a: int, b: int) -> list[tuple[int, float]]:
    """(indicator index, points of ``a`` minus points of ``b``), largest |points| first."""
    _check_unit(computed, a)
    _check_unit(computed, b)
    d = np.nan_to_num(computed.contribution[a]) - np.nan_to_num(computed.contribution[b])
    order = np.argsort(-np.abs(d), kind="stable")
    return [(int(i), float(d[i])) for i in order]
