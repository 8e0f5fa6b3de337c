"""Build step 1: every raw source file through its adapter into Parquet observations.

Which files are read and why is decided by the plan (:mod:`hti_tui.pipeline.source_steps`);
this module carries out one step. Everything that can go wrong with one file is reported for
that file; the other sources still build.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from hti_tui import __version__
from hti_tui.data.observations import ReadContext
from hti_tui.data.parquet_store import write_table
from hti_tui.data.schema import NOTES
from hti_tui.errors import DataError, HtiError, Note
from hti_tui.pipeline import layout
from hti_tui.pipeline.source_steps import SCHEMA_VERSION, SourceStep, options_for
from hti_tui.project import Project
from hti_tui.project.plugins import _short_error, plugin_output

__all__ = ["SCHEMA_VERSION", "SourceResult", "notes_table", "options_for", "run",
           "synthetic_shas"]

@dataclass
class SourceResult:
    """What reading one file gave: counts for the summary, notes, or the error."""

    job: SourceStep
    rows: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    synthetic: bool = False
    seconds: float = 0.0
    skipped: bool = False
    error: HtiError | None = None
    bytes_written: int = 0
    #: the observations' provenance as it is after this step (written, or kept)
    provenance: dict[str, Any] | None = None


def synthetic_shas(project: Project) -> set[str]:
    """sha256 of every file the synthetic generator says it wrote."""
    manifest = layout.synthetic_manifest(project.config)
    if not manifest.is_file():
        return set()
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return {f["sha256"] for f in data.get("files", []) if f.get("synthetic")}
    except (ValueError, KeyError, TypeError, AttributeError):
        return set()


def notes_table(notes: list[Note], stage: str, year: int) -> pa.Table:
    return pa.table({
        "source": [stage] * len(notes), "period": [year] * len(notes),
        "file": [n.file for n in notes], "row": [n.row for n in notes],
        "column": [n.column for n in notes], "severity": [n.severity for n in notes],
        "code": [n.code for n in notes], "message": [n.message for n in notes],
        "message_sv": [n.sv for n in notes],
    }, schema=NOTES)


def run(project: Project, job: SourceStep, synthetic: set[str]) -> SourceResult:
    """Carry out one step of the plan: read the file and write its observations and notes
    atomically (``read``), report the kept file (``skip``), or the problem (``fail``).
    ``synthetic``: the sha256 of every file the synthetic manifest lists."""
    result = SourceResult(job)
    if job.action == "fail":
        result.error = job.problem
        return result
    if job.action == "skip":
        prov = dict(job.stored or {})
        result.skipped = True
        result.rows = int(prov.get("rows", 0))
        result.statuses = dict(prov.get("statuses", {}))
        result.synthetic = bool(prov.get("synthetic"))
        result.provenance = prov
        return result
    assert job.adapter is not None and job.input is not None and job.output is not None
    config = project.config
    start = time.perf_counter()
    ctx = ReadContext(path=job.input, source=job.source, adapter=job.adapter.id,
                      period=job.year, units=project.registry, display_path=job.input_rel,
                      options=dict(job.options or {}))
    try:
        with plugin_output():
            job.adapter.read(ctx)
        table = ctx.obs.finish()
    except HtiError as exc:
        result.error = exc
        return result
    except BaseException as exc:  # a bug in the adapter plugin (even sys.exit): by name, go on
        if isinstance(exc, KeyboardInterrupt):
            raise
        message = f"adapter '{job.adapter.id}' (plugin '{job.plugin}') failed: " \
            f"{_short_error(exc)}"
        sv = f"adapter '{job.adapter.id}' (plugin '{job.plugin}') misslyckades: " \
            f"{_short_error(exc)}"
        project.plugins.record_failure(job.plugin, "hti_adapters.read", message, sv)
        result.error = DataError(message, file=job.input_rel, sv=sv)
        return result
    if table.num_rows == 0:  # the source would silently vanish from the index
        result.error = DataError(
            f"adapter '{job.adapter.id}' (plugin '{job.plugin}') read no observations from "
            "the file", file=job.input_rel,
            hint="is it the right file and format year? an adapter must add observations "
                 "or raise a DataError saying why it cannot",
            sv=f"adapter '{job.adapter.id}' (plugin '{job.plugin}') läste inga observationer "
               "ur filen",
            sv_hint="är det rätt fil och formatår? en adapter måste lägga till observationer "
                    "eller resa ett DataError som säger varför den inte kan")
        return result
    is_synthetic = ctx.synthetic or job.input_sha256 in synthetic
    statuses = Counter(table.column("status").to_pylist())
    provenance: dict[str, Any] = {
        "kind": "observations", "hti_version": __version__, "config_sha256": config.sha256,
        **job.will_write,
        "source": job.source, "period": job.year, "adapter": job.adapter.id,
        "adapter_version": job.adapter.version, "plugin": job.plugin,
        "plugin_version": (job.depends_on or {}).get("plugin_version", "?"),
        "synthetic": is_synthetic, "rows": table.num_rows,
        "statuses": dict(sorted(statuses.items())), "schema": SCHEMA_VERSION,
        "columns": dict(sorted(ctx.obs.columns.items())),
        "depends_on": dict(job.depends_on or {}),
    }
    write_table(table, job.output, provenance)
    notes_file = layout.notes_path(config, job.source, job.year)
    write_table(notes_table(ctx.notes, job.source, job.year), notes_file,
                {**provenance, "kind": "notes"})
    result.rows = table.num_rows
    result.statuses = provenance["statuses"]
    result.notes = list(ctx.notes)
    result.synthetic = is_synthetic
    result.seconds = time.perf_counter() - start
    result.bytes_written = job.output.stat().st_size + notes_file.stat().st_size
    result.provenance = provenance
    return result
