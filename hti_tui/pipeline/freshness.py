"""Are the stored results of a year still what the code and inputs would compute?

A results file records the fingerprint of everything it was computed from (hti.toml,
the observation files, every indicator plugin's version and source). When today's
fingerprint differs, the results are stale: shown with a banner, reported by
``hti validate``, rebuilt by ``hti build``.

The key and the reasons live here once: :mod:`hti_tui.pipeline.build_plan` uses them for the
fingerprint the build will write (from the observations the build is about to write),
:func:`why_stale` for the results as they are now (from the observation files on disk).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from hti_tui import __version__
from hti_tui.data.parquet_store import read_provenance, sha256_text
from hti_tui.errors import HtiError
from hti_tui.pipeline import layout
from hti_tui.pipeline.model import IndexModel
from hti_tui.project import Project

#: the results table's schema version (2: ranked, observed_share, input, imputation,
#: penalty, reasons); part of the results' fingerprint
RESULTS_SCHEMA = 2

#: one observation file a year's results depend on, as the results' provenance lists it
InputRecord = dict[str, Any]


def input_record(project: Project, source: str, period: int,
                 prov: Mapping[str, Any]) -> InputRecord:
    """How a year's results name one observation file they were computed from."""
    path = layout.observations_path(project.config, source, period)
    return {"path": project.config.rel(path), "fingerprint": prov.get("fingerprint"),
            "raw_inputs": prov.get("inputs")}


def model_plugins(project: Project, model: IndexModel) -> list[tuple[str, str, str]]:
    """(plugin, version, source hash) of every plugin with an indicator in the model."""
    versions = project.plugins.versions()
    sources = project.plugins.source_hashes()
    return sorted({(p, versions.get(p, "?"), sources.get(p, ""))
                   for p in model.plugin_of.values()})


def results_key(project: Project, model: IndexModel, inputs: Sequence[InputRecord],
                left_out: Sequence[Mapping[str, Any]] = ()) -> str:
    """What the results of a year depend on: config, observation files, the indicator
    plugins' versions *and source* (an edit without a version bump still rebuilds), and
    the plugins a build was allowed to leave out."""
    return sha256_text(json.dumps({
        "config": project.config.sha256, "inputs": list(inputs),
        "plugins": model_plugins(project, model), "hti": __version__,
        "left_out": sorted(str(p["name"]) for p in left_out), "schema": RESULTS_SCHEMA,
    }, sort_keys=True, default=str))


def stored_inputs(project: Project, year: int) -> list[InputRecord]:
    """The observation files of an index year as they are on disk now."""
    out = []
    for source, cfg in project.config.sources.items():
        for period in cfg.data_years(year):
            path = layout.observations_path(project.config, source, period)
            if path.is_file():
                out.append(input_record(project, source, period, read_provenance(path)))
    return out


def stale_reason(project: Project, model: IndexModel, prov: Mapping[str, Any],
                 inputs: Sequence[InputRecord]) -> str:
    """Why results with provenance ``prov`` are not the ones ``inputs`` and today's code and
    hti.toml give (called once the fingerprints differ)."""
    if prov.get("config_sha256") != project.config.sha256:
        return "hti.toml changed since they were computed"
    recorded = prov.get("plugin_sources") or {}
    now = project.plugins.source_hashes()
    changed = sorted(p for p in set(model.plugin_of.values())
                     if p in recorded and recorded[p] != now.get(p, ""))
    if changed:
        return f"the code of plugin {', '.join(changed)} changed since they were computed"
    added = sorted(set(model.plugin_of.values()) - set(recorded)) if recorded else []
    if added:
        return f"plugin {', '.join(added)} was not part of them"
    before = {str(i.get("path")): i.get("fingerprint") for i in prov.get("inputs", [])}
    after = {str(i.get("path")): i.get("fingerprint") for i in inputs}
    if before != after:
        moved = sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))
        return ("the observations changed since they were computed ("
                + ", ".join(moved) + ")")
    return "they were computed by another version of hti or its plugins"


def why_stale(project: Project, model: IndexModel, year: int,
              prov: Mapping[str, Any] | None = None) -> str | None:
    """None when the year's results are current, else the reason in words."""
    try:
        prov = prov if prov is not None else read_provenance(
            layout.results_path(project.config, year))
    except HtiError:
        return None  # not built: that is reported as "not built", not as stale
    inputs = stored_inputs(project, year)
    if prov.get("fingerprint") == results_key(project, model, inputs,
                                              prov.get("failed_plugins") or []):
        return None
    return stale_reason(project, model, prov, inputs)


def stale_years(project: Project, model: IndexModel) -> dict[int, str]:
    out = {}
    for year in project.config.index.years:
        reason = why_stale(project, model, year)
        if reason:
            out[year] = reason
    return out
