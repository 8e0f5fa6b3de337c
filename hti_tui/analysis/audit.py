"""Statistical audit of an index, as the JRC's audits of composite indicators do it.

Per indicator: coverage and distribution (n, missing, min, median, max, skewness, excess
kurtosis) and whether the handbook's outlier rule flags it (|skew| above the winsorisation
threshold and kurtosis above its threshold, those of the computation's methods). Coherence:
Pearson correlations (pairwise complete) of each indicator with its parent and of each
aggregate with the index — an indicator that does not correlate with its own aggregate is not
measuring the same thing (handbook 2008, step 4) — and Cronbach's alpha of each aggregate
with at least two children (internal consistency; above ~0.7 is usually read as coherent).
"""

from __future__ import annotations

from dataclasses import dataclass

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


def cronbach_alpha(items: np.ndarray) -> float:
    """Cronbach's alpha of the columns of ``items`` over the rows complete in all columns:
    ``k/(k−1)·(1 − Σ var(item) / var(Σ items))`` with sample variances."""
    complete = items[~np.isnan(items).any(axis=1)]
    k = items.shape[1]
    if k < 2 or complete.shape[0] < 2:
        return float("nan")
    total = complete.sum(axis=1).var(ddof=1)
    if not total > 0:
        return float("nan")
    return float(k / (k - 1) * (1.0 - complete.var(axis=0, ddof=1).sum() / total))


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
    for node in range(n_ind, tree.n_nodes):
        kids = np.flatnonzero(tree.parent == node)
        if kids.size >= 2:
            alpha[tree.ids[node]] = cronbach_alpha(computed.scores[:, kids])
    return Audit(indicator_ids=tuple(tree.indicator_ids), n=present.sum(axis=0),
                 missing=(~present).sum(axis=0), minimum=np.where(has, lo, np.nan),
                 median=column_medians(raw), maximum=np.where(has, hi, np.nan), skew=skew,
                 kurtosis=kurt, flagged=flagged, winsorised=computed.winsorised.sum(axis=0),
                 corr_parent=corr_parent, corr_index=corr_index, alpha=alpha)
