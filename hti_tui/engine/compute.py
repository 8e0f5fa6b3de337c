"""compute(): raw indicator matrix → every score, rank, weight and contribution.

The JRC/OECD sequence, each step as hti.toml chooses: treat outliers → normalise → apply the
missing-data policy → weight and aggregate level by level → rank → result groups. Pure: numpy
in, numpy out; every step is an array operation over all units at once.

The ranking rule: a unit is *ranked* only if it has an index and, in every node the tree marks
``required``, observed data (not imputed, not penalised) covering at least that node's
min_coverage. An unranked unit keeps all its scores but gets no index rank and no result
group: with too little observed data in a node that counts double, its index mostly says
what the missing-data policy assumed, not how the unit did.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from hti_tui.engine import aggregate as agg
from hti_tui.engine import penalty as pen_
from hti_tui.engine.computed import Computed
from hti_tui.engine.groups import assign
from hti_tui.engine.model import IndicatorParams, Methods
from hti_tui.engine.normalise import normalise
from hti_tui.engine.stats import rank_desc
from hti_tui.engine.treat import winsorise
from hti_tui.engine.tree import Tree
from hti_tui.errors import ModelError

__all__ = ["Computed", "compute", "indicator_scores", "treat"]


def check_inputs(tree: Tree, values: np.ndarray, params: IndicatorParams,
                 penalise: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """The values as float64 and the penalise mask (bool, or penalty codes), shapes checked."""
    x = np.asarray(values, dtype=float)
    if x.ndim != 2 or x.shape[1] != tree.n_indicators:
        raise ModelError(f"the value matrix has shape {x.shape}; the tree has "
                         f"{tree.n_indicators} indicators (units × indicators expected)")
    if np.isinf(x).any():
        u, i = np.argwhere(np.isinf(x))[0]
        raise ModelError(f"indicator '{tree.indicator_ids[i]}' has an infinite value "
                         f"(row {u})")
    params.check(tree.n_indicators)
    pen = np.zeros(x.shape, dtype=bool) if penalise is None else np.asarray(penalise)
    if pen.shape != x.shape:
        raise ModelError(f"the penalise mask has shape {pen.shape}, the values {x.shape}")
    return x, pen


def treat(x: np.ndarray, methods: Methods,
          continuous: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Outlier treatment as chosen: (treated values, winsorised mask). Only ``continuous``
    columns (default: all) are winsorised; ja/nej and ordinal items are left as answered."""
    out, wins = x.copy(), np.zeros(x.shape, dtype=bool)
    if methods.outliers == "winsorise":
        cols = np.ones(x.shape[1], dtype=bool) if continuous is None else \
            np.asarray(continuous, dtype=bool)
        if cols.any():
            t = winsorise(x[:, cols], methods.winsor_skew, methods.winsor_kurtosis,
                          methods.winsor_max_share)
            out[:, cols], wins[:, cols] = t.values, t.winsorised
    return out, wins


def indicator_scores(tree: Tree, treated: np.ndarray, params: IndicatorParams,
                     normalisation: str, missing: str, penalise: np.ndarray,
                     penalty: str = "zero") -> np.ndarray:
    """Normalised scores with the missing-data policy applied.

    Under ``penalise`` every missing cell gets the penalty score; otherwise only the cells
    marked in ``penalise`` do (HTI: a kommun that did not answer a survey), the others stay
    missing and are re-weighted during aggregation. ``penalise`` is a boolean mask (→ the
    ``penalty`` named here) or per-cell penalty codes (``engine.penalty``).
    """
    s = normalise(treated, params, tree.direction, normalisation, tree.indicator_ids)
    code = pen_.codes(penalise, penalty)
    if missing == "penalise":
        code = np.where(code > 0, code, pen_.CODE[penalty]).astype(np.int8)
    return pen_.apply(s, code)


def ranked_units(tree: Tree, index: np.ndarray, observed: np.ndarray,
                 min_coverage: float) -> npt.NDArray[np.bool_]:
    """(U,) bool: the unit has an index and enough observed data in every required node."""
    ok: npt.NDArray[np.bool_] = ~np.isnan(index)
    req = np.flatnonzero(tree.required)
    if req.size:
        need = tree.thresholds(min_coverage)[req]
        share = observed[:, req]
        ok &= ((share > 0) & (share >= need - agg.COVERAGE_EPS)).all(axis=1)
    return ok


def compute(tree: Tree, values: np.ndarray, params: IndicatorParams, methods: Methods,
            penalise: np.ndarray | None = None,
            unit_ids: Sequence[str] | None = None,
            imputed: np.ndarray | None = None) -> Computed:
    """Compute the index for every unit.

    ``values`` (units × indicators, float, NaN = missing) in ``tree.indicator_ids`` order;
    ``penalise`` marks missing cells that get a penalty score instead of being re-weighted
    (a bool mask: the method's penalty; or penalty codes); ``imputed`` marks cells whose value
    was imputed (they score, but do not count as observed); ``unit_ids`` only name units in
    error messages.
    """
    x, pen = check_inputs(tree, values, params, penalise)
    imp = np.zeros(x.shape, dtype=bool) if imputed is None else np.asarray(imputed, dtype=bool)
    if imp.shape != x.shape:
        raise ModelError(f"the imputed mask has shape {imp.shape}, the values {x.shape}")
    continuous = params.continuous_mask(tree.n_indicators)
    treated, wins = treat(x, methods, continuous)
    s = indicator_scores(tree, treated, params, methods.normalisation, methods.missing, pen,
                         methods.penalty)
    observed = ~np.isnan(x) & ~imp
    penalised = np.isnan(x) & ~np.isnan(s)
    a = agg.aggregate(tree, s, observed, methods.aggregation, methods.min_coverage,
                      methods.zero_floor, unit_ids)
    index = a.scores[:, -1]
    contribution = agg.contributions(methods.aggregation, a.effective_weight, a.used, index)
    ranks = rank_desc(a.scores, axis=0)
    ranked = ranked_units(tree, index, a.observed, methods.min_coverage)
    headline = np.where(ranked, index, np.nan)
    ranks[:, -1] = rank_desc(headline[:, None], axis=0)[:, 0]
    return Computed(tree=tree, raw=x, treated=treated, winsorised=wins, scores=a.scores,
                    coverage=a.coverage, ranks=ranks, effective_weight=a.effective_weight,
                    contribution=contribution, index=index, rank=ranks[:, -1],
                    group=assign(headline, methods.groups), observed=a.observed,
                    ranked=ranked, imputed=imp, penalised=penalised, continuous=continuous,
                    methods=methods)
