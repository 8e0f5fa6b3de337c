"""``hti build``: read every raw source file, write observations and results."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich import box
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, print_tables
from hti_tui.cli.render import banner, print_json, print_notes
from hti_tui.i18n import label

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers
    from hti_tui.pipeline.events import BuildEvent

#: a finished step's outcome on its progress bar
OUTCOME = {"built": "[green]built[/]", "skipped": "[dim]up to date[/]",
           "failed": "[red]error[/]"}


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("build", help="read the raw sources and compute the index",
                       description="Read every raw source file under datasets/raw through its "
                       "adapter, write observations and results as Parquet. Unchanged inputs "
                       "are skipped.")
    p.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    add_format(p, ("table", "json"))
    p.add_argument("--observations-only", action="store_true",
                   help="stop after the observations (skip the index computation)")
    p.add_argument("--dry-run", action="store_true",
                   help="print the build plan — what would be read, computed or skipped and "
                        "why — and write nothing (with --format json: the plan as JSON)")
    p.add_argument("--allow-failed-plugins", action="store_true",
                   help="build without plugins that failed to load or raised (recorded in "
                        "the results and shown as a banner); by default such a build fails "
                        "and keeps the last good results")


def progress_bars(bars: Progress, years_per_source: dict[str, int]
                  ) -> Callable[[BuildEvent], None]:
    """The build's events as rich progress bars: one per source (its data years), one for
    the index years."""
    from hti_tui.pipeline.events import (
        SourceFinished,
        SourceStarted,
        StageStarted,
        YearFinished,
        YearStarted,
    )

    tasks: dict[str, TaskID] = {}

    index = "\0index"  # the index bar's key: never a source id

    def bar(key: str, total: int) -> TaskID:
        if key not in tasks:
            name = "index (results)" if key == index else key
            tasks[key] = bars.add_task(name, total=total, status="")
        return tasks[key]

    def on_event(ev: BuildEvent) -> None:
        if isinstance(ev, StageStarted) and ev.stage == "results":
            bar(index, ev.total)
        elif isinstance(ev, SourceStarted):
            bars.update(bar(ev.source, years_per_source.get(ev.source, 1)),
                        status=f"reading {ev.year}")
        elif isinstance(ev, SourceFinished):
            bars.update(bar(ev.source, years_per_source.get(ev.source, 1)), advance=1,
                        status=OUTCOME[ev.outcome])
        elif isinstance(ev, YearStarted):
            bars.update(bar(index, ev.total), status=f"computing {ev.year}")
        elif isinstance(ev, YearFinished):
            bars.update(bar(index, 1), advance=1, status=OUTCOME[ev.outcome])

    return on_event


def dry_run(ctx: CliContext) -> int:
    """Print what ``hti build`` with these options would do; write nothing."""
    from hti_tui.cli.commands.build_plan_text import print_plan
    from hti_tui.pipeline import plan

    args = ctx.args
    decided = plan(ctx.project, force=args.force, results=not args.observations_only,
                   allow_failed_plugins=args.allow_failed_plugins)
    if args.format == "json":
        print_json(ctx.console, decided.as_dict())
        return 1 if decided.would_fail else 0
    return print_plan(ctx.console, decided, ctx.project.config.ui.language)


def run(ctx: CliContext) -> int:
    from hti_tui.pipeline import build

    project = ctx.project
    args = ctx.args
    if args.dry_run:
        return dry_run(ctx)
    show = args.format != "json"
    with Progress(TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[status]}"), TimeElapsedColumn(),
                  console=ctx.err, disable=not show, transient=False) as bars:
        on_event = progress_bars(bars, {s: len(c.adapters)
                                        for s, c in project.config.sources.items()})
        started = time.perf_counter()
        summary = build(project, force=args.force, progress=on_event,
                        results=not args.observations_only,
                        allow_failed_plugins=args.allow_failed_plugins)
        wall = time.perf_counter() - started
    if args.format == "json":
        print_json(ctx.console, summary.as_dict())
        return 1 if summary.errors else 0
    out = ctx.console
    if summary.plugin_error is not None:  # nothing was read or written
        out.print(f"[bold red]error:[/] {escape(summary.plugin_error.describe())}")
        out.print("[bold red]Build failed[/]: no new results; the last good results are "
                  "kept unchanged.")
        return 1
    banner(out, summary.synthetic, project.config.ui.language)
    lang = project.config.ui.language
    table = Table(title=label("observations", lang), title_justify="left", show_footer=True,
                  box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 0))
    totals: Counter[str] = Counter()
    for r in summary.sources:
        totals.update(r.statuses)
        totals["rows"] += r.rows
    heads = (("source", "total"), ("year", ""), ("rows", totals["rows"]), ("ok", totals["ok"]),
             ("suppr.", totals["suppressed"]), ("not rep.", totals["not_reported"]),
             ("invalid", totals["invalid"]), ("notes", len(summary.notes)), ("state", ""))
    widest = max((len(r.job.source) for r in summary.sources), default=6)
    for col, foot in heads:
        text = col in ("source", "state")
        table.add_column(col, footer=str(foot), justify="left" if text else "right",
                         min_width=widest if col == "source" else None if text
                         else max(len(col), len(str(foot)), 4),
                         overflow="fold")
    for r in summary.sources:
        s = Counter(r.statuses)
        state = ("[red]error[/]" if r.error else "[dim]up to date[/]" if r.skipped
                 else f"built {r.seconds * 1000:.0f} ms")
        table.add_row(r.job.source, str(r.job.year), str(r.rows), str(s["ok"]),
                      str(s["suppressed"]), str(s["not_reported"]), str(s["invalid"]),
                      "–" if r.skipped else str(len(r.notes)), state)
    print_tables(out, table)
    if summary.years:
        yt = Table(title="Index", title_justify="left")
        for col in ("year", "units", "scored", "state"):
            yt.add_column(col, justify="right" if col != "state" else "left")
        for y in summary.years:
            state = ("[red]error[/]" if y.error else "[dim]up to date[/]" if y.skipped
                     else f"built {y.seconds * 1000:.0f} ms "
                          f"(engine {y.engine_seconds * 1000:.1f} ms)")
            yt.add_row(str(y.year), str(y.units), str(y.scored), state)
        print_tables(out, yt)
    for left in summary.failed_plugins if summary.plugin_error is None else []:
        out.print(f"[bold black on yellow] built WITHOUT plugin {escape(left['name'])} "
                  f"(--allow-failed-plugins) [/] {escape(left['error'])}; missing: "
                  f"{escape(left['would_contribute'])}")
    for err in summary.errors:
        out.print(f"[bold red]error:[/] {escape(err.describe())}")
    notes = summary.notes
    if notes:
        kinds = Counter(n.severity for n in notes)
        out.print(f"Data-quality notes: {kinds['error']} errors, {kinds['warning']} warnings, "
                  f"{kinds['info']} info")
        print_notes(out, notes, limit=10)
    if summary.all_skipped and not summary.errors:
        n_src = sum(1 for r in summary.sources if r.skipped)
        out.print(f"Nothing changed since the last build: {n_src} source files and "
                  f"{len(summary.years)} index years are up to date (use --force to rebuild).")
    elif not summary.errors:
        written = sum(r.bytes_written for r in summary.sources) + \
            sum(y.bytes_written for y in summary.years)
        where = project.config.rel(project.config.paths.observations.parent)
        out.print(f"[green]Build complete[/] in {wall:.1f} s; wrote {written / 1024:.0f} KiB "
                  f"of Parquet under {where}/.")
    return 1 if summary.errors else 0
