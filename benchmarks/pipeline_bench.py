"""Build and CLI timings on the shipped project (in a temporary copy) and scaled inputs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

TARGETS: dict[str, float] = {
    "cli.rank_wall_s": 0.5,
}


def _copy_project(dest: Path) -> Path:
    shutil.copy2(REPO / "hti.toml", dest / "hti.toml")
    for folder in ("plugins", "indicators", "datasets/reference", "datasets/raw"):
        shutil.copytree(REPO / folder, dest / folder, ignore=shutil.ignore_patterns("__pycache__"))
    return dest / "hti.toml"


def _hti(*args: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "hti_tui", *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


def run() -> dict[str, float]:
    from hti_tui.pipeline import build
    from hti_tui.project import Project

    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        config = _copy_project(Path(tmp))
        project = Project.load(config, environ={})
        t0 = time.perf_counter()
        summary = build(project)
        out["build.full_cold_s"] = time.perf_counter() - t0
        out["build.observations_s"] = sum(r.seconds for r in summary.sources)
        out["build.engine_per_year_s"] = max((y.engine_seconds for y in summary.years),
                                             default=float("nan"))
        out["build.sensitivity_per_year_s"] = max(
            (y.sensitivity_seconds for y in summary.years), default=float("nan"))
        t0 = time.perf_counter()
        build(Project.load(config, environ={}))
        out["build.nothing_changed_s"] = time.perf_counter() - t0
        out["build.observations_bytes"] = float(sum(
            p.stat().st_size for p in (Path(tmp) / "datasets/observations").rglob("*.parquet")))
        out["build.results_bytes"] = float(sum(
            p.stat().st_size for p in (Path(tmp) / "datasets/results").rglob("*.parquet")))
        _hti("--config", str(config), "rank")  # warm the OS file cache
        out["cli.rank_wall_s"] = min(_hti("--config", str(config), "rank") for _ in range(3))
        out["cli.show_wall_s"] = min(_hti("--config", str(config), "show", "Örebro")
                                     for _ in range(2))
    return out
