"""Engine and Monte Carlo timings on random data shaped like HTI.

``run()`` returns seconds per measurement (the best of a few repeats for the fast ones, one
timed call for the slow ones, after one warm-up call); ``TARGETS`` holds the budget for each.
The HTI-like tree has four delindex weighted 1, 1, 2, 1, 18 kvalitetsområden and 49 (or 70)
indicators; about 3 % of cells are missing, as suppressed survey cells would be.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from types import SimpleNamespace

from hti_tui.analysis import sensitivity
from hti_tui.engine.compute import compute
from hti_tui.engine.examples import hti_like_tree, percent_params, random_values
from hti_tui.engine.model import Methods

#: Budget per measurement, in seconds.
TARGETS: dict[str, float] = {
    "engine.compute_290x49_s": 0.050,
    "engine.sensitivity_1000_runs_s": 2.0,
    "engine.sensitivity_10000_runs_s": 2.0,
    "engine.compute_10000x70_s": 5.0,
    "engine.compute_100000x70_s": 5.0,
}


def _best(fn: Callable[[], object], repeats: int) -> float:
    fn()  # warm-up: imports, caches, page faults
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _spec(runs: int) -> SimpleNamespace:
    """hti.toml's [sensitivity] defaults with ``runs`` runs."""
    return SimpleNamespace(runs=runs, seed=1, weight_spread=0.25,
                           normalisations=("goalposts", "minmax", "zscore", "rank"),
                           aggregations=("arithmetic", "geometric"),
                           missing=("reweight", "penalise"), interval=0.90)


def run() -> dict[str, float]:
    """Time the engine and the Monte Carlo; seconds per measurement."""
    out: dict[str, float] = {}
    tree = hti_like_tree(49)
    params = percent_params(tree)
    x = random_values(tree, 290, seed=1)
    methods = Methods()
    out["engine.compute_290x49_s"] = _best(lambda: compute(tree, x, params, methods), 20)
    for runs in (1000, 10000):
        out[f"engine.sensitivity_{runs}_runs_s"] = _best(
            lambda r=runs: sensitivity.run(tree, x, params, methods, _spec(r)),
            3 if runs <= 1000 else 1)
    big = hti_like_tree(70)
    big_params = percent_params(big)
    for units in (10_000, 100_000):
        xb = random_values(big, units, seed=2)
        out[f"engine.compute_{units}x70_s"] = _best(
            lambda xb=xb: compute(big, xb, big_params, methods), 3 if units <= 10_000 else 1)
    return out


def main() -> None:
    for key, seconds in run().items():
        target = TARGETS.get(key)
        verdict = "" if target is None else (
            f"  (target < {target:g} s: {'ok' if seconds < target else 'SLOW'})")
        print(f"{key:40s} {seconds * 1000:10.1f} ms{verdict}")


if __name__ == "__main__":
    main()
