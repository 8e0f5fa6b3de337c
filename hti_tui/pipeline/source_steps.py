"""Stage 1 of the build plan: per (source, data year), read the raw file or skip it, and why.

A (source, data year) is re-read only when its fingerprint changed: the input's sha256, the
adapter and plugin versions and the plugin's source, the unit registry and the source's
options (for that year). The parts are stored in the observations' provenance
(``depends_on``), so the plan can say which one changed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from hti_tui.data.parquet_store import read_provenance, sha256_file, sha256_text
from hti_tui.errors import DataError, HtiError
from hti_tui.pipeline import layout
from hti_tui.project import Project
from hti_tui.project.adapter_options import check_option_values
from hti_tui.specs import AdapterSpec

#: the observations' schema version, part of their fingerprint
SCHEMA_VERSION = 1

SourceAction = Literal["read", "skip", "fail"]

#: a part of the fingerprint → the reason code when it alone changed
PART_REASON = {"input": "raw_changed", "adapter": "adapter_changed",
               "adapter_version": "adapter_changed", "plugin": "plugin_changed",
               "plugin_version": "plugin_changed", "plugin_source": "plugin_changed",
               "registry": "registry_changed", "options": "options_changed",
               "schema": "schema_changed"}


@dataclass(frozen=True)
class SourceStep:
    """What the build does with one raw file: ``read`` it (why: ``reason``), ``skip`` it (its
    observations are up to date) or ``fail`` (``problem`` says why it cannot be read)."""

    source: str
    year: int
    action: SourceAction
    reason: str  # a code (see hti_tui.cli.commands.build_plan_text); "up_to_date" for skip
    detail: str = ""
    adapter: AdapterSpec | None = None
    plugin: str = ""
    input: Path | None = None
    input_rel: str = ""
    input_sha256: str = ""
    output: Path | None = None
    fingerprint: str = ""
    depends_on: Mapping[str, Any] | None = None
    options: Mapping[str, Any] | None = None
    stored: Mapping[str, Any] | None = None  # the provenance of today's observations file
    problem: HtiError | None = None

    @property
    def label(self) -> str:
        return f"{self.source} {self.year}"

    @property
    def will_write(self) -> dict[str, Any]:
        """The provenance fields a re-read writes that the results' fingerprint uses."""
        return {"fingerprint": self.fingerprint,
                "inputs": [{"path": self.input_rel, "sha256": self.input_sha256}]}


def options_for(options: Mapping[str, Any], year: int) -> dict[str, Any]:
    """The options an adapter gets for one data year: ``[sources.X.options]`` with the
    table ``[sources.X.options.<year>]`` (if any) laid over it, so an option can differ
    per data year (a KPI renamed in 2024, another sheet name)."""
    base = {k: v for k, v in options.items() if not str(k).isdigit()}
    per_year = options.get(str(year))
    if isinstance(per_year, dict):
        base.update(per_year)
    return base


def registry_sha(project: Project) -> str:
    u = project.config.units
    parts = [sha256_file(u.registry)]
    if u.code_changes is not None:
        parts.append(sha256_file(u.code_changes))
    return sha256_text("|".join(parts))


def _stored(path: Path) -> Mapping[str, Any] | None:
    try:
        return read_provenance(path)
    except HtiError:
        return None


def _why_changed(stored: Mapping[str, Any], parts: Mapping[str, Any]) -> tuple[str, str]:
    """(reason code, detail) for observations whose fingerprint is not today's."""
    before = stored.get("depends_on")
    if isinstance(before, Mapping):
        changed = sorted(k for k in set(before) | set(parts) if before.get(k) != parts.get(k))
        reasons = sorted({PART_REASON.get(k, "changed") for k in changed}) or ["changed"]
        if len(reasons) == 1:
            return reasons[0], ""
        return "changed", ", ".join(changed)  # several at once: name the parts
    # written before ``depends_on`` was stored: what the provenance still tells
    recorded = (stored.get("inputs") or [{}])[0].get("sha256")
    if recorded != parts["input"]:
        return "raw_changed", ""
    if (stored.get("adapter"), stored.get("adapter_version")) != (
            parts["adapter"], parts["adapter_version"]):
        return "adapter_changed", ""
    if (stored.get("plugin"), stored.get("plugin_version")) != (
            parts["plugin"], parts["plugin_version"]):
        return "plugin_changed", ""
    return "changed", ""


def _step(project: Project, source: str, year: int, force: bool, reg_sha: str,
          versions: Mapping[str, str], hashes: Mapping[str, str]) -> SourceStep:
    config = project.config
    try:
        adapter, plugin = project.adapter_for(source, year)
        path = project.input_path(source, year)
    except HtiError as exc:
        return SourceStep(source, year, "fail", "problem", exc.describe(), problem=exc)
    rel = config.rel(path)
    output = layout.observations_path(config, source, year)
    try:  # an option of the wrong type is refused before the adapter runs (hti.toml line)
        check_option_values(config, source, adapter, year)
    except HtiError as exc:
        return SourceStep(source, year, "fail", "problem", exc.describe(), adapter, plugin,
                          path, rel, output=output, problem=exc)
    if not path.is_file():
        missing = DataError("the raw input file does not exist (run `hti synth` for the "
                            "synthetic data set)", file=rel,
                            sv="råfilen finns inte (kör `hti synth` för den syntetiska "
                               "datamängden)")
        return SourceStep(source, year, "fail", "problem", missing.describe(), adapter,
                          plugin, path, rel, output=output, problem=missing)
    options = options_for(config.sources[source].options, year)
    sha = sha256_file(path)
    parts = {"input": sha, "adapter": adapter.id, "adapter_version": adapter.version,
             "plugin": plugin, "plugin_version": versions.get(plugin, "?"),
             "plugin_source": hashes.get(plugin, ""), "registry": reg_sha,
             "options": options, "schema": SCHEMA_VERSION}
    text = json.dumps(parts, sort_keys=True, default=str)
    fingerprint = sha256_text(text)
    stored = _stored(output) if output.exists() and not force else None

    def step(action: SourceAction, reason: str, detail: str = "") -> SourceStep:
        return SourceStep(source, year, action, reason, detail, adapter, plugin, path, rel,
                          sha, output, fingerprint, json.loads(text), options, stored)

    if force:
        return step("read", "forced")
    if stored is None:
        return step("read", "not_built" if not output.exists() else "unreadable")
    if stored.get("fingerprint") != fingerprint:
        return step("read", *_why_changed(stored, parts))
    notes = layout.notes_path(config, source, year)
    kept = _stored(notes) if notes.exists() else None
    if kept is None or kept.get("fingerprint") != fingerprint:
        return step("read", "notes_missing" if kept is None else "notes_other_build")
    return step("skip", "up_to_date")


def plan_sources(project: Project, force: bool = False) -> tuple[tuple[SourceStep, ...], str]:
    """Every (source, data year) of the project in hti.toml order, each decided; and the
    unit registry's hash (part of every fingerprint)."""
    reg_sha = registry_sha(project)
    versions = project.plugins.versions()
    hashes = project.plugins.source_hashes()
    steps = tuple(_step(project, source, year, force, reg_sha, versions, hashes)
                  for source, scfg in project.config.sources.items()
                  for year in sorted(scfg.adapters))
    return steps, reg_sha
