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

from hti_tui.errors import ModelError


def column_stat(x: np.ndarray, method: str) -> np.ndarray:
    """Per indicator column: the mean, median or 25th percentile of the observed values."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns stay NaN
        if x.shape[0] == 0:
            return np.full(x.shape[1], np.nan)
        if method == "mean":
            out: np.ndarray = np.nanmean(x, axis=0)
        elif method == "p25":
            out = np.nanpercentile(x, 25, axis=0)
        else:
            out = np.nanmedian(x, axis=0)
        return out


def group_median(x: np.ndarray, groups: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """The median within each unit's group; where the unit has no group, or its group no
    observed value, the median of all (labelled "median", so the flag says what was done)."""
    median = column_stat(x, "median")
    fill = np.broadcast_to(median, x.shape).copy()
    label = np.full(x.shape, "median", dtype=object)
    if groups is not None:
        for key in sorted({v for v in groups.tolist() if v is not None}):
            rows = groups == key
            gm = column_stat(x[rows], "median")
            ok = ~np.isnan(gm)
            fill[np.ix_(rows, ok)] = gm[ok]
            label[np.ix_(rows, ok)] = "group_median"
    return fill, label


def last_year(x: np.ndarray, previous: np.ndarray | None) -> tuple[np.ndarray, None]:
    """The unit's own value of the previous year (none: the cell stays missing)."""
    if previous is None:
        return np.full(x.shape, np.nan), None
    prev = np.asarray(previous, dtype=float)
    if prev.shape != x.shape:
        raise ModelError(f"last year's values have shape {prev.shape}, this year's {x.shape}")
    return prev, None


def impute(values: np.ndarray, method: np.ndarray, groups: Sequence[object] | None = None,
           previous: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(filled values, imputed-method names) for the cells where ``method`` names one.

    ``method`` (U, I) object: the imputation method of each cell (a name in the method
    registry, ``engine.registry``), or None (not imputed; only missing cells are ever
    imputed). ``groups`` (U,) group labels (None = no group); ``previous`` (U, I) last year's
    observed values in the same unit and indicator order. The names returned say what was
    done ("median" where a group median had to fall back).
    """
    from hti_tui.engine.registry import REGISTRY, ImputeInput

    x = np.asarray(values, dtype=float)
    want = np.asarray(method, dtype=object)
    if want.shape != x.shape:
        raise ModelError(f"the imputation methods have shape {want.shape}, the values {x.shape}")
    known = REGISTRY.names("imputation")
    unknown = set(want[want != None].tolist()) - set(known)  # noqa: E711
    if unknown:
        raise ModelError(f"unknown imputation method '{sorted(unknown)[0]}'",
                         hint=f"choose one of: {', '.join(known)}")
    g = None if groups is None else np.asarray(
        [None if v is None or v == "" else str(v) for v in groups], dtype=object)
    inp = ImputeInput(x, g, previous)
    missing = np.isnan(x)
    out = x.copy()
    done = np.full(x.shape, None, dtype=object)
    for name in known:
        cells = missing & (want == name)
        if not cells.any():
            continue
        fill, label = REGISTRY.imputation(name).fill(inp)
        fill = np.broadcast_to(np.asarray(fill, dtype=float), x.shape)
        out = np.where(cells, fill, out)
        done[cells] = name if label is None else np.broadcast_to(label, x.shape)[cells]
    done[np.isnan(out)] = None  # nothing to impute from: stays missing (re-weighted)
    return out, done
