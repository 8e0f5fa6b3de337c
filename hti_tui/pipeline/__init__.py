"""``hti build``: raw files → observations → results, skipping what is up to date.

A build is decided once and then carried out: :func:`plan` (``pipeline.build_plan``) hashes every
input and reads every built file's provenance once, and says per source file and per index
year what the build will do and why; :func:`build` executes that plan stage by stage
(``pipeline.execute``) and records the outcome for the "last build failed" banner.
``hti build --dry-run`` prints the plan and writes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hti_tui.pipeline.events import Progress, ignore

if TYPE_CHECKING:
    from hti_tui.pipeline.build_plan import BuildPlan
    from hti_tui.pipeline.summary import BuildSummary
    from hti_tui.project import Project

__all__ = ["BuildPlan", "BuildSummary", "build", "plan"]


def __getattr__(name: str) -> Any:
    """``BuildPlan`` and ``BuildSummary`` on first use: importing ``hti_tui.pipeline`` (for
    ``layout``, as every command does) must not import the engine and Arrow compute."""
    if name == "BuildPlan":
        from hti_tui.pipeline.build_plan import BuildPlan

        return BuildPlan
    if name == "BuildSummary":
        from hti_tui.pipeline.summary import BuildSummary

        return BuildSummary
    raise AttributeError(f"module 'hti_tui.pipeline' has no attribute {name!r}")


def plan(project: Project, *, force: bool = False, results: bool = True,
         allow_failed_plugins: bool = False) -> BuildPlan:
    """What ``build`` with these options would do (nothing is written)."""
    from hti_tui.pipeline.build_plan import make_plan

    return make_plan(project, force=force, results=results,
                     allow_failed_plugins=allow_failed_plugins)


def build(project: Project, *, force: bool = False, progress: Progress = ignore,
          results: bool = True, allow_failed_plugins: bool = False) -> BuildSummary:
    """Plan the build, then run it; errors are collected per file and per year, not raised.

    A plugin that failed to load or raised in a declaration hook stops the build before
    anything is written (the index would silently lose what it contributes), unless
    ``allow_failed_plugins``: then the results record the plugins left out. Every build
    records that it started (so a build killed half-way is reported as failed, not taken
    for the last good one) and ends by recording its outcome.
    """
    from hti_tui.data.parquet_store import WriteError
    from hti_tui.pipeline import build_status, commit
    from hti_tui.pipeline.build_plan import make_plan
    from hti_tui.pipeline.execute import execute
    from hti_tui.pipeline.summary import BuildSummary

    summary = BuildSummary()
    commit.recover(project.config)  # finish what an interrupted build left
    build_status.write_started(project.config)
    finished = False
    try:
        decided = make_plan(project, force=force, results=results,
                            allow_failed_plugins=allow_failed_plugins)
        execute(project, decided, progress, summary)
        finished = True
    except WriteError as exc:  # a file that cannot be written (disk full): the build failed,
        summary.model_error = exc  # the status and the summary say why (the file, the errno);
        # what was written is complete, what was not keeps its previous version
        finished = True
    finally:
        if finished:
            build_status.write_status(project.config, not summary.errors, summary.reason,
                                      summary.failed_plugins, summary.reason_sv)
        else:  # interrupted (Ctrl-C) or a bug: never recorded as a good build
            build_status.write_status(project.config, False, build_status.INTERRUPTED,
                                      summary.failed_plugins)
    return summary
