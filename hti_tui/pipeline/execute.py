"""Carry out a :class:`~hti_tui.pipeline.build_plan.BuildPlan`, stage by stage.

The executor decides nothing about staleness: it reads the plan. Stage 1 reads the files the
plan says to read (each written atomically), then compares each data year with the source's
other years (a likely unit change fails that file); stage 2 computes the years the plan says
to compute, unless a file one of them needs failed in stage 1 (then the last good results of
that year stay), writing them staged and committing them together at the end
(``pipeline.commit``: the results are the previous set or the complete new one).
Progress goes out as typed events (:mod:`hti_tui.pipeline.events`).
"""

from __future__ import annotations

import os
import time
from typing import Any

from hti_tui.errors import DataError, HtiError, PluginError
from hti_tui.pipeline import observations, plausibility
from hti_tui.pipeline import results as results_step
from hti_tui.pipeline.build_plan import BuildPlan, YearStep
from hti_tui.pipeline.commit import commit
from hti_tui.pipeline.events import (
    BuildStopped,
    Outcome,
    Progress,
    SourceFinished,
    SourceStarted,
    StageStarted,
    YearFinished,
    YearStarted,
)
from hti_tui.pipeline.summary import BuildSummary
from hti_tui.project import Project


def _outcome(error: HtiError | None, skipped: bool) -> Outcome:
    return "failed" if error is not None else "skipped" if skipped else "built"


def execute(project: Project, plan: BuildPlan, progress: Progress,
            summary: BuildSummary) -> None:
    """Run ``plan`` into ``summary`` (filled as it goes, so an interrupted build still
    says what it did)."""
    summary.failed_plugins = [dict(p) for p in plan.failed_plugins]
    if plan.stop is not None:
        if isinstance(plan.stop.error, PluginError) and plan.stop.cause == "plugins":
            summary.plugin_error = plan.stop.error
        else:
            summary.model_error = plan.stop.error
        progress(BuildStopped(plan.stop.stage, plan.stop.cause, plan.stop.error))
        return
    _observations(project, plan, summary, progress)
    if plan.model is not None:
        _results(project, plan, summary, progress)
    project.plugins.build_finished(summary.as_dict())


def _observations(project: Project, plan: BuildPlan, summary: BuildSummary,
                  progress: Progress) -> None:
    total = len(plan.sources)
    progress(StageStarted("observations", total))
    synthetic = observations.synthetic_shas(project)
    for position, step in enumerate(plan.sources, 1):
        progress(SourceStarted(step.source, step.year, position, total))
        res = observations.run(project, step, synthetic)
        summary.sources.append(res)
        progress(SourceFinished(step.source, step.year, _outcome(res.error, res.skipped),
                                res.rows, len(res.notes), dict(res.statuses), res.error))
    found = plausibility.check(project, _provenance(summary))
    for res in summary.sources:
        notes = found.get((res.job.source, res.job.year), [])
        res.notes.extend(notes)
        errors = [n for n in notes if n.severity == "error"]
        if errors and res.error is None:
            res.error = DataError("; ".join(n.message for n in errors), file=errors[0].file,
                                  column=errors[0].column,
                                  sv="; ".join(n.text("sv") for n in errors))


def _provenance(summary: BuildSummary) -> dict[tuple[str, int], dict[str, Any]]:
    """The observation files' provenance as stage 1 left them (written or kept)."""
    return {(r.job.source, r.job.year): r.provenance for r in summary.sources
            if r.provenance is not None and r.error is None}


def missing_inputs(step: YearStep, failed: set[tuple[str, int]]) -> str:
    """The source files of an index year that failed to read this build, as text."""
    return ", ".join(f"{s} {y}" for s, y in step.needs if (s, y) in failed)


def _results(project: Project, plan: BuildPlan, summary: BuildSummary,
             progress: Progress) -> None:
    assert plan.model is not None
    total = len(plan.years)
    progress(StageStarted("results", total))
    try:
        measures = results_step.known_measures(project)
    except HtiError as exc:
        summary.model_error = exc
        progress(BuildStopped("results", "model", exc))
        return
    failed = {(r.job.source, r.job.year) for r in summary.sources if r.error}
    provenance = _provenance(summary)
    build_id = f"{os.getpid()}-{time.time_ns()}"
    for position, step in enumerate(plan.years, 1):
        progress(YearStarted(step.year, position, total))
        broken = missing_inputs(step, failed)
        if broken:  # an index without one of its sources would be a silently wrong number
            res = results_step.YearResult(step.year)
            kept = step.output is not None and step.output.exists()
            res.error = DataError(
                f"index {step.year} not computed: {broken} could not be read (see the error "
                "above); fix the file and run `hti build`" + (
                    "; until then the results of the last successful build are shown"
                    if kept else ""),
                sv=f"index {step.year} räknades inte ut: {broken} kunde inte läsas (se felet "
                   "ovan); rätta filen och kör `hti build`" + (
                    "; till dess visas resultaten från det senaste lyckade bygget"
                    if kept else ""))
        else:
            res = results_step.compute_year(project, plan.model, step, measures,
                                            left_out=list(summary.failed_plugins),
                                            allow_failed_plugins=plan.allow_failed_plugins,
                                            observed=provenance, build_id=build_id)
        summary.years.append(res)
        progress(YearFinished(step.year, _outcome(res.error, res.skipped), res.scored,
                              res.error))
    for year in summary.years:  # a year that failed half-way leaves nothing behind
        if year.error is not None:
            for staged_file, _ in year.staged:
                staged_file.unlink(missing_ok=True)
    commit(project.config, [pair for y in summary.years if y.error is None
                            for pair in y.staged])
