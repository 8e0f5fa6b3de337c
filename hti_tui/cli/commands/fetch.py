"""``hti fetch kolada``: download the model's Kolada KPIs into datasets/raw (see hti_tui.kolada)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.errors import UsageError
from hti_tui.i18n import choose

#: what ``hti fetch`` says, (svenska, English)
WORDS = {
    "rows": ("{n} rader", "{n} rows"),
    "year": ("år", "year"), "what": ("vad", "what"), "queries": ("frågor", "queries"),
    "pages": ("sidor", "pages"), "values": ("värden", "values"),
    "retries": ("omförsök", "retries"), "seconds": ("sekunder", "seconds"),
    "files": ("filer", "files"), "written": ("skrivna", "written"),
    "unchanged": ("oförändrade", "unchanged"),
    "saved": ("Sparat under {folders}; kör `hti build` sedan.",
              "Saved under {folders}; run `hti build` next."),
    "nothing": ("Inget nytt från Kolada: ingen fil ändrades.",
                "Nothing new from Kolada: no file changed."),
    "note": ("obs", "note"),
    "no_groups": ("inga grupper 'Liknande kommuner äldreomsorg' för {year} bland Koladas "
                  "kommungrupper",
                  "no 'Liknande kommuner äldreomsorg' groups for {year} in Kolada's "
                  "municipality groups"),
    "peers": ("{n} kommuner med RKA:s jämförbara 'Liknande kommuner äldreomsorg' {year} → "
              "{path}",
              "{n} kommuner with RKA peers 'Liknande kommuner äldreomsorg' {year} → {path}"),
}

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers
    from hti_tui.kolada.fetch import FetchSummary
    from hti_tui.project.config import Config

    #: one line of the report: (data year or None for metadata, what, the fetch's summary)
    Fetched = tuple[int | None, str, FetchSummary]


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser(
        "fetch", help="download raw data from an online source (Kolada)",
        description="Ask Kolada's API v3 for the KPIs hti.toml maps (or --kpi) and save the "
        "answers byte for byte under datasets/raw/<year>/kolada/ with a provenance record "
        "(fetch.json). A fetch that brings nothing new changes no file. Then run hti build.")
    p.add_argument("source", choices=["kolada"], help="the source to fetch")
    p.add_argument("--year", type=int, nargs="+", metavar="Y",
                   help="data year(s) to fetch (default: every data year the model's index "
                   "years read from Kolada, lags included)")
    p.add_argument("--kpi", nargs="+", metavar="ID", help="KPI ids (default: every KPI in "
                   "hti.toml [sources.kolada.options.kpi_measures])")
    p.add_argument("--base-url", metavar="URL", help="API root (default: hti.toml "
                   "[sources.kolada.options] base_url, else https://api.kolada.se/v3)")
    p.add_argument("--groups", action="store_true", help="also fetch Kolada's municipality "
                   "groups and write RKA's 'Liknande kommuner äldreomsorg' peers of each --year "
                   "(default: of each index year)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds per request (30)")
    p.add_argument("--retries", type=int, default=3, help="retries after a 5xx or timeout (3)")


def _options(ctx: CliContext) -> tuple[Config, list[str], list[str], str, list[int]]:
    from hti_tui.kolada import DEFAULT_BASE_URL
    from hti_tui.project.config import load_config

    config = load_config(ctx.config_path)
    source = config.sources.get("kolada")
    options = dict(source.options) if source else {}
    mapped = options.get("kpi_measures")
    kpis = list(ctx.args.kpi or (mapped.keys() if isinstance(mapped, Mapping) else ()))
    if not kpis:
        raise UsageError("no KPI to fetch: hti.toml [sources.kolada.options.kpi_measures] is "
                         "empty and no --kpi was given",
                         sv="inget nyckeltal att hämta: hti.toml "
                            "[sources.kolada.options.kpi_measures] är tom och inget --kpi "
                            "angavs")
    ou = options.get("ou_kpis", [])
    base = str(ctx.args.base_url or options.get("base_url") or DEFAULT_BASE_URL).rstrip("/")
    years = ctx.args.year or (sorted({y for i in config.index.years
                                      for y in source.data_years(i)}) if source else [])
    if not years:
        raise UsageError("no data year to fetch: give --year",
                         sv="inget dataår att hämta: ange --year")
    return config, kpis, [k for k in ou if isinstance(k, str)], base, years


def run(ctx: CliContext) -> int:
    from hti_tui.kolada.client import KoladaClient
    from hti_tui.kolada.fetch import fetch_data, fetch_meta, ou_ids

    config, kpis, ou_kpis, base, years = _options(ctx)
    lang = config.ui.language
    raw = config.paths.raw
    summaries: list[Fetched] = []
    units: set[str] = set()
    with KoladaClient(timeout=ctx.args.timeout, retries=ctx.args.retries) as client:
        for year in years:
            with Progress(TextColumn("{task.description:<22}"), BarColumn(),
                          TextColumn(choose(WORDS, "rows", lang, n="{task.fields[rows]:>6}")),
                          TimeElapsedColumn(),
                          console=ctx.err, transient=False) as bars:
                tasks = {k: bars.add_task(f"{k} {year}", total=None, rows=0) for k in kpis}

                def progress(kpi: str, rows: int, done: bool, bars: Progress = bars,
                             tasks: dict[str, TaskID] = tasks) -> None:
                    if done:
                        bars.update(tasks[kpi], total=max(rows, 1), completed=max(rows, 1),
                                    rows=rows)
                    else:
                        bars.update(tasks[kpi], rows=rows)

                summaries.append((year, "data", fetch_data(client, raw, base, year, kpis,
                                                           progress)))
                wanted_ou = [k for k in ou_kpis if ctx.args.kpi is None or k in kpis]
                if wanted_ou:
                    ou = fetch_data(client, raw, base, year, wanted_ou, kind="oudata",
                                    unit_key="ou")
                    units.update(ou_ids(ou.values))
                    summaries.append((year, "oudata", ou))
        meta = fetch_meta(client, raw, base, kpis, groups=ctx.args.groups, ou_ids=units)
    summaries.append((None, "metadata", meta))
    _report(ctx, config, summaries)
    if ctx.args.groups:
        _peer_groups(ctx, config, meta.values, ctx.args.year or list(config.index.years))
    return 0


def _peer_groups(ctx: CliContext, config: Config, groups: list[Any], years: list[int]
                 ) -> None:
    """RKA's peers of each year asked for (default: the index years) that Kolada has."""
    from hti_tui.errors import DataError
    from hti_tui.kolada.groups import write_peer_groups

    written = 0
    for year in years:
        try:
            path, n = write_peer_groups(groups, year, config)
        except DataError as exc:
            if "hold no" not in exc.message:
                raise
            lang = config.ui.language
            ctx.err.print(f"[yellow]{choose(WORDS, 'note', lang)}:[/] "
                          + choose(WORDS, "no_groups", lang, year=year))
            continue
        written += 1
        ctx.console.print(choose(WORDS, "peers", config.ui.language, n=n, year=year,
                                 path=config.rel(path)))
    if not written:
        raise DataError("Kolada's municipality groups hold no 'Liknande kommuner "
                        f"äldreomsorg' groups for {', '.join(map(str, years))}",
                        file="/v3/municipality_groups",
                        sv="Koladas kommungrupper har inga grupper 'Liknande kommuner "
                           f"äldreomsorg' för {', '.join(map(str, years))}")


def _report(ctx: CliContext, config: Config, summaries: list[Fetched]) -> None:
    lang = config.ui.language
    table = Table(title="Kolada (Källa: Kolada)", title_justify="left")
    for col, just in (("year", "left"), ("what", "left"), ("queries", "right"),
                      ("pages", "right"), ("values", "right"), ("retries", "right"),
                      ("seconds", "right"), ("files", "left")):
        table.add_column(choose(WORDS, col, lang), justify=just)  # type: ignore[arg-type]
    for year, what, s in summaries:
        retries = sum(q.attempts - q.pages for q in s.queries)
        table.add_row(str(year or "–"), what, str(len(s.queries)), str(s.pages),
                      str(sum(q.values for q in s.queries)), str(retries),
                      f"{s.seconds:.2f}".replace(".", "," if lang == "sv" else "."),
                      choose(WORDS, "written" if s.changed else "unchanged", lang))
    ctx.console.print(table)
    folders = sorted({config.rel(s.folder) for _, _, s in summaries})
    if any(s.changed for _, _, s in summaries):
        ctx.console.print(choose(WORDS, "saved", lang, folders=", ".join(folders)))
    else:
        ctx.console.print(choose(WORDS, "nothing", lang))
