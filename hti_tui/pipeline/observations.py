"""Build step 1: every raw source file through its adapter into Parquet observations.

A (source, data year) is rebuilt only when its fingerprint changed: the input's
sha256, the adapter and plugin versions, the unit registry and the source's
options. Everything that can go wrong with one file is reported for that file;
the other sources still build.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from hti_tui import __version__
from hti_tui.data.observations import ReadContext
from hti_tui.data.parquet_store import read_provenance, sha256_file, sha256_text, write_table
from hti_tui.data.schema import NOTES
from hti_tui.errors import DataError, HtiError, Note
from hti_tui.pipeline import layout
from hti_tui.project import Project
from hti_tui.project.plugins import _short_error, plugin_output
from hti_tui.specs import AdapterSpec

SCHEMA_VERSION = 1


@dataclass
class SourceJob:
    """One (source, data year) of the build plan."""

    source: str
    year: int
    adapter: AdapterSpec | None = None
    plugin: str = ""
    input: Path | None = None
    output: Path | None = None
    fingerprint: str = ""
    up_to_date: bool = False
    problem: HtiError | None = None

    @property
    def label(self) -> str:
        return f"{self.source} {self.year}"


@dataclass
class SourceResult:
    """What reading one file gave: counts for the summary, notes, or the error."""

    job: SourceJob
    rows: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    synthetic: bool = False
    seconds: float = 0.0
    skipped: bool = False
    error: HtiError | None = None
    bytes_written: int = 0


def _synthetic_shas(project: Project) -> set[str]:
    """sha256 of every file the synthetic generator says it wrote."""
    manifest = layout.synthetic_manifest(project.config)
    if not manifest.is_file():
        return set()
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
        return {f["sha256"] for f in data.get("files", []) if f.get("synthetic")}
    except (ValueError, KeyError, TypeError, AttributeError):
        return set()


def _registry_sha(project: Project) -> str:
    u = project.config.units
    parts = [sha256_file(u.registry)]
    if u.code_changes is not None:
        parts.append(sha256_file(u.code_changes))
    return sha256_text("|".join(parts))


def plan(project: Project, force: bool = False) -> list[SourceJob]:
    """The observation jobs of this project, each marked up to date or not."""
    jobs: list[SourceJob] = []
    config = project.config
    registry_sha = _registry_sha(project)
    versions = project.plugins.versions()
    sources = project.plugins.source_hashes()
    for source, scfg in config.sources.items():
        for year in sorted(scfg.adapters):
            job = SourceJob(source, year)
            jobs.append(job)
            try:
                job.adapter, job.plugin = project.adapter_for(source, year)
                job.input = project.input_path(source, year)
            except HtiError as exc:
                job.problem = exc
                continue
            job.output = layout.observations_path(config, source, year)
            if not job.input.is_file():
                job.problem = DataError("the raw input file does not exist (run `hti synth` "
                                        "for the synthetic data set)", file=config.rel(job.input))
                continue
            job.fingerprint = sha256_text(json.dumps({
                "input": sha256_file(job.input), "adapter": job.adapter.id,
                "adapter_version": job.adapter.version, "plugin": job.plugin,
                "plugin_version": versions.get(job.plugin, "?"),
                "plugin_source": sources.get(job.plugin, ""), "registry": registry_sha,
                "options": options_for(scfg.options, year), "schema": SCHEMA_VERSION,
            }, sort_keys=True, default=str))
            job.up_to_date = not force and _fresh(job, config)
    return jobs


def options_for(options: dict[str, Any], year: int) -> dict[str, Any]:
    """The options an adapter gets for one data year: ``[sources.X.options]`` with the
    table ``[sources.X.options.<year>]`` (if any) laid over it, so an option can differ
    per data year (a KPI renamed in 2024, another sheet name)."""
    base = {k: v for k, v in options.items() if not str(k).isdigit()}
    per_year = options.get(str(year))
    if isinstance(per_year, dict):
        base.update(per_year)
    return base


def _fresh(job: SourceJob, config: Any) -> bool:
    assert job.output is not None
    try:
        for path in (job.output, layout.notes_path(config, job.source, job.year)):
            if read_provenance(path).get("fingerprint") != job.fingerprint:
                return False
    except DataError:
        return False
    return True


def notes_table(notes: list[Note], stage: str, year: int) -> pa.Table:
    return pa.table({
        "source": [stage] * len(notes), "period": [year] * len(notes),
        "file": [n.file for n in notes], "row": [n.row for n in notes],
        "column": [n.column for n in notes], "severity": [n.severity for n in notes],
        "code": [n.code for n in notes], "message": [n.message for n in notes],
    }, schema=NOTES)


def run(project: Project, job: SourceJob, synthetic_shas: set[str] | None = None) -> SourceResult:
    """Read one source file and write its observations and notes atomically."""
    result = SourceResult(job)
    if job.problem is not None:
        result.error = job.problem
        return result
    assert job.adapter is not None and job.input is not None and job.output is not None
    config = project.config
    if job.up_to_date:
        prov = read_provenance(job.output)
        result.skipped = True
        result.rows = int(prov.get("rows", 0))
        result.statuses = dict(prov.get("statuses", {}))
        result.synthetic = bool(prov.get("synthetic"))
        result.notes = []
        return result
    start = time.perf_counter()
    shas = _synthetic_shas(project) if synthetic_shas is None else synthetic_shas
    input_sha = sha256_file(job.input)
    ctx = ReadContext(path=job.input, source=job.source, adapter=job.adapter.id,
                      period=job.year, units=project.registry,
                      display_path=config.rel(job.input),
                      options=options_for(config.sources[job.source].options, job.year))
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
        project.plugins.record_failure(job.plugin, "hti_adapters.read", message)
        result.error = DataError(message, file=config.rel(job.input))
        return result
    if table.num_rows == 0:  # the source would silently vanish from the index
        result.error = DataError(
            f"adapter '{job.adapter.id}' (plugin '{job.plugin}') read no observations from "
            "the file", file=config.rel(job.input),
            hint="is it the right file and format year? an adapter must add observations "
                 "or raise a DataError saying why it cannot")
        return result
    synthetic = ctx.synthetic or input_sha in shas
    statuses = Counter(table.column("status").to_pylist())
    provenance = {
        "kind": "observations", "hti_version": __version__, "config_sha256": config.sha256,
        "inputs": [{"path": config.rel(job.input), "sha256": input_sha}],
        "source": job.source, "period": job.year, "adapter": job.adapter.id,
        "adapter_version": job.adapter.version, "plugin": job.plugin,
        "plugin_version": project.plugins.versions().get(job.plugin, "?"),
        "synthetic": synthetic, "fingerprint": job.fingerprint, "rows": table.num_rows,
        "statuses": dict(sorted(statuses.items())), "schema": SCHEMA_VERSION,
        "columns": dict(sorted(ctx.obs.columns.items())),
    }
    write_table(table, job.output, provenance)
    notes_file = layout.notes_path(config, job.source, job.year)
    write_table(notes_table(ctx.notes, job.source, job.year), notes_file,
                {**provenance, "kind": "notes"})
    result.rows = table.num_rows
    result.statuses = provenance["statuses"]
    result.notes = list(ctx.notes)
    result.synthetic = synthetic
    result.seconds = time.perf_counter() - start
    result.bytes_written = job.output.stat().st_size + notes_file.stat().st_size
    return result
