"""Are the stored results of a year still what the code and inputs would compute?

A results file records the fingerprint of everything it was computed from (hti.toml,
the observation files, every indicator plugin's version and source). When today's
fingerprint differs, the results are stale: shown with a banner, reported by
``hti validate``, rebuilt by ``hti build``.
"""

from __future__ import annotations

from typing import Any

from hti_tui.data.parquet_store import read_provenance
from hti_tui.errors import HtiError
from hti_tui.pipeline import layout
from hti_tui.pipeline.model import IndexModel
from hti_tui.project import Project


def why_stale(project: Project, model: IndexModel, year: int,
              prov: dict[str, Any] | None = None) -> str | None:
    """None when the year's results are current, else the reason in words."""
    from hti_tui.pipeline.results import fingerprint

    try:
        prov = prov if prov is not None else read_provenance(
            layout.results_path(project.config, year))
    except HtiError:
        return None  # not built: that is reported as "not built", not as stale
    key, inputs = fingerprint(project, model, year, prov.get("failed_plugins") or [])
    if prov.get("fingerprint") == key:
        return None
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
    if [i.get("fingerprint") for i in prov.get("inputs", [])] != \
            [i.get("fingerprint") for i in inputs]:
        return "the observations changed since they were computed"
    return "they were computed by another version of hti or its plugins"


def stale_years(project: Project, model: IndexModel) -> dict[int, str]:
    out = {}
    for year in project.config.index.years:
        reason = why_stale(project, model, year)
        if reason:
            out[year] = reason
    return out
