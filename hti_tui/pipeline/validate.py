"""``hti validate``: check the whole project without writing anything.

Each check turns what it finds into :class:`Note` objects naming file, row and
column, so the CLI and the UI show the same list. A note of severity ``error`` is a
problem (non-zero exit); warnings are data-quality notes a user should know about.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from hti_tui.data.observations import ReadContext
from hti_tui.data.parquet_store import (
    check_schema,
    read_provenance,
    read_table,
    sha256_file,
    verify_content,
)
from hti_tui.data.schema import NOTES_REQUIRED, OBSERVATIONS
from hti_tui.errors import HtiError, Note
from hti_tui.pipeline import layout
from hti_tui.pipeline.source_steps import options_for, plan_sources
from hti_tui.project import Project
from hti_tui.project.adapter_options import unknown_options


def _error(exc: HtiError, code: str) -> Note:
    file = getattr(exc, "file", None) or ""
    row = getattr(exc, "row", None)
    column = getattr(exc, "column", None)
    line = getattr(exc, "line", None)
    key = getattr(exc, "key", None)
    message, sv = exc.message, exc.text("sv")
    if key:
        message, sv = f"key '{key}': {message}", f"nyckel '{key}': {sv}"
    if exc.hint:
        message += f" ({exc.hint})"
        sv += f" ({exc.hint_text('sv')})"
    return Note(file, row if row is not None else line, column, message, "error", code, sv)


def check_plugins(project: Project) -> list[Note]:
    notes = []
    project.plugins.build_failures()  # calls every declaration hook, so hook errors are known
    for record in project.plugins.failures():
        consequence = (" — `hti build` will fail and keep the last results (or build without "
                       "it: --allow-failed-plugins)" if record.blocks_build else "")
        följd = (" — `hti build` misslyckas och behåller de senaste resultaten (eller bygg "
                 "utan den: --allow-failed-plugins)" if record.blocks_build else "")
        notes.append(Note(f"plugin {record.name}", None, None, record.reasons() + consequence,
                          "error", "plugin_failed", record.reasons("sv") + följd))
    for getter in (project.plugins.sources, project.plugins.adapters, project.plugins.indicators):
        try:
            getter()
        except HtiError as exc:
            notes.append(_error(exc, "plugin_conflict"))
    return notes


def check_manifest(project: Project) -> list[Note]:
    """Raw files against SYNTHETIC.json's hashes: a listed file that is missing or changed."""
    from hti_tui.synth import MANIFEST, manifest_problems

    raw = project.config.paths.raw
    found = manifest_problems(raw)
    svenska = manifest_problems(raw, "sv") if found else []
    return [Note(project.config.rel(raw / path), None, None, f"{problem} ({MANIFEST})",
                 "error", "manifest", f"{sv} ({MANIFEST})")
            for (path, problem), (_, sv) in zip(found, svenska)]


def check_raw_files(project: Project) -> list[Note]:
    """Read every raw file through its adapter (nothing is written)."""
    notes: list[Note] = check_manifest(project)
    for job in plan_sources(project, force=True)[0]:
        if job.adapter is not None:  # said once per adapter, not per data year
            notes.extend(n for n in unknown_options(project.config, job.source, job.adapter,
                                                    job.year) if n not in notes)
        if job.problem is not None:
            notes.append(_error(job.problem, "source"))
            continue
        assert job.adapter is not None and job.input is not None
        if job.adapter.formats and job.year not in job.adapter.formats:
            notes.append(Note(project.config.rel(job.input), None, None,
                              f"adapter '{job.adapter.id}' is written for format years "
                              f"{', '.join(map(str, job.adapter.formats))}, not {job.year}",
                              "warning", "format_year",
                              f"adapter '{job.adapter.id}' är skriven för formatåren "
                              f"{', '.join(map(str, job.adapter.formats))}, inte {job.year}"))
        ctx = ReadContext(path=job.input, source=job.source, adapter=job.adapter.id,
                          period=job.year, units=project.registry,
                          display_path=project.config.rel(job.input),
                          options=options_for(project.config.sources[job.source].options,
                                              job.year))
        try:
            job.adapter.read(ctx)
            ctx.obs.finish()
        except HtiError as exc:
            notes.append(_error(exc, "raw_file"))
            continue
        except Exception as exc:  # an adapter bug is the plugin's problem, reported by name
            notes.append(Note(project.config.rel(job.input), None, None,
                              f"adapter '{job.adapter.id}' (plugin '{job.plugin}') failed: "
                              f"{type(exc).__name__}: {exc}", "error", "plugin_failed",
                              f"adapter '{job.adapter.id}' (plugin '{job.plugin}') "
                              f"misslyckades: {type(exc).__name__}: {exc}"))
            continue
        notes.extend(ctx.notes)
    return notes


def _check_parquet(project: Project, path: Path, schema: pa.Schema, kind: str,
                   raw: Path | None = None) -> list[Note]:
    rel = project.config.rel(path)
    try:
        prov = read_provenance(path)
        table = read_table(path)
        check_schema(table, schema, rel)
    except HtiError as exc:
        return [_error(exc, "parquet")]
    notes = []
    try:
        problem = verify_content(path)
        problem_sv = verify_content(path, "sv") if problem is not None else None
    except HtiError as exc:
        problem, problem_sv = exc.message, exc.text("sv")
    if problem is not None:  # a file from before content hashes is only a warning
        notes.append(Note(rel, None, None, problem,
                          "warning" if "no content hash" in problem else "error", "content",
                          problem_sv))
    for key in ("config_sha256", "synthetic", "fingerprint"):
        if key not in prov:
            notes.append(Note(rel, None, None, f"provenance lacks '{key}'", "error", "provenance",
                              f"ursprungsuppgifterna saknar '{key}'"))
    if raw is not None and raw.is_file():
        recorded = {i.get("path"): i.get("sha256") for i in prov.get("inputs", [])}
        if recorded.get(project.config.rel(raw)) != sha256_file(raw):
            notes.append(Note(rel, None, None, f"built from an older {project.config.rel(raw)}; "
                              "run `hti build`", "warning", "stale",
                              f"byggd från en äldre {project.config.rel(raw)}; kör `hti build`"))
    if kind == "results" and prov.get("config_sha256") != project.config.sha256:
        notes.append(Note(rel, None, None, "computed with another hti.toml; run `hti build`",
                          "warning", "stale",
                          "uträknad med en annan hti.toml; kör `hti build`"))
    return notes


def _check_uncertainty(project: Project, year: int) -> list[Note]:
    """The rank intervals beside a year's results: there, readable, of the same build."""
    from hti_tui.pipeline.results import UNCERTAINTY

    cfg = project.config
    path = layout.uncertainty_path(cfg, year)
    rel = cfg.rel(path)
    if not path.exists():
        return [Note(rel, None, None, "the rank intervals are missing; run `hti build --force`",
                     "error", "not_built",
                     "rangintervallen saknas; kör `hti build --force`")]
    notes = _check_parquet(project, path, UNCERTAINTY, "uncertainty")
    try:
        same = read_provenance(path).get("fingerprint") == read_provenance(
            layout.results_path(cfg, year)).get("fingerprint")
    except HtiError:
        return notes
    if not same:
        notes.append(Note(rel, None, None, "the rank intervals are from another build than "
                          "the results beside them; run `hti build --force`", "error",
                          "stale", "rangintervallen är från ett annat bygge än resultaten "
                          "bredvid dem; kör `hti build --force`"))
    return notes


def check_built(project: Project) -> list[Note]:
    """The built Parquet files: readable, the right schema, provenance, up to date."""
    from hti_tui.engine.long_table import RESULTS
    from hti_tui.pipeline.commit import journal_path, pending

    cfg = project.config
    notes: list[Note] = []
    if pending(cfg):
        notes.append(Note(cfg.rel(journal_path(cfg)), None, None, "a build was interrupted "
                          "while replacing the results: some years are new, some old; "
                          "run `hti build` (it finishes the replacement first)", "error",
                          "interrupted", "ett bygge avbröts medan resultaten byttes ut: några "
                          "år är nya, några gamla; kör `hti build` (det gör först klart "
                          "utbytet)"))
    for job in plan_sources(project, force=True)[0]:
        if job.output is None:
            continue
        if not job.output.exists():
            notes.append(Note(cfg.rel(job.output), None, None, "not built yet; run `hti build`",
                              "warning", "not_built", "inte byggd än; kör `hti build`"))
            continue
        notes.extend(_check_parquet(project, job.output, OBSERVATIONS, "observations", job.input))
        nfile = layout.notes_path(cfg, job.source, job.year)
        if nfile.exists():
            notes.extend(_check_parquet(project, nfile, NOTES_REQUIRED, "notes"))
    for year in cfg.index.years:
        path = layout.results_path(cfg, year)
        if path.exists():
            notes.extend(_check_parquet(project, path, RESULTS, "results"))
            notes.extend(_check_uncertainty(project, year))
        else:
            notes.append(Note(cfg.rel(path), None, None, "not built yet; run `hti build`",
                              "warning", "not_built", "inte byggd än; kör `hti build`"))
    return notes


def check_plausibility(project: Project) -> list[Note]:
    """Each built data year against the source's other years (unit change, jumps)."""
    from hti_tui.pipeline.plausibility import check

    return [n for notes in check(project).values() for n in notes]


def check_model(project: Project) -> list[Note]:
    """The model assembles, and the stored results are what it would compute today."""
    from hti_tui.pipeline.build_status import failed_status, reason_words, status_reason
    from hti_tui.pipeline.freshness import stale_years
    from hti_tui.pipeline.inputs import group_labels
    from hti_tui.pipeline.model import assemble

    try:
        model = assemble(project)
        group_labels(project.config.method, project.registry, project.config)
    except HtiError as exc:
        return [_error(exc, "model")]
    notes = [Note(project.config.rel(layout.results_path(project.config, year)), None, None,
                  f"stale results: {why}; run `hti build`", "error", "stale",
                  f"inaktuella resultat: {reason_words(why, 'sv')}; kör `hti build`")
             for year, why in stale_years(project, model).items()]
    status = failed_status(project.config)
    if status is not None:
        notes.append(Note("hti build", None, None, f"the last build failed "
                          f"({status.get('finished')}): {status.get('reason')}; the results "
                          "shown are from the build before", "error", "build_failed",
                          f"det senaste bygget misslyckades ({status.get('finished')}): "
                          f"{status_reason(status, 'sv')}; resultaten som "
                          "visas är från bygget före"))
    return notes


def validate(project: Project) -> list[Note]:
    """Every check in order; the project itself was already loaded (hti.toml parsed)."""
    notes: list[Note] = []
    notes += [_error(e, "config") for e in project.config_problems()]
    try:
        _ = project.registry  # loading it is the check
    except HtiError as exc:
        return [*notes, _error(exc, "registry")]
    model_notes = check_model(project)  # first: it rejects plugins naming an unknown area
    notes += check_plugins(project)
    notes += model_notes
    notes += check_raw_files(project)
    notes += check_built(project)
    notes += check_plausibility(project)
    notes += project.plugins.validate(project.config)
    return notes
