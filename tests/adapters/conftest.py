"""Fixtures for adapter tests: the shipped project's plugins and registry, and a reader
that runs one adapter on one file the way `hti build` does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pytest

from hti_tui.data.observations import ReadContext
from hti_tui.project import Project

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "datasets" / "raw"


@dataclass
class Read:
    table: pa.Table
    ctx: ReadContext

    def value(self, unit: str, measure: str, gender: str = "T") -> tuple[float | None, str, str]:
        """(value, status, raw) of one observation."""
        rows = [r for r in self.table.to_pylist()
                if r["unit_id"] == unit and r["measure"] == measure and r["gender"] == gender]
        assert len(rows) == 1, f"{len(rows)} observations for {unit} {measure} {gender}"
        r = rows[0]
        return r["value"], r["status"], r["raw"]

    def notes(self, code: str) -> list:
        return [n for n in self.ctx.notes if n.code == code]


@pytest.fixture(scope="session")
def project() -> Project:
    return Project.load(REPO / "hti.toml")


@pytest.fixture(scope="session")
def read(project: Project):
    """read(adapter_id, path, year) → Read; raises what the adapter raises."""

    def run(adapter: str, path: Path, year: int, options: dict | None = None) -> Read:
        spec, _plugin = project.plugins.adapters()[adapter]
        opts = dict(project.config.sources[spec.source].options) if options is None else options
        ctx = ReadContext(path=path, source=spec.source, adapter=adapter, period=year,
                          units=project.registry, display_path=path.name, options=opts)
        spec.read(ctx)
        return Read(ctx.obs.finish(), ctx)

    return run
