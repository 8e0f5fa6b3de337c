"""Gaps that reconcile: a node's distance from a reference, split into its indicators' points.

For every node ``n`` and unit ``u``: ``gap[u, n] = score[u, n] − reference[n]``, where the
reference is a quantile ``q`` of the node's scores over a population of units — the national
median (``q = 0.5`` over every unit with a score), the peers' median (``q = 0.5`` over the
peers) or the best quartile (``q = 0.75``: scores are "higher is better" at every node).

**The decomposition rule (the reference unit).** A node's score is a sum of its indicators'
points: ``score[u, n] = Σ_i P[u, n, i]`` with ``P[u, n, i] = w[u, n, i] · s[u, i]``, where
``w[u, n, i]`` is the indicator's weight *inside node n* after re-weighting (the product of the
re-weighted local weights on the path from ``i`` up to ``n``; it sums to 1 over the indicators
of a scored node) and ``s`` its score (a penalised cell scores 0 with its weight, a missing
one has weight 0). A quantile with linear interpolation is a convex combination of two order
statistics: ``reference[n] = (1 − f)·score[a, n] + f·score[b, n]`` with ``h = q·(m − 1)`` over
the ``m`` sorted scores, ``a``/``b`` the units at positions ``⌊h⌋`` and ``⌊h⌋ + 1`` and
``f = h − ⌊h⌋``. The reference is therefore a *virtual reference unit* whose points are
``R[n, i] = (1 − f)·P[a, n, i] + f·P[b, n, i]``, and the parts of the gap are

    part[u, n, i] = P[u, n, i] − R[n, i].

*Proof that they sum to the gap.* ``Σ_i part = Σ_i P[u, n, i] − (1 − f)·Σ_i P[a, n, i] −
f·Σ_i P[b, n, i] = score[u, n] − (1 − f)·score[a, n] − f·score[b, n] = score[u, n] −
reference[n]``, using only ``Σ_i P[x, n, i] = score[x, n]`` for every unit ``x`` and the
linearity of the sum. ∎ When the unit and the reference unit weigh an indicator alike (no
re-weighting on either side), the part is exactly ``w · (s_u − s_ref)``; where re-weighting
differs, the part also carries that difference, which is where those points really went.

Why a reference unit and not the indicators' own medians: the median of a sum is not the sum
of the medians, so ``Σ w·(s − median s)`` does not equal ``score − median score`` (it had the
opposite sign for a quarter of the kommuner on some rows), and a ja/nej item's median is 0 or
1, which says little. The reference unit is a real (or an interpolated pair of real) kommun.

For geometric or harmonic means a node's score is not a weighted sum; ``P`` is then the
arithmetic split rescaled to the node's score (``P·score / Σ P``), the rule the engine uses
for contributions, so ``Σ_i P = score`` holds and the proof above applies unchanged. For the
arithmetic mean the rescaling factor is 1 (a test holds it to 1e-12).

Everything is array operations: one pass over the tree's aggregates (tens), never a loop
over units or indicators.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hti_tui.engine.tree import Tree
from hti_tui.errors import UsageError

#: Reference name → quantile of the node scores (population chosen by the caller).
REFERENCES: dict[str, float] = {"median": 0.5, "peers": 0.5, "quartile": 0.75}


@dataclass(frozen=True)
class Gaps:
    """Gaps of every unit at every node against one reference.

    ``reference`` (N,): the reference score per node (NaN when no unit of the population has
    one). ``gap`` (U, N): score − reference (NaN where either is missing). ``parts`` (U, A, I)
    for the A aggregates (node ``tree.n_indicators + a``): the indicators' shares of that
    node's gap, summing to ``gap`` (0 for indicators outside the node, NaN where the gap is
    missing). ``pair`` (N, 2) and ``share`` (N,): the reference units ``a``, ``b`` and ``f``
    (-1 when there is no reference).
    """

    quantile: float
    reference: np.ndarray
    gap: np.ndarray
    parts: np.ndarray
    pair: np.ndarray
    share: np.ndarray

    def node_parts(self, tree: Tree, node: int) -> np.ndarray:
        """(U, I) the indicators' parts of node ``node``'s gap (an indicator: itself)."""
        n_ind = tree.n_indicators
        if node >= n_ind:
            return self.parts[:, node - n_ind]
        out = np.zeros((self.gap.shape[0], n_ind))
        out[:, node] = self.gap[:, node]
        return out


def local_shares(tree: Tree, scores: np.ndarray) -> np.ndarray:
    """(U, N) each node's re-weighted local weight within its parent, per unit: its local
    weight over the local weight of its siblings that have a score (0 when it has none, or
    when its parent has no score; 1 for the root)."""
    present = ~np.isnan(scores)
    lw = tree.local_weight
    out = np.zeros(scores.shape)
    out[:, -1] = present[:, -1]
    for step in tree.steps:
        W = step.assign * lw[step.children][:, None]  # children × parents
        share = present[:, step.children].astype(float) @ W  # units × parents
        col = step.assign.argmax(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(present[:, step.children], lw[step.children] / share[:, col], 0.0)
        parent_ok = present[:, step.parents][:, col]
        out[:, step.children] = np.where(parent_ok & np.isfinite(r), r, 0.0)
    return out


def node_weights(tree: Tree, scores: np.ndarray) -> np.ndarray:
    """(U, A, I) the weight of every indicator inside every aggregate, after re-weighting:
    the product of the re-weighted local weights on its path up to (not including) the
    aggregate. Sums to 1 over the indicators of every aggregate a unit has a score for."""
    units, n_ind = scores.shape[0], tree.n_indicators
    r = local_shares(tree, scores)
    W = np.zeros((units, tree.n_nodes - n_ind, n_ind))
    for step in tree.steps:  # bottom-up: a child aggregate is done before its parent
        for p in step.parents:
            for c in np.flatnonzero(tree.parent == p):
                if c < n_ind:
                    W[:, p - n_ind, c] = r[:, c]
                else:
                    W[:, p - n_ind] += r[:, c, None] * W[:, c - n_ind]
    return W


def node_points(tree: Tree, scores: np.ndarray) -> np.ndarray:
    """(U, A, I) the indicators' points in every aggregate, summing to its score (NaN rows
    where the unit has no score for the aggregate)."""
    n_ind = tree.n_indicators
    W = node_weights(tree, scores)
    s = np.nan_to_num(scores[:, :n_ind])
    base = W * s[:, None, :]
    total = base.sum(axis=2)
    agg = scores[:, n_ind:]
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(total > 0, agg / total, np.nan)
    P = np.where((total > 0)[:, :, None], base * factor[:, :, None], W * agg[:, :, None])
    return np.where(np.isnan(agg)[:, :, None], np.nan, P)


def quantile_pairs(values: np.ndarray, population: np.ndarray,
                   q: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per column of ``values`` (U, N): the two units and the share ``f`` whose combination
    ``(1 − f)·v[a] + f·v[b]`` is the linear-interpolation ``q`` quantile of the column over
    the rows in ``population`` that have a value. Returns (pair (N, 2), f (N,), reference
    (N,)); pair −1 and reference NaN for a column with no value."""
    if not 0.0 <= q <= 1.0:
        raise UsageError(f"quantile {q} must lie in [0, 1]")
    v = np.asarray(values, dtype=float)
    ok = ~np.isnan(v) & np.asarray(population, dtype=bool).reshape(-1, 1)
    m = ok.sum(axis=0)
    order = np.argsort(np.where(ok, v, np.inf), axis=0, kind="stable")
    h = q * np.maximum(m - 1, 0)
    lo = np.floor(h + 1e-12).astype(np.int64)
    lo = np.minimum(lo, np.maximum(m - 1, 0))
    f = np.where(m > 1, h - lo, 0.0)
    f = np.clip(f, 0.0, 1.0)
    hi = np.minimum(lo + 1, np.maximum(m - 1, 0))
    cols = np.arange(v.shape[1])
    a, b = order[lo, cols], order[hi, cols]
    ref = (1.0 - f) * v[a, cols] + f * v[b, cols]
    has = m > 0
    pair = np.where(has[:, None], np.stack([a, b], axis=1), -1)
    return pair, np.where(has, f, 0.0), np.where(has, ref, np.nan)


def decompose(tree: Tree, scores: np.ndarray, quantile: float = 0.5,
              population: np.ndarray | None = None,
              root_population: np.ndarray | None = None,
              rows: np.ndarray | None = None) -> Gaps:
    """Every unit's gap at every node against the ``quantile`` of the node's scores over
    ``population`` (default: every unit), split into indicator parts (module docstring).

    ``root_population`` narrows the population of the root only (the query layer passes the
    ranked units: an unranked unit's index is no part of the national distribution).
    ``rows`` limits ``gap`` and ``parts`` to those units, in that order (one kommun's view
    needs one row; the reference is still taken over the whole population)."""
    S = np.asarray(scores, dtype=float)
    units = S.shape[0]
    pop = np.ones(units, dtype=bool) if population is None else np.asarray(population, bool)
    if pop.shape != (units,):
        raise UsageError(f"the reference population has {pop.shape} entries for {units} units")
    pair, f, ref = quantile_pairs(S, pop, quantile)
    if root_population is not None:
        rp = pop & np.asarray(root_population, dtype=bool)
        p_root, f_root, r_root = quantile_pairs(S[:, -1:], rp, quantile)
        pair[-1], f[-1], ref[-1] = p_root[0], f_root[0], r_root[0]
    rows_ = np.arange(units) if rows is None else np.asarray(rows, dtype=np.int64).reshape(-1)
    gap = S[rows_] - ref[None, :]
    n_ind = tree.n_indicators
    refs = pair[n_ind:]
    need = np.unique(np.concatenate([rows_, refs[refs >= 0].ravel()]))
    P_need = node_points(tree, S[need])
    at = np.searchsorted(need, np.arange(units).clip(0))  # unit -> row of P_need (if needed)
    A = tree.n_nodes - n_ind
    R = np.full((A, n_ind), np.nan)
    for k in range(A):
        a, b = refs[k]
        if a >= 0:
            R[k] = (1.0 - f[n_ind + k]) * P_need[at[a], k] + f[n_ind + k] * P_need[at[b], k]
    parts = P_need[at[rows_]] - R[None, :, :]
    parts = np.where(np.isnan(gap[:, n_ind:])[:, :, None], np.nan, parts)
    return Gaps(quantile=quantile, reference=ref, gap=gap, parts=parts, pair=pair, share=f)
