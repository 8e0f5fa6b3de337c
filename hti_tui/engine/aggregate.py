"""Weighting and aggregation, level by level through the tree, all units at once.

An aggregate's score is the weighted mean of its children's scores (JRC/OECD handbook 2008,
step 6). Three means are offered: arithmetic (fully compensatory, the default), geometric
and harmonic (less compensatory: a weak child costs more than a strong one gains). A child
with no score is left out and the remaining weights are re-scaled ("re-weighting", the
handbook's case-deletion-within-aggregate, COINr's ``dat_thresh``); if the present children
carry less than ``min_coverage`` of the weight (the node's own threshold if the tree sets
one), the aggregate itself is missing and its own parent re-weights. Each level is one
matrix product of the (units × children) scores with a dense (children × parents) weight
matrix, so there is no loop over units.

Geometric and harmonic means are undefined for a zero or negative child score. Without a
``zero_floor`` that is a ModelError naming the aggregate and a unit; with one, child scores
below the floor are raised to it first.

Effective weights: the product of the re-weighted local weights along an indicator's path,
so that for every scored unit they sum to 1 over its indicators. For the arithmetic mean the
index is exactly ``Σ effective_weight · score``, which makes contributions additive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from hti_tui.engine.registry import REGISTRY
from hti_tui.engine.tree import Tree
from hti_tui.errors import ModelError

#: Coverage comparisons allow this much float noise (0.5 must pass a 0.5 threshold).
COVERAGE_EPS = 1e-9


@dataclass(frozen=True)
class Aggregated:
    scores: np.ndarray  # (U, N) every node; indicators as given
    coverage: np.ndarray  # (U, N) the share min_coverage tests: children's weight with a score
    observed: np.ndarray  # (U, N) share of the node's nominal weight with observed data
    effective_weight: np.ndarray  # (U, I)
    used: np.ndarray  # (U, I) indicator scores as they entered the means (after any floor)


def _unit_name(u: int, unit_ids: Sequence[str] | None) -> str:
    return f"unit '{unit_ids[u]}'" if unit_ids is not None else f"unit #{u} (row {u})"


def check_positive(tree: Tree, scores: np.ndarray, children: np.ndarray, method: str,
                   unit_ids: Sequence[str] | None) -> None:
    """Raise a ModelError naming node and unit if a child score is zero or negative."""
    bad = scores <= 0  # NaN compares False: missing children are not a problem
    if bad.any():
        u, c = np.argwhere(bad)[0]
        child = int(children[c])
        parent = tree.ids[int(tree.parent[child])]
        raise ModelError(
            f"the {method} mean of '{parent}' is undefined: its child '{tree.ids[child]}' "
            f"scores {scores[u, c]:g} for {_unit_name(int(u), unit_ids)}",
            hint="use the arithmetic mean, or set a zero_floor for the geometric/harmonic mean")


def forward(method: str, s: np.ndarray) -> np.ndarray:
    """The generalised mean's transform: mean = inverse(Σ w·forward(s) / Σ w) (the
    aggregation's entry in ``engine.registry``)."""
    return REGISTRY.aggregation(method).forward(s)


def inverse(method: str, t: np.ndarray) -> np.ndarray:
    return REGISTRY.aggregation(method).inverse(t)


def aggregate(tree: Tree, indicator_scores: np.ndarray, observed: np.ndarray, method: str,
              min_coverage: float, zero_floor: float | None = None,
              unit_ids: Sequence[str] | None = None) -> Aggregated:
    """Scores of every node from the indicator scores (units × indicators, NaN = missing).

    ``observed`` (units × indicators) marks cells with an observed value (not imputed, not
    penalised); it only feeds the reported observed share, never a score.
    """
    positive = REGISTRY.aggregation(method).positive  # an unknown name fails here
    units, n_ind = indicator_scores.shape
    n = tree.n_nodes
    S = np.full((units, n), np.nan)
    S[:, :n_ind] = indicator_scores
    cov = np.zeros((units, n))
    cov[:, :n_ind] = ~np.isnan(indicator_scores)
    obs = np.zeros((units, n))
    obs[:, :n_ind] = observed
    used = indicator_scores.copy()
    lw = tree.local_weight
    threshold = tree.thresholds(min_coverage)
    inv_shares: list[np.ndarray] = []
    for step in tree.steps:
        kids = S[:, step.children]
        W = step.assign * lw[step.children][:, None]
        if positive:
            if zero_floor is None:
                check_positive(tree, kids, step.children, method, unit_ids)
            else:
                kids = np.where(kids < zero_floor, zero_floor, kids)
            ind = step.children < n_ind
            used[:, step.children[ind]] = kids[:, ind]
        present = ~np.isnan(kids)
        share = present.astype(float) @ W
        with np.errstate(divide="ignore", invalid="ignore"):
            mean = (np.where(present, forward(method, kids), 0.0) @ W) / share
        ok = (share > 0) & (share >= threshold[step.parents] - COVERAGE_EPS)
        S[:, step.parents] = np.where(ok, inverse(method, mean), np.nan)
        cov[:, step.parents] = share
        obs[:, step.parents] = obs[:, step.children] @ W
        with np.errstate(divide="ignore"):
            inv_shares.append(np.where(ok, 1.0 / share, 0.0))
    eff = _effective(tree, S, inv_shares)
    return Aggregated(S, cov, obs, eff[:, :n_ind], used)


def _effective(tree: Tree, S: np.ndarray, inv_shares: list[np.ndarray]) -> np.ndarray:
    """Re-weighted local weights multiplied down from the root (units × nodes).

    A present child's re-weighted weight is its local weight divided by the share of its
    siblings' weight that is present (``inv_shares`` holds 1/share, 0 for a missing parent).
    """
    units = S.shape[0]
    E = np.zeros((units, tree.n_nodes))
    E[:, -1] = ~np.isnan(S[:, -1])
    lw = tree.local_weight
    for step, inv in zip(reversed(tree.steps), reversed(inv_shares)):
        col = step.assign.argmax(axis=1)  # parent column of each child
        down = (E[:, step.parents] * inv)[:, col] * lw[step.children]
        E[:, step.children] = np.where(np.isnan(S[:, step.children]), 0.0, down)
    return E


def contributions(method: str, eff: np.ndarray, used: np.ndarray,
                  index: np.ndarray) -> np.ndarray:
    """Index points per indicator (units × indicators), summing to the index.

    Arithmetic: exactly ``effective_weight · score``. Geometric/harmonic have no additive
    decomposition, so we take the arithmetic one and rescale it to sum to the index:
    ``c_i = w_i·s_i · index / Σ_j w_j·s_j`` (shares stay proportional to ``w·s``). Units without
    an index get NaN.
    """
    base = eff * np.nan_to_num(used)
    if method != "arithmetic":
        total = base.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            factor = np.where(total > 0, index / total, np.nan)
        base = np.where((total > 0)[:, None], base * factor[:, None], eff * index[:, None])
    return np.where(np.isnan(index)[:, None], np.nan, base)
