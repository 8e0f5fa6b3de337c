"""``hti build``: raw files → observations → results, skipping what is up to date."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hti_tui.errors import DataError, HtiError, Note
from hti_tui.pipeline import layout, observations
from hti_tui.pipeline.events import BuildEvent, Progress, ignore
from hti_tui.project import Project


@dataclass
class BuildSummary:
    sources: list[observations.SourceResult] = field(default_factory=list)
    years: list[Any] = field(default_factory=list)  # results.YearResult
    model_error: HtiError | None = None

    @property
    def errors(self) -> list[HtiError]:
        errs = [r.error for r in self.sources if r.error is not None]
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
            "errors": [e.describe() for e in self.errors],
        }


def build(project: Project, *, force: bool = False, progress: Progress = ignore,
          results: bool = True) -> BuildSummary:
    """Run both build steps; errors are collected per file and per year, not raised."""
    summary = BuildSummary()
    try:
        _ = project.registry  # every step needs it; a broken registry stops the build here
    except HtiError as exc:
        summary.model_error = exc
        progress(BuildEvent("error", "observations", "registry", info={"error": exc}))
        return summary
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
    if results:
        _build_results(project, summary, force, progress)
    project.plugins.build_finished(summary.as_dict())
    return summary


def missing_inputs(project: Project, year: int, failed: set[tuple[str, int]]) -> str:
    """The source files of an index year that failed to read this build, as text."""
    needed = [(source, year - cfg.lag) for source, cfg in project.config.sources.items()]
    return ", ".join(f"{s} {y}" for s, y in needed if (s, y) in failed)


def _build_results(project: Project, summary: BuildSummary, force: bool,
                   progress: Progress) -> None:
    from hti_tui.pipeline import results as results_step
    from hti_tui.pipeline.model import assemble

    years = project.config.index.years
    progress(BuildEvent("start", "results", "index", total=len(years)))
    try:
        model = assemble(project)
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
                                          measures=measures)
        summary.years.append(res)
        kind = "error" if res.error else "skip" if res.skipped else "done"
        progress(BuildEvent(kind, "results", f"index {year}", total=len(years),
                            info={"scored": res.scored, "error": res.error}))
