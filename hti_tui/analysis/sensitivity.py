"""Monte Carlo uncertainty analysis: how robust is each unit's rank to the model's choices?

The JRC/OECD handbook (2008, step 7; Saisana, Saltelli & Tarantola 2005) asks that a composite
index be published with the uncertainty its subjective choices cause. Each run here draws

* every node weight uniformly within ±``weight_spread`` of its nominal value,
* a normalisation from ``spec.normalisations``,
* an aggregation from ``spec.aggregations`` (geometric/harmonic with a floor of 1, because a
  score of 0 would make them undefined),
* a missing-data policy from ``spec.missing``,

recomputes the index and ranks the units. Per unit we report the nominal rank, the median
rank and the central ``interval`` of the simulated ranks (e.g. 5th–95th percentile).

**Which assumption moves ranks most** is measured one factor at a time (OAT): every factor is
varied alone while the others stay at their nominal value (nominal weights and the base
methods), and ``shift[f, u]`` is the mean absolute rank change of unit ``u`` against its
nominal rank. OAT is chosen over a first-order variance share because it needs only a few
extra runs (one per alternative method, and ``oat_weight_runs`` weight draws), is exact for
the discrete factors, and reads directly as "ranks moved by this many places"; its limit is
that it ignores interactions between factors (the full Monte Carlo interval includes them).

Vectorised: treatment and normalisation happen once per (normalisation, missing policy)
combination; runs are grouped by discrete combination and evaluated in chunks as batched
array operations (``analysis.batched``), never one run or one unit at a time. Deterministic
for a seed (the draws do not depend on the chunking).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from hti_tui.analysis.batched import local_weights, rank_runs, transformed
from hti_tui.engine.compute import check_inputs, compute, indicator_scores, treat
from hti_tui.engine.model import IndicatorParams, Methods, check_choice
from hti_tui.engine.tree import Tree
from hti_tui.errors import ModelError
from hti_tui.methods import AGGREGATIONS, MISSING_POLICIES, NORMALISATIONS

FACTORS = ("weights", "normalisation", "aggregation", "missing")
#: Floor for geometric/harmonic means in the Monte Carlo (scores are 0–100).
MC_FLOOR = 1.0


@dataclass(frozen=True)
class Sensitivity:
    """Monte Carlo result. Ranks are 1 = best; 0 in ``ranks`` means no score in that run.

    ``lower``/``upper`` bound the central ``interval`` of each unit's ranks (NaN when the
    unit never had a score); ``choices[f]`` is the option index each run drew for the
    discrete factor ``f`` (into ``options[f]``); ``shift`` (factors × units) is the OAT mean
    absolute rank shift; ``main_factor`` names, per unit, the factor with the largest shift
    ("" when nothing moves it); ``importance`` averages ``shift`` over units.
    """

    runs: int
    interval: float
    nominal_rank: np.ndarray
    median_rank: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    ranks: np.ndarray
    choices: dict[str, np.ndarray]
    options: dict[str, tuple[str, ...]]
    factors: tuple[str, ...]
    shift: np.ndarray
    main_factor: tuple[str, ...]
    importance: np.ndarray

    @property
    def width(self) -> np.ndarray:
        """Number of rank places the interval spans."""
        return self.upper - self.lower


class _Evaluator:
    """Ranks for (weights, normalisation, aggregation, missing) with cached indicator scores."""

    def __init__(self, tree: Tree, treated: np.ndarray, params: IndicatorParams,
                 penalise: np.ndarray, min_coverage: float) -> None:
        self.tree, self.treated, self.params = tree, treated, params
        self.penalise, self.min_coverage = penalise, min_coverage
        self._scores: dict[tuple[str, str], np.ndarray] = {}

    def scores(self, normalisation: str, missing: str) -> np.ndarray:
        key = (normalisation, missing)
        if key not in self._scores:
            self._scores[key] = indicator_scores(self.tree, self.treated, self.params,
                                                 normalisation, missing, self.penalise)
        return self._scores[key]

    def ranks(self, wl: np.ndarray, normalisation: str, aggregation: str,
              missing: str) -> np.ndarray:
        s = self.scores(normalisation, missing)
        present = ~np.isnan(s)
        T = transformed(np.where(present, s, MC_FLOOR), aggregation, MC_FLOOR)
        return rank_runs(self.tree, T, present, wl, self.min_coverage, aggregation)


def _options(spec: Any, base: Methods) -> dict[str, tuple[str, ...]]:
    out = {"normalisation": tuple(spec.normalisations) or (base.normalisation,),
           "aggregation": tuple(spec.aggregations) or (base.aggregation,),
           "missing": tuple(spec.missing) or (base.missing,)}
    valid = {"normalisation": NORMALISATIONS, "aggregation": AGGREGATIONS,
             "missing": MISSING_POLICIES}
    for factor, names in out.items():
        for name in names:
            check_choice(factor, name, valid[factor])
    return out


def _summary(ranks: np.ndarray, interval: float) -> tuple[np.ndarray, ...]:
    """Per unit: median rank, lower and upper interval bound (quantiles of the runs where the
    unit has a rank; numpy's ``lower``/``higher`` methods, so the bounds are ranks that
    occurred and the interval is never narrower than the requested share)."""
    valid = ranks > 0
    n = valid.sum(axis=0)
    big = np.iinfo(np.int32).max
    srt = np.sort(np.where(valid, ranks, big).T, axis=1)  # (units, runs), missing last
    last = np.maximum(n - 1, 0)

    def pick(pos: np.ndarray) -> np.ndarray:
        return np.take_along_axis(srt, np.clip(pos, 0, last)[:, None], axis=1)[:, 0]

    def at(q: float, up: bool) -> np.ndarray:
        v = q * last
        return pick(np.ceil(v - 1e-9).astype(np.int64) if up
                    else np.floor(v + 1e-9).astype(np.int64))

    median = (at(0.5, False) + at(0.5, True)) / 2.0
    lower = at((1.0 - interval) / 2.0, False).astype(float)
    upper = at((1.0 + interval) / 2.0, True).astype(float)
    return tuple(np.where(n > 0, v, np.nan) for v in (median, lower, upper))


def _mean_shift(ranks: np.ndarray, nominal: np.ndarray) -> np.ndarray:
    valid = (ranks > 0) & (nominal > 0)[None, :]
    diff = np.where(valid, np.abs(ranks.astype(float) - nominal[None, :]), 0.0)
    count = valid.sum(axis=0)
    return np.where(count > 0, diff.sum(axis=0) / np.maximum(count, 1), 0.0)


def run(tree: Tree, values: np.ndarray, params: IndicatorParams, base_methods: Methods,
        spec: Any, penalise: np.ndarray | None = None,
        oat_weight_runs: int = 500) -> Sensitivity:
    """Monte Carlo over weights and methods (see the module docstring).

    ``spec`` is read by attribute like ``SensitivityConfig``: runs, seed, weight_spread,
    normalisations, aggregations, missing, interval. The outlier treatment and
    ``min_coverage`` of ``base_methods`` apply in every run.
    """
    runs, spread = int(spec.runs), float(spec.weight_spread)
    if runs < 1:
        raise ModelError("the Monte Carlo needs at least one run")
    if not 0 <= spread < 1:
        raise ModelError(f"weight_spread {spread} must lie in [0, 1)")
    interval = float(spec.interval)
    if not 0 < interval < 1:
        raise ModelError(f"interval {interval} must lie strictly between 0 and 1")
    options = _options(spec, base_methods)
    x, pen = check_inputs(tree, values, params, penalise)
    nominal = compute(tree, x, params, base_methods, pen).rank.astype(np.int32)
    treated, _ = treat(x, base_methods)
    ev = _Evaluator(tree, treated, params, pen, base_methods.min_coverage)

    rng = np.random.default_rng(int(spec.seed))
    factor = rng.uniform(1.0 - spread, 1.0 + spread, (runs, tree.n_nodes))
    choices = {f: rng.integers(0, len(options[f]), runs) for f in options}
    oat_w = rng.uniform(1.0 - spread, 1.0 + spread, (min(runs, oat_weight_runs), tree.n_nodes))
    wl = local_weights(tree, tree.weight[None, :] * factor)

    ranks = np.empty((runs, x.shape[0]), dtype=np.int32)
    combo = np.stack([choices[f] for f in ("normalisation", "aggregation", "missing")], axis=1)
    for key in np.unique(combo, axis=0):
        sel = np.flatnonzero((combo == key).all(axis=1))
        n_, a_, m_ = (options[f][k] for f, k in zip(("normalisation", "aggregation",
                                                     "missing"), key))
        ranks[sel] = ev.ranks(wl[sel], n_, a_, m_)

    base = {"normalisation": base_methods.normalisation,
            "aggregation": base_methods.aggregation, "missing": base_methods.missing}
    nominal_wl = tree.local_weight[None, :]
    shift = np.zeros((len(FACTORS), x.shape[0]))
    if spread > 0:
        w_ranks = ev.ranks(local_weights(tree, tree.weight[None, :] * oat_w), **base)
        shift[0] = _mean_shift(w_ranks, nominal)
    for k, f in enumerate(FACTORS[1:], start=1):
        alt = [o for o in options[f] if o != base[f]]
        if alt:
            oat = np.concatenate([ev.ranks(nominal_wl, **{**base, f: o}) for o in alt])
            shift[k] = _mean_shift(oat, nominal)
    biggest = shift.argmax(axis=0)
    labels = np.array([*FACTORS, ""], dtype=object)
    moved = np.take_along_axis(shift, biggest[None, :], axis=0)[0] > 0
    main = tuple(labels[np.where(moved, biggest, len(FACTORS))])
    median, lower, upper = _summary(ranks, interval)
    return Sensitivity(runs=runs, interval=interval, nominal_rank=nominal, median_rank=median,
                       lower=lower, upper=upper, ranks=ranks, choices=choices, options=options,
                       factors=FACTORS, shift=shift, main_factor=main,
                       importance=shift.mean(axis=1))
