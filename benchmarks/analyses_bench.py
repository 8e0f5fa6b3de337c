"""Analyses timings on random data shaped like HTI (290 × 49; the issue #11 budgets).

Priorities for one kommun (all candidates in one engine run), the structural peer choice,
the Monte Carlo with sampling error (10,000 runs, one scenario), and the Saltelli indices of
four factors with N = 1,000 (6,000 runs). Survey-like cells: 15 percentage indicators with
30–400 respondents.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import SimpleNamespace

import numpy as np

from hti_tui.analysis import peers, priorities, sensitivity
from hti_tui.engine.examples import hti_like_tree, percent_params, random_values
from hti_tui.engine.model import Methods

TARGETS: dict[str, float] = {
    "analyses.priorities_one_kommun_s": 0.050,
    "analyses.peers_one_kommun_s": 0.010,
    "analyses.montecarlo_10000_runs_sampling_s": 0.300,
    "analyses.saltelli_4_factors_n1000_s": 2.0,
}


def _best(fn: Callable[[], object], repeats: int) -> float:
    fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _spec(runs: int, saltelli_n: int = 0) -> SimpleNamespace:
    return SimpleNamespace(runs=runs, seed=1, weight_spread=0.25,
                           normalisations=("goalposts", "minmax", "zscore", "rank"),
                           aggregations=("arithmetic", "geometric"), scenarios=("reweight",),
                           interval=0.90, weight_levels=("delindex", "areas"),
                           geometric_floor=10.0, sampling_error=True)


def run() -> dict[str, float]:
    out: dict[str, float] = {}
    tree = hti_like_tree(49)
    params = percent_params(tree)
    x = random_values(tree, 290, seed=1)
    rng = np.random.default_rng(3)
    n = np.full(x.shape, np.nan)
    n[:, :15] = rng.integers(30, 400, (290, 15))
    share = np.zeros(49, dtype=bool)
    share[:15] = True
    methods = Methods()
    out["analyses.priorities_one_kommun_s"] = _best(
        lambda: priorities.steps(tree, x, params, methods, 17, "median"), 5)
    groups = np.array([f"G{k % 9}" for k in range(290)], dtype=object)
    profile = rng.uniform(0, 100, (290, 18))
    eligible = np.ones(290, dtype=bool)

    def choose() -> object:
        c = peers.same_group(groups, 17)
        return peers.choose(17, [peers.Candidates("kommungrupp", c.units, c.label)], eligible,
                            profile)

    out["analyses.peers_one_kommun_s"] = _best(choose, 20)
    out["analyses.montecarlo_10000_runs_sampling_s"] = _best(
        lambda: sensitivity.run(tree, x, params, methods, _spec(10_000), n=n, share=share,
                                oat_weight_runs=0), 2)
    out["analyses.saltelli_4_factors_n1000_s"] = _best(
        lambda: sensitivity.run(tree, x, params, methods, _spec(1), n=n, share=share,
                                oat_weight_runs=0, saltelli_n=1000), 1)
    return out
