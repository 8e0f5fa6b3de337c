"""Where built files live, in one place (ARCHITECTURE.md, "Data")."""

from __future__ import annotations

from pathlib import Path

from hti_tui.project.config import Config

OBSERVATIONS_FILE = "observations.parquet"
RESULTS_FILE = "results.parquet"


def observations_path(config: Config, source: str, year: int) -> Path:
    return config.paths.observations / source / f"year={year}" / OBSERVATIONS_FILE


def notes_path(config: Config, stage: str, year: int) -> Path:
    """Data-quality notes of one build step (``stage`` is a source id or ``results``)."""
    return config.paths.quality / stage / f"year={year}" / "notes.parquet"


def results_path(config: Config, year: int) -> Path:
    return config.paths.results / f"year={year}" / RESULTS_FILE


def uncertainty_path(config: Config, year: int) -> Path:
    """Per-unit rank intervals of the Monte Carlo run at build time."""
    return config.paths.results / f"year={year}" / "uncertainty.parquet"


def synthetic_manifest(config: Config) -> Path:
    return config.paths.raw / "SYNTHETIC.json"
