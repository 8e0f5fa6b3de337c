"""The project itself, not its scores: plugins, source files with their provenance,
the data-quality notes of the build, and an indicator's weight.

``hti plugins``, ``hti sources``, ``hti notes`` and the TUI's plugins screen all ask
these questions, so what the screen shows is what the CLI prints. Everything is read
from the plugin host, hti.toml and the built files' metadata; nothing is rebuilt.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from hti_tui.data.parquet_store import read_provenance, read_table
from hti_tui.errors import HtiError, UsageError
from hti_tui.pipeline import layout

if TYPE_CHECKING:
    from hti_tui.project import Project
    from hti_tui.query.context import Index

#: worst first, for sorting and for --severity
SEVERITIES = ("error", "warning", "info")
SHA_SHORT = 12


def _state(record: Any) -> str:
    """loaded / failed / disabled, where a loaded plugin whose hook raised counts as failed."""
    if record.status == "loaded" and record.hook_errors:
        return "failed"
    return str(record.status)


# -- plugins -----------------------------------------------------------
def registered_methods(project: Project) -> list[dict[str, str]]:
    """Every normalisation, aggregation and imputation the model may name: the built-ins
    and those this project's plugins registered (``hti_methods``), with their origin."""
    from hti_tui.engine.registry import REGISTRY

    return REGISTRY.listing(project.plugins.method_origins())


def plugin_declarations(ix: Index) -> tuple[dict[str, list[str]], list[str]]:
    """What each plugin declares, and declaration conflicts (see PluginHost)."""
    return ix.project.plugins.declared_by(ix.language)

def plugins(ix: Index) -> list[dict[str, Any]]:
    """Every plugin, loaded, failed or disabled, in loading order."""
    declared, _ = plugin_declarations(ix)
    rows = []
    for record in ix.project.plugins.records.values():
        location = record.location
        if record.origin == "directory":
            location = ix.config.rel(Path(record.location))
        rows.append({"name": record.name, "origin": record.origin, "location": location,
                     "version": record.version, "hooks": list(record.hooks),
                     "declares": declared.get(record.name, []), "status": _state(record),
                     "reason": record.reasons(ix.language) or None})
    return rows

# -- sources -----------------------------------------------------------
def sources(ix: Index) -> list[dict[str, Any]]:
    """One row per (source, data year) of hti.toml: the adapter, the raw file and the
    provenance its observations were built with (None where not built yet)."""
    config, project = ix.config, ix.project
    rows = []
    for source, scfg in config.sources.items():
        spec = None
        # a conflict is shown by plugins(); the files are still listed
        with contextlib.suppress(HtiError):
            spec = project.source_spec(source)
        for period in sorted(scfg.adapters):
            row: dict[str, Any] = {
                "source": source, "name": spec.name if spec else source,
                "publisher": spec.publisher if spec else "", "period": period,
                "adapter": scfg.adapters[period], "plugin": None, "file": None,
                "exists": False, "built": False, "sha256": None, "synthetic": None,
                "rows": None, "statuses": {}, "problem": None}
            try:
                _, row["plugin"] = project.adapter_for(source, period)
                path = project.input_path(source, period)
                row["file"] = config.rel(path)
                row["exists"] = path.is_file()
            except HtiError as exc:
                row["problem"] = exc.describe(ix.language)
            out = layout.observations_path(config, source, period)
            if out.is_file():
                try:
                    prov = read_provenance(out)
                except HtiError as exc:
                    row["problem"] = exc.describe(ix.language)
                else:
                    inputs = prov.get("inputs") or [{}]
                    sha = inputs[0].get("sha256")
                    row.update(built=True, adapter=prov.get("adapter", row["adapter"]),
                               plugin=prov.get("plugin", row["plugin"]),
                               sha256=sha[:SHA_SHORT] if sha else None,
                               synthetic=bool(prov.get("synthetic")),
                               rows=prov.get("rows"), statuses=prov.get("statuses", {}))
            rows.append(row)
    return rows

# -- data-quality notes ----------------------------------------------------
def _note_files(ix: Index, year: int | None) -> list[Path]:
    """The notes files of the build; for an index year, the ones that feed it (each
    source's data year, which lags the index year, and the results of that year)."""
    config = ix.config
    if year is None:
        base = config.paths.quality
        return sorted(base.glob("*/year=*/notes.parquet")) if base.is_dir() else []
    files = [layout.notes_path(config, source, period)
             for source, scfg in config.sources.items() for period in scfg.data_years(year)]
    files.append(layout.notes_path(config, "results", year))
    return [f for f in files if f.is_file()]

def notes(ix: Index, year: int | None = None, severity: str | None = None
          ) -> list[dict[str, Any]]:
    """The data-quality notes the build kept, worst first; ``severity`` keeps that one."""
    if year is not None and year not in ix.config.index.years:
        years = ", ".join(map(str, ix.config.index.years))
        raise UsageError(f"{year} is not an index year of this model",
                         hint=f"index years: {years}",
                         sv=f"{year} är inte ett indexår i modellen", sv_hint=f"indexår: {years}")
    if severity is not None and severity not in SEVERITIES:
        raise UsageError(f"no severity '{severity}'", hint=f"one of {', '.join(SEVERITIES)}",
                         sv=f"ingen nivå '{severity}'", sv_hint=f"en av {', '.join(SEVERITIES)}")
    rows: list[dict[str, Any]] = []
    for path in _note_files(ix, year):
        for note in read_table(path).to_pylist():
            if severity is None or note["severity"] == severity:
                rows.append({"source": note["source"], "period": note["period"],
                             "file": note["file"], "row": note["row"],
                             "column": note["column"], "severity": note["severity"],
                             "code": note["code"], "message": note["message"],
                             # notes files from before message_sv: English only
                             "message_sv": note.get("message_sv") or note["message"]})
    order = {s: i for i, s in enumerate(SEVERITIES)}
    rows.sort(key=lambda n: (order.get(n["severity"], len(order)), n["source"],
                             n["period"], n["file"] or "", n["row"] or 0))
    return rows

# -- an indicator's weight ----------------------------------------------
def indicator_weight(ix: Index, ident: str, year: int) -> dict[str, float | None]:
    """The weight as declared (relative among the indicators of its kvalitetsområde),
    its share of that area, and its median effective share of the whole index (the
    engine re-weights where values are missing, so the share varies by kommun)."""
    model = ix.model
    spec = model.indicators[ident]
    siblings = [model.indicators[i].weight for i in model.tree.children(spec.area)
                if i in model.indicators]
    data = ix.data(year)
    share = data.weight[:, data.node(ident)]
    share = share[~np.isnan(share)]
    return {"declared": float(spec.weight),
            "share_of_area": float(spec.weight / sum(siblings)) if sum(siblings) else None,
            "share_of_index": float(np.median(share)) if share.size else None}
