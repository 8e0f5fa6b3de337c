"""``hti build``: raw files → observations → results, skipping what is up to date."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hti_tui.data.parquet_store import read_provenance
from hti_tui.errors import DataError, HtiError, Note, PluginError
from hti_tui.pipeline import build_status, layout, observations
from hti_tui.pipeline.events import BuildEvent, Progress, ignore
from hti_tui.project import Project
from hti_tui.project.plugins import PluginRecord


@dataclass
class BuildSummary:
    sources: list[observations.SourceResult] = field(default_factory=list)
    years: list[Any] = field(default_factory=list)  # results.YearResult
    model_error: HtiError | None = None
    plugin_error: PluginError | None = None
    #: plugins left out of this build (``allow_failed_plugins``): name, error, contribution
    failed_plugins: list[dict[str, str]] = field(default_factory=list)

    @property
    def errors(self) -> list[HtiError]:
        errs: list[HtiError] = [self.plugin_error] if self.plugin_error is not None else []
        errs += [r.error for r in self.sources if r.error is not None]
        errs += [y.error for y in self.years if y.error is not None]
        if self.model_error is not None:
            errs.append(self.model_error)
        return errs

    @property
    def notes(self) -> list[Note]:
        return [n for r in self.sources for n in r.notes] + [n for y in self.years for n in y.notes]

    @property
    def synthetic(self) -> bool:
        return any(r.synthetic for r in self.sources)

    @property
    def reason(self) -> str:
        """Why the build failed, in one short line (empty when it did not)."""
        if self.plugin_error is not None:
            return "; ".join(f"plugin {p['name']} failed ({p['error']})"
                             for p in self.failed_plugins)
        errors = self.errors
        if not errors:
            return ""
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        return errors[0].describe() + more

    @property
    def all_skipped(self) -> bool:
        return all(r.skipped for r in self.sources if r.error is None) and all(
            y.skipped for y in self.years if y.error is None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sources": [{"source": r.job.source, "year": r.job.year, "rows": r.rows,
                         "statuses": r.statuses, "notes": len(r.notes), "skipped": r.skipped,
                         "synthetic": r.synthetic, "seconds": round(r.seconds, 4),
                         "error": r.error.describe() if r.error else None} for r in self.sources],
            "results": [{"year": y.year, "units": y.units, "scored": y.scored,
                         "skipped": y.skipped, "seconds": round(y.seconds, 4),
                         "engine_seconds": round(y.engine_seconds, 4),
                         "error": y.error.describe() if y.error else None} for y in self.years],
            "notes": len(self.notes), "synthetic": self.synthetic,
            "failed_plugins": self.failed_plugins,
            "errors": [e.describe() for e in self.errors],
        }


def would_contribute(project: Project, record: PluginRecord) -> str:
    """What a failed plugin adds to the index, in words: what it still declares, else
    what it contributed to the last results built (a plugin that never imported cannot
    say)."""
    declared, _ = project.plugins.declared_by()
    mine = declared.get(record.name, [])
    last: list[str] = []
    for year in sorted(project.config.index.years, reverse=True):
        try:
            prov = read_provenance(layout.results_path(project.config, year))
        except HtiError:
            continue
        last = sorted(i for i, p in (prov.get("indicator_plugins") or {}).items()
                      if p == record.name)
        break
    if last:
        return f"indicators {', '.join(last)} (in the last results built)"
    if mine:
        return ", ".join(mine)
    if record.hooks:
        return "what its hooks " + ", ".join(record.hooks) + " declare"
    return "unknown (it never loaded; if it declares indicators, they would be missing)"


def _check_plugins(project: Project, summary: BuildSummary, allow_failed: bool,
                   progress: Progress) -> bool:
    """False (and the build stops, writing nothing) when a plugin that shapes the index
    failed; with ``allow_failed`` the build goes on and records what was left out."""
    failed = project.plugins.build_failures()
    summary.failed_plugins = [
        {"name": r.name, "origin": r.origin, "location": r.location, "error": r.reasons(),
         "would_contribute": would_contribute(project, r)} for r in failed]
    if not failed or allow_failed:
        return True
    lines = [f"plugin '{p['name']}' ({p['origin']}, {p['location']}) failed — {p['error']}; "
             f"it would have contributed: {p['would_contribute']}"
             for p in summary.failed_plugins]
    summary.plugin_error = PluginError(
        "; ".join(lines) + ". No new results were written; the last good results are kept",
        hint="fix the plugin, disable it in hti.toml [plugins] disabled, or build without it "
             "with `hti build --allow-failed-plugins`")
    progress(BuildEvent("error", "observations", "plugins",
                        info={"error": summary.plugin_error}))
    return False


def build(project: Project, *, force: bool = False, progress: Progress = ignore,
          results: bool = True, allow_failed_plugins: bool = False) -> BuildSummary:
    """Run both build steps; errors are collected per file and per year, not raised.

    A plugin that failed to load or raised in a declaration hook stops the build before
    anything is written (the index would silently lose what it contributes), unless
    ``allow_failed_plugins``: then the results record the plugins left out. Every build
    ends by recording its outcome for the "last build failed" banner.
    """
    summary = BuildSummary()
    try:
        _run(project, summary, force, progress, results, allow_failed_plugins)
    finally:
        build_status.write_status(project.config, not summary.errors, summary.reason,
                                  summary.failed_plugins)
    return summary


def _run(project: Project, summary: BuildSummary, force: bool, progress: Progress,
         results: bool, allow_failed: bool) -> None:
    try:
        _ = project.registry  # every step needs it; a broken registry stops the build here
    except HtiError as exc:
        summary.model_error = exc
        progress(BuildEvent("error", "observations", "registry", info={"error": exc}))
        return
    if not _check_plugins(project, summary, allow_failed, progress):
        return
    model = None
    if results:
        from hti_tui.pipeline.model import assemble

        try:
            model = assemble(project)  # rejects (alone) a plugin naming an unknown area
        except HtiError as exc:
            summary.model_error = exc
            progress(BuildEvent("error", "results", "model", info={"error": exc}))
            return
        if not _check_plugins(project, summary, allow_failed, progress):
            return
    jobs = observations.plan(project, force=force)
    progress(BuildEvent("start", "observations", "sources", total=len(jobs)))
    shas = observations._synthetic_shas(project)
    for job in jobs:
        progress(BuildEvent("step", "observations", job.label, total=len(jobs)))
        res = observations.run(project, job, shas)
        summary.sources.append(res)
        kind = "error" if res.error else "skip" if res.skipped else "done"
        progress(BuildEvent(kind, "observations", job.label, total=len(jobs),
                            info={"rows": res.rows, "notes": len(res.notes),
                                  "statuses": res.statuses, "error": res.error}))
    _check_plausibility(project, summary)
    if model is not None:
        _build_results(project, model, summary, force, progress, allow_failed)
    project.plugins.build_finished(summary.as_dict())


def _check_plausibility(project: Project, summary: BuildSummary) -> None:
    """Compare each built data year with the source's other years (see
    ``pipeline.plausibility``); a likely unit change fails that file, so the index years
    using it are not computed and the last good results stay."""
    from hti_tui.pipeline import plausibility

    found = plausibility.check(project)
    for res in summary.sources:
        notes = found.get((res.job.source, res.job.year), [])
        res.notes.extend(notes)
        errors = [n for n in notes if n.severity == "error"]
        if errors and res.error is None:
            res.error = DataError("; ".join(n.message for n in errors), file=errors[0].file,
                                  column=errors[0].column)


def missing_inputs(project: Project, year: int, failed: set[tuple[str, int]]) -> str:
    """The source files of an index year that failed to read this build, as text."""
    needed = [(source, period) for source, cfg in project.config.sources.items()
              for period in cfg.data_years(year)]
    return ", ".join(f"{s} {y}" for s, y in needed if (s, y) in failed)


def _build_results(project: Project, model: Any, summary: BuildSummary, force: bool,
                   progress: Progress, allow_failed: bool) -> None:
    from hti_tui.pipeline import results as results_step

    years = project.config.index.years
    progress(BuildEvent("start", "results", "index", total=len(years)))
    try:
        measures = results_step.known_measures(project)
    except HtiError as exc:
        summary.model_error = exc
        progress(BuildEvent("error", "results", "model", info={"error": exc}))
        return
    failed = {(r.job.source, r.job.year) for r in summary.sources if r.error}
    for year in years:
        progress(BuildEvent("step", "results", f"index {year}", total=len(years)))
        broken = missing_inputs(project, year, failed)
        if broken:  # an index without one of its sources would be a silently wrong number
            res = results_step.YearResult(year)
            kept = layout.results_path(project.config, year).exists()
            res.error = DataError(
                f"index {year} not computed: {broken} could not be read (see the error "
                "above); fix the file and run `hti build`" + (
                    "; until then the results of the last successful build are shown"
                    if kept else ""))
        else:
            res = results_step.build_year(project, model, year, force=force,
                                          measures=measures,
                                          left_out=summary.failed_plugins,
                                          allow_failed_plugins=allow_failed)
        summary.years.append(res)
        kind = "error" if res.error else "skip" if res.skipped else "done"
        progress(BuildEvent(kind, "results", f"index {year}", total=len(years),
                            info={"scored": res.scored, "error": res.error}))
