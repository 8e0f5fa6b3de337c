"""Priorities: where a unit gains most index points by reaching what its peers achieve.

For every indicator on which the unit is worse than its peers' target — their median, or
their best quartile in the indicator's good direction (75th percentile when higher is
better, 25th when lower is better) — the unit's value is set to that target and the index
recomputed exactly through the engine (one run per candidate, ~50 for HTI). Exact rather than
``weight × score gap`` because re-weighting, non-arithmetic means, relative normalisations
and ranks make the linear estimate wrong exactly where it matters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hti_tui.engine.compute import check_inputs, compute
from hti_tui.engine.model import IndicatorParams, Methods
from hti_tui.engine.tree import Tree
from hti_tui.errors import UsageError

TARGETS = ("median", "q75")


@dataclass(frozen=True)
class Priority:
    """Reaching ``target`` on ``indicator`` (from ``current``, NaN if missing) gains ``points``
    index points and gives the unit ``new_rank`` (0 if it would still have no index)."""

    indicator: int
    indicator_id: str
    current: float
    target: float
    points: float
    new_index: float
    new_rank: int


def peer_targets(tree: Tree, values: np.ndarray, peers: np.ndarray, target: str) -> np.ndarray:
    """(I,) the peers' target value per indicator (NaN when no peer has a value)."""
    if target not in TARGETS:
        raise UsageError(f"unknown priority target '{target}'",
                         hint=f"choose one of: {', '.join(TARGETS)}")
    sub = values[peers]
    has = (~np.isnan(sub)).any(axis=0)
    filled = np.where(has[None, :], sub, 0.0)  # all-NaN columns would warn
    if target == "median":
        out = np.nanmedian(filled, axis=0)
    else:
        q = np.where(tree.direction > 0, 0.75, 0.25)
        hi, lo = np.nanquantile(filled, 0.75, axis=0), np.nanquantile(filled, 0.25, axis=0)
        out = np.where(q > 0.5, hi, lo)
    return np.where(has, out, np.nan)


def rank(tree: Tree, values: np.ndarray, params: IndicatorParams, methods: Methods,
         unit: int, peer_units: np.ndarray, target: str = "median",
         penalise: np.ndarray | None = None) -> list[Priority]:
    """Candidate improvements for ``unit``, most index points first."""
    x, pen = check_inputs(tree, values, params, penalise)
    if not 0 <= unit < x.shape[0]:
        raise UsageError(f"unit {unit} does not exist (there are {x.shape[0]} units)")
    peers = np.asarray(peer_units, dtype=np.int64).reshape(-1)
    if peers.size and (peers.min() < 0 or peers.max() >= x.shape[0]):
        raise UsageError(f"a peer unit index is outside 0…{x.shape[0] - 1}")
    peers = peers[peers != unit]
    if peers.size == 0:
        raise UsageError("priorities need at least one peer other than the unit itself")
    goal = peer_targets(tree, x, peers, target)
    bounds = np.asarray(params.bounds, dtype=float)
    goal = np.clip(goal, bounds[:, 0], bounds[:, 1])
    current = x[unit]
    d = tree.direction
    worse = ~np.isnan(goal) & (np.isnan(current) | (d * current < d * goal))
    before = compute(tree, x, params, methods, pen)
    out: list[Priority] = []
    for i in np.flatnonzero(worse):  # one exact recomputation per candidate indicator
        changed = x.copy()
        changed[unit, i] = goal[i]
        after = compute(tree, changed, params, methods, pen)
        out.append(Priority(int(i), tree.indicator_ids[i], float(current[i]), float(goal[i]),
                            float(after.index[unit] - before.index[unit]),
                            float(after.index[unit]), int(after.rank[unit])))
    out.sort(key=lambda p: (np.isnan(p.points), -np.nan_to_num(p.points), p.indicator))
    return out
