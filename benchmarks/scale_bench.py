"""Full builds of synthetic generic projects of 10,000 and 100,000 units × 70 indicators.

Shows how the cost of each build stage grows with the number of units (it should grow
linearly): reading the wide CSV into observations, the engine, the results tables and
a short Monte Carlo (20 runs; the rank intervals' cost per run is in engine_bench).
Set HTI_BENCH_UNITS=10000 to skip the 100,000-unit build.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from benchmarks.scaled import write_project

TARGETS: dict[str, float] = {"scale.100000x70.engine_s": 5.0}


def run() -> dict[str, float]:
    from hti_tui.pipeline import build
    from hti_tui.project import Project

    sizes = [int(s) for s in os.environ.get("HTI_BENCH_UNITS", "10000,100000").split(",")]
    out: dict[str, float] = {}
    for units in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            config = write_project(Path(tmp), units, indicators=70, runs=20)
            t0 = time.perf_counter()
            summary = build(Project.load(config, environ={}))
            total = time.perf_counter() - t0
            if summary.errors:
                raise SystemExit(f"scaled build failed: {summary.errors[0].describe()}")
            (year,) = summary.years
            key = f"scale.{units}x70"
            out[f"{key}.build_total_s"] = total
            out[f"{key}.read_observations_s"] = sum(r.seconds for r in summary.sources)
            out[f"{key}.engine_s"] = year.engine_seconds
            out[f"{key}.monte_carlo_20_runs_s"] = year.sensitivity_seconds
            out[f"{key}.results_other_s"] = year.seconds - year.engine_seconds \
                - year.sensitivity_seconds
    return out
