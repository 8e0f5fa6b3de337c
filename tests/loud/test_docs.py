"""docs/PLUGINS.md lists every parameter plugin authors can pass (issue #13)."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

from hti_tui.pipeline.observations import options_for
from hti_tui.specs import AdapterOption, AdapterSpec, SourceSpec, declared_options, indicator


def test_every_parameter_is_documented(repo: Path) -> None:
    doc = (repo / "docs" / "PLUGINS.md").read_text(encoding="utf-8")
    names = list(inspect.signature(indicator).parameters)
    names += [f.name for f in dataclasses.fields(SourceSpec)]
    names += [f.name for f in dataclasses.fields(AdapterSpec)]
    names += [f.name for f in dataclasses.fields(AdapterOption)]
    missing = [n for n in names if f"`{n}`" not in doc]
    assert not missing, f"not in docs/PLUGINS.md: {missing}"
    for heading in ("The compute contract", "A new data year: checklist", "The cache rule",
                    "The options of each shipped adapter"):
        assert heading in doc


def test_every_shipped_adapter_is_in_the_options_table(repo: Path) -> None:
    from hti_tui.project import Project

    doc = (repo / "docs" / "PLUGINS.md").read_text(encoding="utf-8")
    adapters = Project.load(repo / "hti.toml", environ={}).plugins.adapters()
    assert adapters
    assert not [a for a in adapters if f"`{a}`" not in doc]
    table = doc.split("## The options of each shipped adapter", 1)[1].split("\n## ", 1)[0]
    rows = {line.split("|")[1]: line for line in table.splitlines() if line.startswith("| `")}
    missing = []
    for adapter, (spec, _) in adapters.items():
        row = next((r for cell, r in rows.items() if f"`{adapter}`" in cell), "")
        declared = declared_options(spec) or {}
        missing += [f"{adapter}: {name}" for name in declared
                    if f"`{name}`" not in row and f"| `{name}` |" not in table]
    assert not missing, f"options not in the table of docs/PLUGINS.md: {missing}"


def test_options_can_differ_per_data_year() -> None:
    options = {"missing_status": "suppressed", "kpi": {"a": 1},
               "2024": {"missing_status": "not_reported"}}
    assert options_for(options, 2023) == {"missing_status": "suppressed", "kpi": {"a": 1}}
    assert options_for(options, 2024) == {"missing_status": "not_reported", "kpi": {"a": 1}}
