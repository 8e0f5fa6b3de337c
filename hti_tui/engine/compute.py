"""compute(): raw indicator matrix → every score, rank, weight and contribution.

The JRC/OECD sequence, each step as hti.toml chooses: treat outliers → normalise → apply the
missing-data policy → weight and aggregate level by level → rank → result groups. Pure: numpy
in, numpy out; every step is an array operation over all units at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hti_tui.engine import aggregate as agg
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
    """The values as float64 and the penalise mask as bool, shapes checked."""
    x = np.asarray(values, dtype=float)
    if x.ndim != 2 or x.shape[1] != tree.n_indicators:
        raise ModelError(f"the value matrix has shape {x.shape}; the tree has "
                         f"{tree.n_indicators} indicators (units × indicators expected)")
    if np.isinf(x).any():
        u, i = np.argwhere(np.isinf(x))[0]
        raise ModelError(f"indicator '{tree.indicator_ids[i]}' has an infinite value "
                         f"(row {u})")
    params.check(tree.n_indicators)
    pen = np.zeros(x.shape, dtype=bool) if penalise is None else np.asarray(penalise, dtype=bool)
    if pen.shape != x.shape:
        raise ModelError(f"the penalise mask has shape {pen.shape}, the values {x.shape}")
    return x, pen


def treat(x: np.ndarray, methods: Methods) -> tuple[np.ndarray, np.ndarray]:
    """Outlier treatment as chosen: (treated values, winsorised mask)."""
    if methods.outliers == "winsorise":
        t = winsorise(x, methods.winsor_skew, methods.winsor_kurtosis, methods.winsor_max_share)
        return t.values, t.winsorised
    return x.copy(), np.zeros(x.shape, dtype=bool)


def indicator_scores(tree: Tree, treated: np.ndarray, params: IndicatorParams,
                     normalisation: str, missing: str, penalise: np.ndarray) -> np.ndarray:
    """Normalised scores with the missing-data policy applied.

    Under ``penalise`` every missing cell scores 0; under ``reweight`` only the cells marked in
    ``penalise`` do (HTI: a kommun that did not answer a survey), the others stay missing and
    are re-weighted during aggregation.
    """
    s = normalise(treated, params, tree.direction, normalisation, tree.indicator_ids)
    missing_cells = np.isnan(s)
    zero = missing_cells if missing == "penalise" else missing_cells & penalise
    return np.where(zero, 0.0, s)


def compute(tree: Tree, values: np.ndarray, params: IndicatorParams, methods: Methods,
            penalise: np.ndarray | None = None,
            unit_ids: Sequence[str] | None = None) -> Computed:
    """Compute the index for every unit.

    ``values`` (units × indicators, float, NaN = missing) in ``tree.indicator_ids`` order;
    ``penalise`` marks missing cells that score 0 instead of being re-weighted; ``unit_ids``
    only name units in error messages.
    """
    x, pen = check_inputs(tree, values, params, penalise)
    treated, wins = treat(x, methods)
    s = indicator_scores(tree, treated, params, methods.normalisation, methods.missing, pen)
    a = agg.aggregate(tree, s, ~np.isnan(x), methods.aggregation, methods.min_coverage,
                      methods.zero_floor, unit_ids)
    index = a.scores[:, -1]
    contribution = agg.contributions(methods.aggregation, a.effective_weight, a.used, index)
    ranks = rank_desc(a.scores, axis=0)
    return Computed(tree=tree, raw=x, treated=treated, winsorised=wins, scores=a.scores,
                    coverage=a.coverage, ranks=ranks, effective_weight=a.effective_weight,
                    contribution=contribution, index=index, rank=ranks[:, -1],
                    group=assign(index, methods.groups), methods=methods)
