"""Imputation: a value for a missing cell, per indicator column, all units at once.

The JRC/OECD handbook (step 4) lists unconditional mean/median substitution, group
(hot-deck-like) substitution and carrying the last observation forward; each understates the
variance and pulls the unit towards the middle, so hti flags every imputed cell (status
``imputed`` and its method) and never counts it as observed data for the ranking rule.

* ``mean`` / ``median``: of the observed values of that indicator and year;
* ``p25``: the 25th percentile — a cautious value: a unit is not assumed to be typical;
* ``group_median``: the median within the unit's group (any registry column, e.g. SKR's
  kommungrupp); a unit without a group, or whose group has no observed value, gets the median;
* ``last_year``: the unit's own observed value of the previous year; none stays missing.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np

from hti_tui import methods as names
from hti_tui.errors import ModelError


def _stat(x: np.ndarray, method: str) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns stay NaN
        if x.shape[0] == 0:
            return np.full(x.shape[1], np.nan)
        if method == "mean":
            return np.nanmean(x, axis=0)
        if method == "p25":
            return np.nanpercentile(x, 25, axis=0)
        return np.nanmedian(x, axis=0)


def impute(values: np.ndarray, method: np.ndarray, groups: Sequence[object] | None = None,
           previous: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(filled values, imputed-method names) for the cells where ``method`` names one.

    ``method`` (U, I) object: the imputation method of each cell, or None (not imputed; only
    missing cells are ever imputed). ``groups`` (U,) group labels (None = no group);
    ``previous`` (U, I) last year's observed values in the same unit and indicator order.
    The names returned say what was done ("median" where a group median had to fall back).
    """
    x = np.asarray(values, dtype=float)
    want = np.asarray(method, dtype=object)
    if want.shape != x.shape:
        raise ModelError(f"the imputation methods have shape {want.shape}, the values {x.shape}")
    unknown = set(want[want != None].tolist()) - set(names.IMPUTATIONS)  # noqa: E711
    if unknown:
        raise ModelError(f"unknown imputation method '{sorted(unknown)[0]}'",
                         hint=f"choose one of: {', '.join(names.IMPUTATIONS)}")
    missing = np.isnan(x)
    out = x.copy()
    done = np.full(x.shape, None, dtype=object)
    for m in ("mean", "median", "p25"):
        cells = missing & (want == m)
        if cells.any():
            out = np.where(cells, _stat(x, m)[None, :], out)
            done[cells] = m
    cells = missing & (want == "group_median")
    if cells.any():
        median = _stat(x, "median")
        fill = np.broadcast_to(median, x.shape).copy()
        label = np.full(x.shape, "median", dtype=object)
        if groups is not None:
            g = np.asarray([None if v is None or v == "" else str(v) for v in groups],
                           dtype=object)
            for key in sorted({v for v in g.tolist() if v is not None}):
                rows = g == key
                gm = _stat(x[rows], "median")
                ok = ~np.isnan(gm)
                fill[np.ix_(rows, ok)] = gm[ok]
                label[np.ix_(rows, ok)] = "group_median"
        out = np.where(cells, fill, out)
        done[cells] = label[cells]
    cells = missing & (want == "last_year")
    if cells.any() and previous is not None:
        prev = np.asarray(previous, dtype=float)
        if prev.shape != x.shape:
            raise ModelError(f"last year's values have shape {prev.shape}, this year's {x.shape}")
        cells &= ~np.isnan(prev)
        out = np.where(cells, prev, out)
        done[cells] = "last_year"
    done[np.isnan(out)] = None  # nothing to impute from: stays missing (re-weighted)
    return out, done
