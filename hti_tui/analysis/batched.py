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

#: Elements (aggregates × runs × units) one chunk may hold (~8 MB: fits the caches better
#: than larger chunks; 1M was fastest of 0.5–4M on the 290 × 49 benchmark).
CHUNK_ELEMENTS = 1_000_000


@dataclass(frozen=True)
class _Node:
    index: int  # position among the aggregates
    ind_kids: np.ndarray  # indicator children (indicator positions)
    agg_kids: np.ndarray  # aggregate children (positions among the aggregates)


_PLANS: dict[int, tuple[Tree, list[_Node]]] = {}


def _plan(tree: Tree) -> list[_Node]:
    """The aggregates bottom-up with their children (cached per tree)."""
    hit = _PLANS.get(id(tree))
    if hit is not None and hit[0] is tree:
        return hit[1]
    plan = _make_plan(tree)
    if len(_PLANS) > 32:
        _PLANS.clear()
    _PLANS[id(tree)] = (tree, plan)
    return plan


def _make_plan(tree: Tree) -> list[_Node]:
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


def path_weights(tree: Tree, wl: np.ndarray) -> np.ndarray:
    """(runs, nodes) each node's weight in the root: the product of the local weights on its
    path (a unit with every indicator present needs no re-weighting, so its index is
    ``Σ path_weight · score`` in the aggregation's space)."""
    E = np.empty_like(wl)
    E[:, -1] = 1.0
    for step in reversed(tree.steps):
        E[:, step.children] = E[:, tree.parent[step.children]] * wl[:, step.children]
    return E


def root_scores(tree: Tree, T: np.ndarray, present: np.ndarray, wl: np.ndarray,
                min_coverage: float, aggregation: str, var: np.ndarray | None = None,
                noise: np.ndarray | None = None, root_sd: np.ndarray | None = None,
                return_var: bool = False) -> np.ndarray:
    """Index (runs, units) for transformed indicator scores ``T`` (units × indicators),
    the ``present`` mask and per-run local weights ``wl`` (runs × nodes); NaN = missing.

    Units with every indicator present are one matrix product with the path weights (no
    re-weighting can occur); only units with a missing cell go through the level-by-level
    plan with sparse re-weighting.

    Sampling error: ``var`` (units × indicators) is the variance of each transformed score.
    A weighted mean of independent errors has variance ``Σ w²·var`` (re-weighted: divided by
    share²), so the variance is carried up the tree with squared weights — no per-run score
    matrices. ``return_var`` returns that root variance (runs, units) instead of the index;
    with ``noise`` (runs × units standard normals) the root gets ``sqrt(variance)·noise`` in
    the transformed space before it is mapped back, or ``root_sd·noise`` when the caller
    passes the root's standard deviation (units,)."""
    runs, units = wl.shape[0], T.shape[0]
    n_ind = tree.n_indicators
    # the sampling variance is carried up only when asked for; rvar is None otherwise
    carried = var if var is not None and (noise is not None or return_var) else None
    full = present.all(axis=1)
    comp, inc = np.flatnonzero(full), np.flatnonzero(~full)
    root = np.empty((runs, units))
    rvar = np.empty((runs, units)) if carried is not None else None
    scored = None
    if comp.size:
        ew = np.ascontiguousarray(path_weights(tree, wl)[:, :n_ind])
        root[:, comp] = ew @ np.ascontiguousarray(T[comp].T)
        if carried is not None and rvar is not None:
            rvar[:, comp] = (ew * ew) @ np.ascontiguousarray(carried[comp].T)
    if inc.size:
        r, v, ok = _plan_root(tree, T[inc], present[inc], wl, min_coverage,
                              carried[inc] if carried is not None else None)
        root[:, inc] = r
        if rvar is not None and v is not None:
            rvar[:, inc] = v
        if ok is not None:
            scored = np.ones((runs, units), dtype=bool)
            scored[:, inc] = ok
    if return_var and rvar is not None:
        return rvar
    if rvar is not None and noise is not None:
        root = root + np.sqrt(np.maximum(rvar, 0.0)) * noise
    elif root_sd is not None and noise is not None:
        root = root + root_sd[None, :] * noise
    with np.errstate(divide="ignore", over="ignore"):
        index = inverse(aggregation, root)
    if scored is not None:
        index = np.where(scored, index, np.nan)
    return index


def _plan_root(tree: Tree, T: np.ndarray, present: np.ndarray, wl: np.ndarray,
               min_coverage: float, var: np.ndarray | None
               ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None]:
    """(transformed root (runs, units), its sampling variance or None, the root's
    "still scored" mask (runs, units) or None when every unit is scored), level by level
    through the plan with the sparse re-weighting of the module docstring."""
    runs, units = wl.shape[0], T.shape[0]
    n_ind = tree.n_indicators
    Tt = np.ascontiguousarray(np.where(present, T, 0.0).T)  # (indicators, units)
    gaps = [np.flatnonzero(~present[:, i]) for i in range(n_ind)]  # missing units per indicator
    w_ind = np.ascontiguousarray(wl[:, :n_ind])
    w_agg = wl[:, n_ind:]
    V = np.empty((tree.n_nodes - n_ind, runs, units))
    carry = var is not None
    if var is not None:
        VV = np.empty_like(V)
        Vt = np.ascontiguousarray(np.where(present, var, 0.0).T)
        w2_ind = w_ind * w_ind
        w2_agg = w_agg * w_agg
    sparse: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # aggregate -> (units, ok per run)
    for node in _plan(tree):
        out = V[node.index]
        _weighted_sum(out, w_ind, Tt, w_agg, V, node)
        if carry:
            vo = VV[node.index]
            _weighted_sum(vo, w2_ind, Vt, w2_agg, VV, node)
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
            if carry:
                vo[:, hit] = np.where(ok, vo[:, hit] / (share * share), 0.0)
        if not ok.all():
            sparse[node.index] = (hit, ok)
    root_key = tree.n_nodes - n_ind - 1
    scored = None
    if root_key in sparse:
        u, ok = sparse[root_key]
        scored = np.ones((runs, units), dtype=bool)
        scored[:, u] = ok
    return V[-1], (VV[-1] if carry else None), scored


def _weighted_sum(out: np.ndarray, w_ind: np.ndarray, Tt: np.ndarray, w_agg: np.ndarray,
                  V: np.ndarray, node: _Node) -> None:
    """out = Σ indicator kids (one matrix product) + Σ aggregate kids (weighted blocks)."""
    kids = iter(node.agg_kids)
    if node.ind_kids.size:
        np.matmul(w_ind[:, node.ind_kids], Tt[node.ind_kids], out=out)
    else:
        c = next(kids)
        np.multiply(w_agg[:, c, None], V[c], out=out)
    for c in kids:
        out += w_agg[:, c, None] * V[c]


def rank_runs(tree: Tree, T: np.ndarray, present: np.ndarray, wl: np.ndarray,
              min_coverage: float, aggregation: str, var: np.ndarray | None = None,
              noise: np.ndarray | None = None, root_sd: np.ndarray | None = None,
              eligible: np.ndarray | None = None) -> np.ndarray:
    """Ranks (runs, units) of the index, in chunks of runs to bound memory; units outside
    ``eligible`` (not in the headline ranking) get rank 0 in every run."""
    runs, units = wl.shape[0], T.shape[0]
    chunk = max(1, CHUNK_ELEMENTS // max(1, (tree.n_nodes - tree.n_indicators) * units))
    out = np.empty((runs, units), dtype=np.int32)
    for start in range(0, runs, chunk):
        stop = min(runs, start + chunk)
        z = None if noise is None else noise[start:stop]
        index = root_scores(tree, T, present, wl[start:stop], min_coverage, aggregation,
                            var, z, root_sd)
        if eligible is not None:
            index[:, ~eligible] = np.nan
        out[start:stop] = rank_desc(index, axis=1)
    return out
