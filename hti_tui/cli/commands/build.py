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
from hti_tui.i18n import choose, label

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers
    from hti_tui.pipeline.events import BuildEvent

#: what ``hti build`` says, (svenska, English)
WORDS = {
    "built": ("byggd", "built"), "skipped": ("aktuell", "up to date"), "failed": ("fel", "error"),
    "reading": ("läser {year}", "reading {year}"), "computing": ("räknar {year}",
                                                               "computing {year}"),
    "index_bar": ("index (resultat)", "index (results)"),
    "error": ("fel", "error"),
    "build_failed": ("[bold red]Bygget misslyckades[/]: inga nya resultat; de senaste "
                     "fungerande resultaten behålls oförändrade.",
                     "[bold red]Build failed[/]: no new results; the last good results are "
                     "kept unchanged."),
    "source": ("källa", "source"), "total": ("summa", "total"), "year": ("år", "year"),
    "rows": ("rader", "rows"), "ok": ("ok", "ok"), "suppr.": ("skydd.", "suppr."),
    "not rep.": ("ej rapp.", "not rep."), "invalid": ("ogiltiga", "invalid"),
    "notes": ("anteckn.", "notes"), "state": ("läge", "state"), "units": ("enheter", "units"),
    "scored": ("med index", "scored"),
    "built_ms": ("byggd {ms} ms", "built {ms} ms"),
    "built_engine": ("byggd {ms} ms (motorn {engine} ms)", "built {ms} ms (engine {engine} ms)"),
    "without": ("[bold black on yellow] byggd UTAN plugin {name} (--allow-failed-plugins) [/] "
                "{error}; saknas: {missing}",
                "[bold black on yellow] built WITHOUT plugin {name} (--allow-failed-plugins) [/] "
                "{error}; missing: {missing}"),
    "notes_line": ("Datakvalitet: {errors} fel, {warnings} varningar, {info} info",
                   "Data-quality notes: {errors} errors, {warnings} warnings, {info} info"),
    "nothing": ("Inget har ändrats sedan förra bygget: {sources} källfiler och {years} indexår "
                "är aktuella (bygg om med --force).",
                "Nothing changed since the last build: {sources} source files and {years} "
                "index years are up to date (use --force to rebuild)."),
    "complete": ("[green]Bygget är klart[/] på {seconds} s; skrev {kib} KiB Parquet under "
                 "{where}/.",
                 "[green]Build complete[/] in {seconds} s; wrote {kib} KiB of Parquet under "
                 "{where}/."),
}

#: a finished step's outcome on its progress bar (its colour; the word from WORDS)
STYLE = {"built": "green", "skipped": "dim", "failed": "red"}


def outcome(kind: str, language: str) -> str:
    """A finished step's outcome on its progress bar, coloured, in ``language``."""
    return f"[{STYLE[kind]}]{choose(WORDS, kind, language)}[/]"


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


def progress_bars(bars: Progress, years_per_source: dict[str, int], language: str = "sv"
                  ) -> Callable[[BuildEvent], None]:
    """The build's events as rich progress bars: one per source (its data years), one for
    the index years; the words in ``language``."""
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
            name = choose(WORDS, "index_bar", language) if key == index else key
            tasks[key] = bars.add_task(name, total=total, status="")
        return tasks[key]

    def on_event(ev: BuildEvent) -> None:
        if isinstance(ev, StageStarted) and ev.stage == "results":
            bar(index, ev.total)
        elif isinstance(ev, SourceStarted):
            bars.update(bar(ev.source, years_per_source.get(ev.source, 1)),
                        status=choose(WORDS, "reading", language, year=ev.year))
        elif isinstance(ev, SourceFinished):
            bars.update(bar(ev.source, years_per_source.get(ev.source, 1)), advance=1,
                        status=outcome(ev.outcome, language))
        elif isinstance(ev, YearStarted):
            bars.update(bar(index, ev.total),
                        status=choose(WORDS, "computing", language, year=ev.year))
        elif isinstance(ev, YearFinished):
            bars.update(bar(index, 1), advance=1, status=outcome(ev.outcome, language))

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
    lang = project.config.ui.language
    with Progress(TextColumn("{task.description:<28}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[status]}"), TimeElapsedColumn(),
                  console=ctx.err, disable=not show, transient=False) as bars:
        on_event = progress_bars(bars, {s: len(c.adapters)
                                        for s, c in project.config.sources.items()}, lang)
        started = time.perf_counter()
        summary = build(project, force=args.force, progress=on_event,
                        results=not args.observations_only,
                        allow_failed_plugins=args.allow_failed_plugins)
        wall = time.perf_counter() - started
    if args.format == "json":
        print_json(ctx.console, summary.as_dict())
        return 1 if summary.errors else 0
    out = ctx.console
    def word(key: str, **fmt: object) -> str:
        return choose(WORDS, key, lang, **fmt)

    if summary.plugin_error is not None:  # nothing was read or written
        out.print(f"[bold red]{word('error')}:[/] {escape(summary.plugin_error.describe(lang))}")
        out.print(word("build_failed"))
        return 1
    banner(out, summary.synthetic, lang)
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
        head = word(col)
        foot = word(foot) if foot == "total" else foot
        table.add_column(head, footer=str(foot), justify="left" if text else "right",
                         min_width=widest if col == "source" else None if text
                         else max(len(head), len(str(foot)), 4),
                         overflow="fold")
    for r in summary.sources:
        s = Counter(r.statuses)
        state = (outcome("failed", lang) if r.error else outcome("skipped", lang) if r.skipped
                 else word("built_ms", ms=f"{r.seconds * 1000:.0f}"))
        table.add_row(r.job.source, str(r.job.year), str(r.rows), str(s["ok"]),
                      str(s["suppressed"]), str(s["not_reported"]), str(s["invalid"]),
                      "–" if r.skipped else str(len(r.notes)), state)
    print_tables(out, table)
    if summary.years:
        yt = Table(title="Index", title_justify="left")
        for col in ("year", "units", "scored", "state"):
            yt.add_column(word(col), justify="right" if col != "state" else "left")
        for y in summary.years:
            engine = f"{y.engine_seconds * 1000:.1f}"
            state = (outcome("failed", lang) if y.error else outcome("skipped", lang)
                     if y.skipped else word("built_engine", ms=f"{y.seconds * 1000:.0f}",
                                             engine=engine.replace(".", ",") if lang == "sv"
                                             else engine))
            yt.add_row(str(y.year), str(y.units), str(y.scored), state)
        print_tables(out, yt)
    for left in summary.failed_plugins if summary.plugin_error is None else []:
        sv = "_sv" if lang == "sv" else ""
        out.print(word("without", name=escape(left["name"]),
                       error=escape(str(left.get("error" + sv) or left["error"])),
                       missing=escape(str(left.get("would_contribute" + sv)
                                          or left["would_contribute"]))))
    for err in summary.errors:
        out.print(f"[bold red]{word('error')}:[/] {escape(err.describe(lang))}")
    notes = summary.notes
    if notes:
        kinds = Counter(n.severity for n in notes)
        out.print(word("notes_line", errors=kinds["error"], warnings=kinds["warning"],
                       info=kinds["info"]))
        print_notes(out, notes, limit=10, language=lang)
    if summary.all_skipped and not summary.errors:
        n_src = sum(1 for r in summary.sources if r.skipped)
        out.print(word("nothing", sources=n_src, years=len(summary.years)))
    elif not summary.errors:
        written = sum(r.bytes_written for r in summary.sources) + \
            sum(y.bytes_written for y in summary.years)
        where = project.config.rel(project.config.paths.observations.parent)
        seconds = f"{wall:.1f}"
        out.print(word("complete", seconds=seconds.replace(".", ",") if lang == "sv"
                       else seconds, kib=f"{written / 1024:.0f}", where=where))
    return 1 if summary.errors else 0
