"""The index for many weight sets at once: the Monte Carlo's inner loop as array operations.

For one discrete method combination the indicator scores are fixed and only the weights vary
between runs. Every generalised mean (arithmetic, geometric, harmonic) is an arithmetic mean
in a transformed space (``s``, ``log s``, ``1/s``), and a mean of such means stays in that
space, so the whole tree is evaluated on transformed scores and mapped back once at the root.

Layout: node × run × unit, so each aggregate is one contiguous (runs × units) block. An
aggregate of indicators is one matrix product ``(runs × children) @ (children × units)``; an
aggregate of aggregates is a weighted sum of its children's blocks. Python loops run over the
aggregates of the tree (tens), never over runs or units.

Missing data are sparse, so re-weighting is done sparsely: all weighted sums treat a missing
child as 0, and only the (aggregate, unit) pairs with a missing child get their sum divided by
the share of weight present (``1 − missing share``) and checked against ``min_coverage`` —
the same rule and tolerance as ``engine.aggregate``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hti_tui.engine.aggregate import COVERAGE_EPS, forward, inverse
from hti_tui.engine.stats import rank_desc
from hti_tui.engine.tree import Tree

#: Elements (aggregates × runs × units) one chunk may hold, to bound memory (~32 MB).
CHUNK_ELEMENTS = 4_000_000


@dataclass(frozen=True)
class _Node:
    index: int  # position among the aggregates
    ind_kids: np.ndarray  # indicator children (indicator positions)
    agg_kids: np.ndarray  # aggregate children (positions among the aggregates)


def _plan(tree: Tree) -> list[_Node]:
    n_ind = tree.n_indicators
    plan = []
    for step in tree.steps:
        for p in step.parents:
            kids = np.flatnonzero(tree.parent == p)
            plan.append(_Node(int(p) - n_ind, kids[kids < n_ind], kids[kids >= n_ind] - n_ind))
    return plan


def local_weights(tree: Tree, raw: np.ndarray) -> np.ndarray:
    """(runs, nodes) raw weights → weights normalised to sum 1 among siblings."""
    n = tree.n_nodes
    to_parent = np.zeros((n, n))
    child = np.flatnonzero(tree.parent >= 0)
    to_parent[child, tree.parent[child]] = 1.0
    sums = raw @ to_parent  # (runs, nodes): each aggregate's children's total
    out = np.ones_like(raw)
    out[:, child] = raw[:, child] / sums[:, tree.parent[child]]
    return out


def transformed(scores: np.ndarray, aggregation: str, floor: float) -> np.ndarray:
    """Indicator scores in the aggregation's space (floored first for geometric/harmonic)."""
    if aggregation == "arithmetic":
        return scores
    return forward(aggregation, np.where(scores < floor, floor, scores))


def root_scores(tree: Tree, T: np.ndarray, present: np.ndarray, wl: np.ndarray,
                min_coverage: float, aggregation: str) -> np.ndarray:
    """Index (runs, units) for transformed indicator scores ``T`` (units × indicators),
    the ``present`` mask and per-run local weights ``wl`` (runs × nodes); NaN = missing."""
    runs, units = wl.shape[0], T.shape[0]
    n_ind = tree.n_indicators
    Tt = np.ascontiguousarray(np.where(present, T, 0.0).T)  # (indicators, units)
    gaps = [np.flatnonzero(~present[:, i]) for i in range(n_ind)]  # missing units per indicator
    w_ind = np.ascontiguousarray(wl[:, :n_ind])
    w_agg = wl[:, n_ind:]
    V = np.empty((tree.n_nodes - n_ind, runs, units))
    sparse: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # aggregate -> (units, ok per run)
    for node in _plan(tree):
        out = V[node.index]
        if node.ind_kids.size:
            np.matmul(w_ind[:, node.ind_kids], Tt[node.ind_kids], out=out)
        else:
            out.fill(0.0)
        for c in node.agg_kids:
            out += w_agg[:, c, None] * V[c]
        # Deficits: share of weight missing, only for the units that miss a child.
        parts: list[tuple[np.ndarray, np.ndarray]] = []
        for i in node.ind_kids:
            if gaps[i].size:
                parts.append((gaps[i], np.broadcast_to(w_ind[:, i, None], (runs, gaps[i].size))))
        for c in node.agg_kids:
            if int(c) in sparse:
                u, ok = sparse[int(c)]
                parts.append((u, w_agg[:, c, None] * ~ok))
        if not parts:
            continue
        hit = np.unique(np.concatenate([u for u, _ in parts]))
        deficit = np.zeros((runs, hit.size))
        for u, d in parts:
            deficit[:, np.searchsorted(hit, u)] += d
        share = 1.0 - deficit
        ok = (share > COVERAGE_EPS) & (share >= min_coverage - COVERAGE_EPS)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[:, hit] = np.where(ok, out[:, hit] / share, 0.0)
        if not ok.all():
            sparse[node.index] = (hit, ok)
    root = V[-1]
    with np.errstate(divide="ignore", over="ignore"):
        index = inverse(aggregation, root)
    root_key = tree.n_nodes - n_ind - 1
    if root_key in sparse:
        u, ok = sparse[root_key]
        index[:, u] = np.where(ok, index[:, u], np.nan)
    return index


def rank_runs(tree: Tree, T: np.ndarray, present: np.ndarray, wl: np.ndarray,
              min_coverage: float, aggregation: str) -> np.ndarray:
    """Ranks (runs, units) of the index, in chunks of runs to bound memory."""
    runs, units = wl.shape[0], T.shape[0]
    chunk = max(1, CHUNK_ELEMENTS // max(1, (tree.n_nodes - tree.n_indicators) * units))
    out = np.empty((runs, units), dtype=np.int32)
    for start in range(0, runs, chunk):
        stop = min(runs, start + chunk)
        index = root_scores(tree, T, present, wl[start:stop], min_coverage, aggregation)
        out[start:stop] = rank_desc(index, axis=1)
    return out
