"""Statistical audit of an index, as the JRC's audits of composite indicators do it.

Per indicator: coverage and distribution (n, missing, min, median, max, skewness, excess
kurtosis) and whether the handbook's outlier rule flags it (|skew| above the winsorisation
threshold and kurtosis above its threshold, those of the computation's methods). Coherence:
Pearson correlations (pairwise complete) of each indicator with its parent and of each
aggregate with the index — an indicator that does not correlate with its own aggregate is not
measuring the same thing (handbook 2008, step 4) — and Cronbach's alpha of each aggregate
with at least two children (internal consistency; above ~0.7 is usually read as coherent),
the index's too (over its delindex, and over all its weighted indicators), each with the ``n``
of complete units it was computed on (listwise deletion: a unit missing a child is left out,
and the n says how many remain).

**Effective influence** (Saisana et al. 2019; COINr's ``get_sensitivity`` "effective weights"):
the share of the index's variance each delindex and area carries. The index is the sum of its
nodes' points, ``I = Σ_n c_n`` over any level, so ``Var(I) = Σ_n Cov(c_n, I)`` and
``share_n = Cov(c_n, I) / Var(I)`` sums to 1 over the delindex (and an area's shares sum to its
delindex's) — exactly, with re-weighting. Over the ranked units. A nominal weight of 40 % with
an influence of 30 % means the node counts less than its weight says, because its points vary
less across kommuner (or move against the others).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from hti_tui.analysis.contributions import column_medians
from hti_tui.engine.computed import Computed
from hti_tui.engine.stats import pearson_pairwise
from hti_tui.engine.treat import outlier_flags
from hti_tui.engine.tree import Tree


@dataclass(frozen=True)
class Audit:
    """Audit tables. Indicator arrays follow ``indicator_ids``; ``corr_index`` follows
    ``tree.ids`` (NaN for indicators, 1 for the root); ``alpha`` maps aggregate id → alpha
    (NaN when fewer than 2 units have every child or the total has no variance)."""

    indicator_ids: tuple[str, ...]
    n: np.ndarray
    missing: np.ndarray
    minimum: np.ndarray
    median: np.ndarray
    maximum: np.ndarray
    skew: np.ndarray
    kurtosis: np.ndarray
    flagged: np.ndarray
    winsorised: np.ndarray
    corr_parent: np.ndarray
    corr_index: np.ndarray
    alpha: dict[str, float]
    alpha_n: dict[str, int] = field(default_factory=dict)
    index_alpha_indicators: float = float("nan")
    index_alpha_indicators_n: int = 0
    influence: dict[str, float] = field(default_factory=dict)
    nominal_weight: dict[str, float] = field(default_factory=dict)
    influence_n: int = 0


def alpha_with_n(items: np.ndarray) -> tuple[float, int]:
    """(Cronbach's alpha, n): alpha of the columns of ``items`` over the ``n`` rows complete
    in all columns, ``k/(k−1)·(1 − Σ var(item) / var(Σ items))`` with sample variances."""
    complete = items[~np.isnan(items).any(axis=1)]
    k, n = items.shape[1], int(complete.shape[0])
    if k < 2 or n < 2:
        return float("nan"), n
    total = complete.sum(axis=1).var(ddof=1)
    if not total > 0:
        return float("nan"), n
    return float(k / (k - 1) * (1.0 - complete.var(axis=0, ddof=1).sum() / total)), n


def cronbach_alpha(items: np.ndarray) -> float:
    """Cronbach's alpha over the complete rows (``alpha_with_n`` without the n)."""
    return alpha_with_n(items)[0]


def influence(computed: Computed, units: np.ndarray) -> dict[int, float]:
    """Node → its share of the index variance over ``units`` (module docstring)."""
    c = computed.node_contribution()[units]
    index = computed.index[units]
    ok = ~np.isnan(index)
    c, index = np.nan_to_num(c[ok]), index[ok]
    if index.size < 2:
        return {}
    var = index.var(ddof=1)
    if not var > 0:
        return {}
    cov = ((c - c.mean(axis=0)) * (index - index.mean())[:, None]).sum(axis=0) / (index.size - 1)
    return {k: float(cov[k] / var) for k in range(computed.tree.n_indicators,
                                                     computed.tree.n_nodes - 1)}


def run(computed: Computed, tree: Tree | None = None) -> Audit:
    """The audit of ``computed`` (``tree`` defaults to the tree it was computed with)."""
    tree = tree or computed.tree
    raw = computed.raw
    present = ~np.isnan(raw)
    has = present.any(axis=0)
    lo = np.where(present, raw, np.inf).min(axis=0, initial=np.inf)
    hi = np.where(present, raw, -np.inf).max(axis=0, initial=-np.inf)
    m = computed.methods
    skew, kurt, flagged = outlier_flags(raw, m.winsor_skew, m.winsor_kurtosis)
    flagged = flagged & computed.continuous  # ja/nej and ordinal items are never outliers
    n_ind = tree.n_indicators
    parent_scores = computed.scores[:, tree.parent[:n_ind]]
    corr_parent = pearson_pairwise(computed.normalised, parent_scores)
    root = computed.scores[:, -1:]
    corr_index = pearson_pairwise(computed.scores, np.broadcast_to(root, computed.scores.shape))
    corr_index[:n_ind] = np.nan
    alpha: dict[str, float] = {}
    alpha_n: dict[str, int] = {}
    for node in range(n_ind, tree.n_nodes):
        kids = np.flatnonzero(tree.parent == node)
        if kids.size >= 2:
            alpha[tree.ids[node]], alpha_n[tree.ids[node]] = \
                alpha_with_n(computed.scores[:, kids])
    weighted = np.flatnonzero(tree.path_weight > 0)  # context indicators weigh nothing
    ia, ia_n = alpha_with_n(computed.normalised[:, weighted])
    ranked = np.asarray(getattr(computed, "ranked", computed.rank > 0), dtype=bool)
    units = np.flatnonzero(ranked & ~np.isnan(computed.index))
    infl = {tree.ids[k]: v for k, v in influence(computed, units).items()}
    node_w = tree.path_weight @ tree.membership  # a node's nominal weight: its indicators'
    nominal = {tree.ids[k]: float(node_w[k]) for k in range(n_ind, tree.n_nodes - 1)}
    return Audit(indicator_ids=tuple(tree.indicator_ids), n=present.sum(axis=0),
                 missing=(~present).sum(axis=0), minimum=np.where(has, lo, np.nan),
                 median=column_medians(raw), maximum=np.where(has, hi, np.nan), skew=skew,
                 kurtosis=kurt, flagged=flagged, winsorised=computed.winsorised.sum(axis=0),
                 corr_parent=corr_parent, corr_index=corr_index, alpha=alpha, alpha_n=alpha_n,
                 index_alpha_indicators=ia, index_alpha_indicators_n=ia_n, influence=infl,
                 nominal_weight=nominal, influence_n=int(units.size))
