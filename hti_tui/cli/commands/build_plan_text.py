"""``hti build --dry-run``: the build plan in words, Swedish or English (nothing is written).

The plan (:class:`hti_tui.pipeline.build_plan.BuildPlan`) carries reason *codes*; the words for
them are here, in the CLI, like every other label (``hti_tui.i18n.choose``).
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from hti_tui.cli.output import print_tables
from hti_tui.i18n import choose
from hti_tui.pipeline.build_plan import BuildPlan
from hti_tui.pipeline.source_steps import SourceStep

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Torrkörning av hti build: planen, inget skrivs",
              "hti build dry run: the plan, nothing is written"),
    "inputs": ("Indata: hti.toml {config}, enhetsregistret {registry}, {files} råfiler, "
               "{plugins} plugins, modellen {model}",
               "Inputs: hti.toml {config}, unit registry {registry}, {files} raw files, "
               "{plugins} plugins, model {model}"),
    "stage1": ("Steg 1: observationer (en råfil per källa och dataår)",
               "Stage 1: observations (one raw file per source and data year)"),
    "stage2": ("Steg 2: index per år", "Stage 2: the index of each year"),
    "col_source": ("källa", "source"), "col_year": ("år", "year"),
    "col_action": ("åtgärd", "action"), "col_why": ("varför", "why"),
    "col_file": ("fil", "file"),
    # actions
    "read": ("läses", "read"), "compute": ("beräknas", "compute"),
    "skip": ("oförändrad", "up to date"), "fail": ("FEL", "ERROR"),
    # reasons
    "up_to_date": ("aktuell", "up to date"),
    "forced": ("--force", "--force"),
    "not_built": ("inte byggd än", "not built yet"),
    "unreadable": ("den byggda filen går inte att läsa", "the built file cannot be read"),
    "notes_missing": ("kvalitetsnoteringarna saknas", "its data-quality notes are missing"),
    "notes_other_build": ("kvalitetsnoteringarna är från ett annat bygge",
                          "its data-quality notes are from another build"),
    "raw_changed": ("råfilen har ändrats", "the raw file changed"),
    "adapter_changed": ("adaptern har ändrats", "the adapter changed"),
    "plugin_changed": ("pluginets version eller kod har ändrats",
                       "the plugin's version or code changed"),
    "registry_changed": ("enhetsregistret har ändrats", "the unit registry changed"),
    "options_changed": ("källans inställningar i hti.toml har ändrats",
                        "the source's options in hti.toml changed"),
    "schema_changed": ("observationernas format har ändrats",
                       "the observations' format changed"),
    "changed": ("något den beror på har ändrats", "something it depends on changed"),
    "problem": ("kan inte läsas", "cannot be read"),
    "inputs_failed": ("beräknas inte: en källfil kan inte läsas; de senaste resultaten "
                      "behålls", "not computed: a source file cannot be read; the last "
                      "results are kept"),
    "observations_changed": ("observationerna läses om", "its observations are re-read"),
    "stale": ("inaktuell", "stale"),
    "intervals_missing": ("rangintervallen saknas", "the rank intervals are missing"),
    "intervals_other_build": ("rangintervallen är från ett annat bygge",
                              "the rank intervals are from another build"),
    "content": ("innehållet stämmer inte med hashen", "the content does not match its hash"),
    # the last lines
    "would_rebuild": ("Skulle byggas om: {what}", "Would rebuild: {what}"),
    "nothing": ("Inget har ändrats: {files} råfiler och {years} indexår är aktuella.",
                "Nothing changed: {files} raw files and {years} index years are up to date."),
    "index_year": ("index {year}", "index {year}"),
    "would_fail": ("Bygget skulle misslyckas: {why}", "The build would fail: {why}"),
    "stop": ("Bygget skulle stanna före steg {stage} ({cause}): {error}",
             "The build would stop before stage {stage} ({cause}): {error}"),
    "left_out": ("byggs UTAN plugin {name} (--allow-failed-plugins): {error}",
                 "built WITHOUT plugin {name} (--allow-failed-plugins): {error}"),
}


def _short(sha: str) -> str:
    return sha[:12] if sha else "–"


def _why(reason: str, detail: str, lang: str) -> str:
    from hti_tui.pipeline.build_status import reason_words

    words = choose(WORDS, reason, lang)
    detail = reason_words(detail, lang)  # a stale or content reason in the user's language
    return f"{words} ({detail})" if detail and reason != "up_to_date" else words


def print_plan(out: Console, plan: BuildPlan, lang: str) -> int:
    """Print the plan; 1 when the build would fail, else 0."""
    def say(key: str, **values: object) -> str:
        return choose(WORDS, key, lang, **values)

    out.print(f"[bold]{escape(say('title'))}[/]")
    if plan.stop is not None:
        out.print("[bold red]" + escape(say("stop", stage=plan.stop.stage, cause=plan.stop.cause,
                                            error=plan.stop.error.describe(lang))) + "[/]")
        return 1
    inputs = plan.inputs
    if inputs is not None:
        out.print(escape(say("inputs", config=_short(inputs.config_sha256),
                             registry=_short(inputs.registry_sha256),
                             files=len(inputs.raw_files), plugins=len(inputs.plugin_versions),
                             model=_short(inputs.model_sha256))))
    for left in plan.failed_plugins:
        out.print("[bold black on yellow]" + escape(say("left_out", name=left["name"],
                                                        error=left["error"])) + "[/]")
    sources = Table(title=say("stage1"), title_justify="left", box=box.SIMPLE_HEAD)
    for key in ("col_source", "col_year", "col_action", "col_why", "col_file"):
        sources.add_column(say(key), overflow="fold")
    def detail(s: SourceStep) -> str:  # a problem in the user's language
        return s.problem.describe(lang) if s.problem is not None else s.detail

    for s in plan.sources:
        colour = {"read": "green", "skip": "dim", "fail": "red"}[s.action]
        sources.add_row(escape(s.source), str(s.year), f"[{colour}]{say(s.action)}[/]",
                        escape(_why(s.reason, detail(s), lang)), escape(s.input_rel or "–"))
    tables: list[Table] = [sources]
    if plan.years:
        years = Table(title=say("stage2"), title_justify="left", box=box.SIMPLE_HEAD)
        for key in ("col_year", "col_action", "col_why"):
            years.add_column(say(key), overflow="fold")
        for y in plan.years:
            colour = {"compute": "green", "skip": "dim", "fail": "red"}[y.action]
            years.add_row(str(y.year), f"[{colour}]{say(y.action)}[/]",
                          escape(_why(y.reason, y.detail, lang)))
        tables.append(years)
    print_tables(out, tables)
    what = [s.label for s in plan.would_read] + [
        say("index_year", year=y.year) for y in plan.would_compute]
    failing = [f"{s.label}: {detail(s)}" for s in plan.sources if s.action == "fail"] + [
        f"{say('index_year', year=y.year)}: {_why(y.reason, y.detail, lang)}"
        for y in plan.years if y.action == "fail"]
    if what:
        out.print(escape(say("would_rebuild", what=", ".join(what))))
    elif not failing:
        out.print(escape(say("nothing", files=len(plan.sources), years=len(plan.years))))
    if failing:
        out.print("[bold red]" + escape(say("would_fail", why="; ".join(failing))) + "[/]")
    return 1 if plan.would_fail else 0
