"""Monte Carlo uncertainty analysis: how robust is each unit's rank to the model's choices?

The JRC/OECD handbook (2008, step 7; Saisana, Saltelli & Tarantola 2005) asks that a composite
index be published with the uncertainty its subjective choices cause. Each run draws

* the weights of the chosen levels (``weight_levels``: delindex, areas, indicators) uniformly
  within ±``weight_spread`` of their nominal values (COINr varies chosen levels only;
  unchosen weights stay nominal),
* a normalisation from ``normalisations`` and an aggregation from ``aggregations``
  (geometric/harmonic with ``geometric_floor``: a score below it counts as the floor, so a
  penalised 0 weighs like a low score instead of vetoing the unit — with a floor of 1 one 0
  out of 49 cost a kommun up to 200 places),
* **sampling error** of survey items: a share ``p`` from ``n`` respondents has binomial
  variance ``p(1 − p)/n``; it is turned into a score variance through the normalisation
  (central difference at ±1 SD, so goal-post clipping is respected), into the aggregation's
  space (``var/s²`` for geometric means), and carried up the tree with squared weights
  (``analysis.batched``; at the nominal weights — a run's drawn weights change it to second
  order only); each run adds ``sd·z`` with one standard normal ``z`` per unit — the sum of
  the items' independent errors, exact in variance, normal by the central limit theorem
  for the 10–15 survey items of an index.

**Missing-data policies are scenarios, not a factor**: drawing "penalise every missing cell"
in half the runs made units without a survey bimodal and their median rank described neither
mode. Every scenario (``scenarios``, e.g. reweight, penalise, impute) is run with the same
draws (common random numbers) and reported side by side; the headline interval is the
scenario of the model's own missing-data method. Per unit we report the nominal rank, the
median rank, the central ``interval`` of the simulated ranks and a **bimodality flag**
(Sarle's bimodality coefficient ``(g² + 1)/(κ + 3(n−1)²/((n−2)(n−3)))`` above 0.6, where
5/9 is the uniform's value, and an interval of at least 10 places).

Which factor moves ranks: one at a time (OAT: each factor varied alone, mean absolute rank
shift against the nominal rank) **and** variance-based (``analysis.variance``: first-order
and total-effect Saltelli indices of each unit's rank, ``N·(k + 2)`` runs), which capture
interactions OAT cannot.

Vectorised: indicator scores once per (normalisation, scenario); runs grouped by discrete
combination and evaluated in chunks (``analysis.batched``); never one run or one unit at a
time. Deterministic for a seed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hti_tui.analysis import variance
from hti_tui.analysis.batched import local_weights, rank_runs, root_scores, transformed
from hti_tui.engine.compute import check_inputs, compute, indicator_scores, treat
from hti_tui.engine.model import IndicatorParams, Methods, check_choice
from hti_tui.engine.registry import REGISTRY
from hti_tui.engine.tree import Tree
from hti_tui.errors import ModelError
from hti_tui.methods import MISSING_POLICIES

FACTORS = ("weights", "normalisation", "aggregation", "sampling")
WEIGHT_LEVELS = ("delindex", "areas", "indicators")
#: Default floor for geometric/harmonic means in the Monte Carlo (scores are 0–100).
MC_FLOOR = 10.0
#: Bimodality coefficient above which a unit's rank distribution is flagged (uniform: 5/9).
BIMODAL = 0.6
#: ... and only when its interval spans at least this many places (a rank that is 1 in 98 %
#: of runs and 2 otherwise is skewed, not bimodal).
MIN_SPREAD = 10.0


@dataclass(frozen=True)
class Sensitivity:
    """Monte Carlo result. Ranks are 1 = best; 0 in ``ranks`` means no score in that run.

    Headline (the base scenario): ``median_rank``, ``lower``/``upper`` (central ``interval``;
    NaN when the unit never had a score), ``ranks`` (runs × units), ``bimodal``. Per scenario
    (``scenarios``, rows): ``scenario_median``, ``scenario_lower``, ``scenario_upper``.
    ``shift`` (factors × units): OAT mean absolute rank shift; ``main_factor`` per unit;
    ``importance`` its mean over units. ``first_order``/``total_effect`` (factors,): Saltelli
    indices averaged over units (weighted by rank variance); NaN when not computed.
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
    scenarios: tuple[str, ...] = ()
    base_scenario: str = ""
    scenario_median: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    scenario_lower: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    scenario_upper: np.ndarray = field(default_factory=lambda: np.empty((0, 0)))
    bimodal: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=bool))
    bimodality: np.ndarray = field(default_factory=lambda: np.empty(0))
    first_order: np.ndarray = field(default_factory=lambda: np.empty(0))
    total_effect: np.ndarray = field(default_factory=lambda: np.empty(0))
    saltelli_n: int = 0
    weight_levels: tuple[str, ...] = ()
    floor: float = MC_FLOOR
    sampling: bool = False

    @property
    def width(self) -> np.ndarray:
        """Number of rank places the interval spans."""
        places: np.ndarray = self.upper - self.lower
        return places


def level_mask(tree: Tree, levels: tuple[str, ...]) -> np.ndarray:
    """(N,) the nodes whose weights the Monte Carlo varies: "delindex" (children of the
    root), "areas" (other aggregates), "indicators"."""
    for name in levels:
        check_choice("weight level", name, WEIGHT_LEVELS)
    n_ind, root = tree.n_indicators, tree.n_nodes - 1
    k = np.arange(tree.n_nodes)
    is_del = (tree.parent == root) & (k >= n_ind)
    mask = np.zeros(tree.n_nodes, dtype=bool)
    if "delindex" in levels:
        mask |= is_del
    if "areas" in levels:
        mask |= (k >= n_ind) & (k != root) & ~is_del
    if "indicators" in levels:
        mask |= k < n_ind
    return mask


def sampling_sd(values: np.ndarray, n: np.ndarray | None,
                share: np.ndarray | None) -> np.ndarray:
    """(U, I) the binomial standard error of each survey share (in percentage points):
    ``100·sqrt(p(1 − p)/n)`` for cells with a value, ``n ≥ 1`` and a percentage indicator
    (``share``); 0 elsewhere."""
    x = np.asarray(values, dtype=float)
    if n is None or share is None:
        return np.zeros(x.shape)
    nn = np.asarray(n, dtype=float)
    ok = ~np.isnan(x) & ~np.isnan(nn) & (nn >= 1) & np.asarray(share, dtype=bool)[None, :]
    p = np.clip(np.where(ok, x, 0.0) / 100.0, 0.0, 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        sd = 100.0 * np.sqrt(p * (1.0 - p) / np.where(ok, nn, 1.0))
    return np.where(ok, sd, 0.0)


class _Evaluator:
    """Ranks for (weights, normalisation, aggregation, scenario, noise), scores cached."""

    def __init__(self, tree: Tree, treated: np.ndarray, params: IndicatorParams,
                 penalise: np.ndarray, min_coverage: float, floor: float,
                 sd: np.ndarray, penalty: str = "zero",
                 eligible: np.ndarray | None = None) -> None:
        self.tree, self.treated, self.params = tree, treated, params
        self.penalise, self.min_coverage, self.floor, self.sd = penalise, min_coverage, floor, sd
        self.penalty, self.eligible = penalty, eligible
        self._scores: dict[tuple[str, str], np.ndarray] = {}
        #: (normalisation, aggregation, missing) → score variance; ("sd", …) → root SD
        self._var: dict[tuple[str, ...], np.ndarray] = {}

    def _values(self, missing: str) -> tuple[np.ndarray, str]:
        """The values a scenario scores: "impute" fills every missing cell that is not
        penalised with the indicator's median observed value (impute-median)."""
        if missing != "impute":
            return self.treated, missing
        x = self.treated
        gap = np.isnan(x) & ~(np.asarray(self.penalise) > 0)
        with np.errstate(all="ignore"):
            med = np.nanmedian(np.where(np.isnan(x).all(axis=0)[None, :], 0.0, x), axis=0)
        return np.where(gap, med[None, :], x), "reweight"

    def scores(self, normalisation: str, missing: str) -> np.ndarray:
        key = (normalisation, missing)
        if key not in self._scores:
            x, policy = self._values(missing)
            self._scores[key] = indicator_scores(self.tree, x, self.params, normalisation,
                                                 policy, self.penalise, self.penalty)
        return self._scores[key]

    def var(self, normalisation: str, aggregation: str, missing: str) -> np.ndarray | None:
        """Variance of each transformed score from the sampling error (None: no error)."""
        if not self.sd.any():
            return None
        key = (normalisation, aggregation, missing)
        if key not in self._var:
            x, policy = self._values(missing)
            up = indicator_scores(self.tree, x + self.sd, self.params, normalisation, policy,
                                  self.penalise, self.penalty)
            down = indicator_scores(self.tree, x - self.sd, self.params, normalisation,
                                    policy, self.penalise, self.penalty)
            s_sd = np.nan_to_num(np.abs(up - down) / 2.0) * (self.sd > 0)
            s = np.maximum(np.nan_to_num(self.scores(normalisation, missing)), self.floor)
            if aggregation == "geometric":
                v = (s_sd / s) ** 2
            elif aggregation == "harmonic":
                v = s_sd ** 2 / s ** 4
            else:
                v = s_sd ** 2
            self._var[key] = v
        return self._var[key]

    def root_sd(self, normalisation: str, aggregation: str, missing: str) -> np.ndarray | None:
        """(U,) SD of each unit's index in the aggregation's space from the sampling error,
        at the nominal weights (a run's drawn weights change it to second order only)."""
        var = self.var(normalisation, aggregation, missing)
        if var is None:
            return None
        key = ("sd", normalisation, aggregation, missing)
        if key not in self._var:
            s = self.scores(normalisation, missing)
            present = ~np.isnan(s)
            T = transformed(np.where(present, s, self.floor), aggregation, self.floor)
            v = root_scores(self.tree, T, present, self.tree.local_weight[None, :],
                            self.min_coverage, aggregation, var, return_var=True)[0]
            self._var[key] = np.sqrt(np.maximum(v, 0.0))
        return self._var[key]

    def ranks(self, wl: np.ndarray, normalisation: str, aggregation: str, missing: str,
              noise: np.ndarray | None = None) -> np.ndarray:
        s = self.scores(normalisation, missing)
        present = ~np.isnan(s)
        T = transformed(np.where(present, s, self.floor), aggregation, self.floor)
        sd = self.root_sd(normalisation, aggregation, missing) if noise is not None else None
        return rank_runs(self.tree, T, present, wl, self.min_coverage, aggregation,
                         noise=noise if sd is not None else None, root_sd=sd,
                         eligible=self.eligible)


def _options(spec: Any, base: Methods) -> dict[str, tuple[str, ...]]:
    out = {"normalisation": tuple(spec.normalisations) or (base.normalisation,),
           "aggregation": tuple(spec.aggregations) or (base.aggregation,)}
    valid = {"normalisation": REGISTRY.names("normalisation"),
             "aggregation": REGISTRY.names("aggregation")}
    for factor, names in out.items():
        for name in names:
            check_choice(factor, name, valid[factor])
    return out


def _scenarios(spec: Any, base: Methods) -> tuple[str, ...]:
    names = tuple(getattr(spec, "scenarios", None) or getattr(spec, "missing", None)
                  or (base.missing,))
    for name in names:
        check_choice("missing-data scenario", name, MISSING_POLICIES)
    return names


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


def bimodality(ranks: np.ndarray) -> np.ndarray:
    """(U,) Sarle's bimodality coefficient of each unit's simulated ranks (NaN: < 4 runs
    with a rank, or no spread)."""
    valid = ranks > 0
    n = valid.sum(axis=0).astype(float)
    r = np.where(valid, ranks, 0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = r.sum(axis=0) / n
        d = np.where(valid, r - mean[None, :], 0.0)
        d2 = d * d
        m2, m3, m4 = d2.sum(axis=0) / n, (d2 * d).sum(axis=0) / n, (d2 * d2).sum(axis=0) / n
        g = m3 / m2 ** 1.5
        kappa = m4 / m2 ** 2 - 3.0
        bc = (g ** 2 + 1.0) / (kappa + 3.0 * (n - 1) ** 2 / ((n - 2) * (n - 3)))
    return np.where((n >= 4) & (m2 > 0), bc, np.nan)


def _mean_shift(ranks: np.ndarray, nominal: np.ndarray) -> np.ndarray:
    valid = (ranks > 0) & (nominal > 0)[None, :]
    diff = np.where(valid, np.abs(ranks.astype(float) - nominal[None, :]), 0.0)
    count = valid.sum(axis=0)
    return np.where(count > 0, diff.sum(axis=0) / np.maximum(count, 1), 0.0)


def draw(rng: np.random.Generator, runs: int, tree: Tree, mask: np.ndarray, spread: float,
         options: dict[str, tuple[str, ...]], units: int, sampling: bool) -> dict[str, Any]:
    """One sample of every factor for ``runs`` runs (the blocks Saltelli swaps)."""
    w = np.ones((runs, tree.n_nodes))
    w[:, mask] = rng.uniform(1.0 - spread, 1.0 + spread, (runs, int(mask.sum())))
    return {"weights": w,
            "normalisation": rng.integers(0, len(options["normalisation"]), runs),
            "aggregation": rng.integers(0, len(options["aggregation"]), runs),
            "sampling": rng.standard_normal((runs, units)) if sampling else None}


def evaluate(ev: _Evaluator, tree: Tree, blocks: dict[str, Any],
             options: dict[str, tuple[str, ...]], missing: str) -> np.ndarray:
    """Ranks (runs, units) for one sample, grouped by discrete combination."""
    wl = local_weights(tree, tree.weight[None, :] * blocks["weights"])
    runs = wl.shape[0]
    z = blocks["sampling"]
    out = np.empty((runs, ev.treated.shape[0]), dtype=np.int32)
    combo = np.stack([blocks["normalisation"], blocks["aggregation"]], axis=1)
    for key in np.unique(combo, axis=0):
        sel = np.flatnonzero((combo == key).all(axis=1))
        out[sel] = ev.ranks(wl[sel], options["normalisation"][key[0]],
                            options["aggregation"][key[1]], missing,
                            None if z is None else z[sel])
    return out


def saltelli(ev: _Evaluator, tree: Tree, n: int, seed: int, mask: np.ndarray, spread: float,
             options: dict[str, tuple[str, ...]], missing: str, sampling: bool
             ) -> tuple[np.ndarray, np.ndarray]:
    """(first order, total effect) per factor of FACTORS, averaged over the units whose rank
    varies (``analysis.variance``); ``n·(k + 2)`` runs."""
    units = ev.treated.shape[0]
    rng = np.random.default_rng([seed, 7919])
    a = draw(rng, n, tree, mask, spread, options, units, sampling)
    b = draw(rng, n, tree, mask, spread, options, units, sampling)
    active = [f for f in FACTORS if not (f == "sampling" and not sampling)]
    f_a, f_b = evaluate(ev, tree, a, options, missing), evaluate(ev, tree, b, options, missing)
    f_ab = np.stack([evaluate(ev, tree, {**a, f: b[f]}, options, missing) for f in active])
    scored = (f_a > 0).all(axis=0) & (f_b > 0).all(axis=0) & (f_ab > 0).all(axis=(0, 1))
    first, total, v = variance.indices(f_a[:, scored], f_b[:, scored], f_ab[:, :, scored])
    s, t = variance.summary(first, total, v)
    out_s, out_t = np.full(len(FACTORS), np.nan), np.full(len(FACTORS), np.nan)
    for k, f in enumerate(active):
        out_s[FACTORS.index(f)], out_t[FACTORS.index(f)] = s[k], t[k]
    return out_s, out_t


def run(tree: Tree, values: np.ndarray, params: IndicatorParams, base_methods: Methods,
        spec: Any, penalise: np.ndarray | None = None, n: np.ndarray | None = None,
        share: np.ndarray | None = None, oat_weight_runs: int = 500,
        saltelli_n: int = 0, imputed: np.ndarray | None = None) -> Sensitivity:
    """Monte Carlo over weights, methods and sampling error, per missing-data scenario.

    ``spec`` is read by attribute like ``SensitivityConfig``: runs, seed, weight_spread,
    normalisations, aggregations, scenarios (or missing), interval, and optionally
    weight_levels, geometric_floor, sampling_error. ``n`` (U, I) respondents per cell and
    ``share`` (I,) which indicators are percentages give the sampling error.
    """
    runs, spread = int(spec.runs), float(spec.weight_spread)
    if runs < 1:
        raise ModelError("the Monte Carlo needs at least one run")
    if not 0 <= spread < 1:
        raise ModelError(f"weight_spread {spread} must lie in [0, 1)")
    interval = float(spec.interval)
    if not 0 < interval < 1:
        raise ModelError(f"interval {interval} must lie strictly between 0 and 1")
    floor = float(getattr(spec, "geometric_floor", MC_FLOOR))
    if base_methods.aggregation != "arithmetic" and base_methods.zero_floor is not None:
        floor = float(base_methods.zero_floor)  # the model's own floor, so nominal runs agree
    if not floor > 0:
        raise ModelError(f"geometric_floor {floor} must be above 0")
    levels = tuple(getattr(spec, "weight_levels", None) or WEIGHT_LEVELS)
    mask = level_mask(tree, levels)
    options = _options(spec, base_methods)
    scenarios = _scenarios(spec, base_methods)
    base_scenario = base_methods.missing if base_methods.missing in scenarios else scenarios[0]
    x, pen = check_inputs(tree, values, params, penalise)
    imp = np.zeros(x.shape, dtype=bool) if imputed is None else np.asarray(imputed, dtype=bool)
    nominal_c = compute(tree, x, params, base_methods, pen, imputed=imp)
    nominal = nominal_c.rank.astype(np.int32)
    # the ranking rule (required nodes with observed data) does not change between runs; a
    # unit without any index nominally may still get one in another scenario
    eligible = np.asarray(getattr(nominal_c, "ranked", nominal > 0), dtype=bool) | \
        np.isnan(nominal_c.index)
    treated, _ = treat(x, base_methods)
    sd = sampling_sd(np.where(imp, np.nan, x), n, share) \
        if getattr(spec, "sampling_error", True) else np.zeros(x.shape)
    sampling = bool(sd.any())
    ev = _Evaluator(tree, treated, params, pen, base_methods.min_coverage, floor, sd,
                    getattr(base_methods, "penalty", "zero"),
                    None if eligible.all() else eligible)
    units = x.shape[0]

    rng = np.random.default_rng(int(spec.seed))
    blocks = draw(rng, runs, tree, mask, spread, options, units, sampling)
    per: dict[str, np.ndarray] = {m: evaluate(ev, tree, blocks, options, m) for m in scenarios}
    ranks = per[base_scenario]
    stats = {m: _summary(r, interval) for m, r in per.items()}

    base = {"normalisation": base_methods.normalisation,
            "aggregation": base_methods.aggregation, "missing": base_scenario}
    nominal_wl = tree.local_weight[None, :]
    shift = np.zeros((len(FACTORS), units))
    oat = min(runs, oat_weight_runs)
    if spread > 0 and mask.any():
        w = np.ones((oat, tree.n_nodes))
        w[:, mask] = rng.uniform(1.0 - spread, 1.0 + spread, (oat, int(mask.sum())))
        shift[0] = _mean_shift(ev.ranks(local_weights(tree, tree.weight[None, :] * w),
                                        **base, noise=None), nominal)
    for k, f in enumerate(("normalisation", "aggregation"), start=1):
        alt = [o for o in options[f] if o != base[f]]
        if alt:
            oat_r = np.concatenate([ev.ranks(nominal_wl, **{**base, f: o}, noise=None)
                                    for o in alt])
            shift[k] = _mean_shift(oat_r, nominal)
    if sampling:
        z = rng.standard_normal((oat, units))
        shift[3] = _mean_shift(ev.ranks(np.repeat(nominal_wl, oat, axis=0), **base, noise=z),
                               nominal)
    biggest = shift.argmax(axis=0)
    labels = np.array([*FACTORS, ""], dtype=object)
    moved = np.take_along_axis(shift, biggest[None, :], axis=0)[0] > 0
    main = tuple(labels[np.where(moved, biggest, len(FACTORS))])
    first = total = np.full(len(FACTORS), np.nan)
    if saltelli_n > 0:
        first, total = saltelli(ev, tree, int(saltelli_n), int(spec.seed), mask, spread,
                                options, base_scenario, sampling)
    bc = bimodality(ranks)
    median, lower, upper = stats[base_scenario]
    return Sensitivity(
        runs=runs, interval=interval, nominal_rank=nominal, median_rank=median, lower=lower,
        upper=upper, ranks=ranks,
        choices={"normalisation": blocks["normalisation"],
                 "aggregation": blocks["aggregation"]},
        options={**options, "missing": scenarios}, factors=FACTORS, shift=shift,
        main_factor=main, importance=shift.mean(axis=1), scenarios=scenarios,
        base_scenario=base_scenario,
        scenario_median=np.stack([stats[m][0] for m in scenarios]),
        scenario_lower=np.stack([stats[m][1] for m in scenarios]),
        scenario_upper=np.stack([stats[m][2] for m in scenarios]),
        bimodal=(np.nan_to_num(bc) > BIMODAL) & (np.nan_to_num(upper - lower) >= MIN_SPREAD),
        bimodality=bc, first_order=first,
        total_effect=total, saltelli_n=int(saltelli_n), weight_levels=levels, floor=floor,
        sampling=sampling)
