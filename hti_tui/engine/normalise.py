"""Normalisation: indicators in their own units → scores on a common 0–100 scale.

Each method is one of the JRC/OECD handbook's (2008, step 5, table 3) and is direction-aware
(a lower-is-better indicator is mirrored so that a high score is always good):

* ``goalposts`` (the default): ``100·(x − low)/(high − low)`` clipped to 0–100, with fixed
  goalposts per indicator. Fixed goalposts keep years comparable: a kommun's score moves only
  when its own value moves, never because others moved (the handbook's reason for goalposts
  in indices tracked over time).
* ``minmax``: the same over the observed min and max of the units (a constant indicator
  scores 50, the middle, because it cannot tell units apart).
* ``zscore``: ``50 + 10·z`` with the sample standard deviation (as COINr's ``n_zscore``);
  not clipped, so it can leave 0–100 for extreme values.
* ``rank``: the percentile of the unit's rank, ``100·(r − 1)/(n − 1)``, ties averaged.
* ``target``: distance to target ``100·min(1, (x − low)/(target − low))`` (low is the lower
  goalpost), mirrored ``100·min(1, (high − x)/(high − target))`` for lower-is-better, and
  floored at 0.

Missing values stay NaN; columns are independent, all are processed at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from hti_tui.engine.model import IndicatorParams
from hti_tui.engine.stats import average_ranks
from hti_tui.errors import ModelError


def _need(ok: np.ndarray, ids: Sequence[str], what: str, method: str) -> None:
    bad = [ids[int(k)] for k in np.flatnonzero(~ok)]
    if bad:
        shown = ", ".join(bad[:5]) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
        raise ModelError(f"normalisation '{method}' needs {what}, but indicator(s) {shown} "
                         "do not have them",
                         hint="declare them for the indicator or choose minmax/zscore/rank")


def goalposts(x: np.ndarray, low: np.ndarray, high: np.ndarray,
              direction: np.ndarray) -> npt.NDArray[np.float64]:
    span = high - low
    up = (x - low) / span
    s = np.where(direction > 0, up, 1.0 - up) * 100.0
    clipped: npt.NDArray[np.float64] = np.clip(s, 0.0, 100.0)
    return clipped


def minmax(x: np.ndarray, direction: np.ndarray) -> np.ndarray:
    present = ~np.isnan(x)
    lo = np.where(present, x, np.inf).min(axis=0, initial=np.inf)
    hi = np.where(present, x, -np.inf).max(axis=0, initial=-np.inf)
    with np.errstate(invalid="ignore"):
        span = hi - lo
    flat = ~(span > 0)
    up = (x - lo) / np.where(flat, 1.0, span)
    s = np.where(direction > 0, up, 1.0 - up) * 100.0
    return np.where(flat & present, 50.0, s)


def zscore(x: np.ndarray, direction: np.ndarray) -> np.ndarray:
    present = ~np.isnan(x)
    n = present.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(present, x, 0.0).sum(axis=0) / n
        var = np.where(present, (x - mean) ** 2, 0.0).sum(axis=0) / (n - 1)
    sd = np.sqrt(var)
    flat = ~(sd > 0)
    z = (x - mean) / np.where(flat, 1.0, sd)
    return np.where(flat & present, 50.0, 50.0 + 10.0 * z * direction)


def rank(x: np.ndarray, direction: np.ndarray) -> np.ndarray:
    r = average_ranks(x * direction)
    n = (~np.isnan(x)).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = 100.0 * (r - 1.0) / (n - 1.0)
    return np.where((n == 1) & ~np.isnan(x), 50.0, s)


def target(x: np.ndarray, low: np.ndarray, high: np.ndarray, goal: np.ndarray,
           direction: np.ndarray) -> npt.NDArray[np.float64]:
    up = (x - low) / (goal - low)
    down = (high - x) / (high - goal)
    s = np.where(direction > 0, up, down)
    clipped: npt.NDArray[np.float64] = np.clip(s, 0.0, 1.0)
    return clipped * 100.0


def normalise(x: np.ndarray, params: IndicatorParams, direction: np.ndarray, method: str,
              ids: Sequence[str]) -> np.ndarray:
    """Scores 0–100 (units × indicators) by ``method``, a name in the method registry
    (``engine.registry``: the built-ins above and any a plugin registered); ``ids`` name
    indicators in errors."""
    from hti_tui.engine.registry import REGISTRY, NormInput

    spec = REGISTRY.normalisation(method)
    x = np.asarray(x, dtype=float)
    d = np.asarray(direction, dtype=float)
    gp = np.asarray(params.goalposts, dtype=float)
    low, high = gp[:, 0], gp[:, 1]
    t = np.asarray(params.targets, dtype=float)
    if "goalposts" in spec.needs:
        _need(~np.isnan(low) & ~np.isnan(high), ids, "goalposts (low, high)", method)
        _need(high > low, ids, "goalposts with low < high", method)
    if "target" in spec.needs:
        _need(~np.isnan(t), ids, "a target", method)
        _need(np.where(d > 0, t > low, t < high), ids,
              "a target beyond the goalpost it is measured from", method)
    scores = np.asarray(spec.score(NormInput(x, d, low, high, t)), dtype=float)
    if scores.shape != x.shape:
        raise ModelError(f"normalisation '{method}' returned shape {scores.shape}, "
                         f"expected {x.shape}")
    return scores
