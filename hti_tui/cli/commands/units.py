"""``hti units KOMMUN``: the kommun's hemtjänst units (Kolada OU data) ranked among themselves."""

from __future__ import annotations

import argparse
from collections.abc import Mapping

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.errors import UsageError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "units", help="a kommun's hemtjänst units (Kolada OU data), ranked within the kommun",
        description="Score each hemtjänst unit of a kommun on the model's indicators that "
        "Kolada publishes per unit (hti.toml [sources.kolada.options] ou_kpis; fetched by "
        "`hti fetch kolada`), with the model's goalposts, and rank the units within the kommun. "
        "Values Kolada did not publish (too few answers) stay suppressed.")
    p.add_argument("kommun", help="name or code")
    p.add_argument("--year", type=int, help="data year of the unit survey (default: the "
                   "latest fetched)")
    add_format(p)


def _indicators(project, options):
    from hti_tui.kolada.units import UnitIndicator
    from hti_tui.pipeline.model import assemble

    measure_of = {}
    for kpi, value in (options.get("kpi_measures") or {}).items():
        measure_of[str(kpi)] = value.get("measure") if isinstance(value, Mapping) else value
    by_measure = {}
    for spec in assemble(project).indicators.values():
        if len(spec.measures) == 1 and spec.measures[0].startswith("kolada:") and spec.goalposts:
            by_measure[spec.measures[0].split(":", 1)[1]] = spec
    out = []
    for kpi in options.get("ou_kpis") or []:
        spec = by_measure.get(measure_of.get(kpi, ""))
        if spec is not None:
            out.append(UnitIndicator(spec.id, spec.name, kpi, spec.goalposts[0],
                                     spec.goalposts[1], int(spec.direction)))
    return out


def run(ctx: CliContext) -> int:
    from hti_tui.facade import Facade
    from hti_tui.kolada.fetch import META_DIR
    from hti_tui.kolada.store import load_values, read_record
    from hti_tui.kolada.units import rank_units

    project = ctx.project
    config = project.config
    source = config.sources.get("kolada")
    options = dict(source.options) if source else {}
    indicators = _indicators(project, options)
    if not indicators:
        raise UsageError("no indicator of the model reads a KPI listed in hti.toml "
                         "[sources.kolada.options] ou_kpis", hint="see examples/kolada")
    code = Facade(project).resolve(ctx.args.kommun)
    raw = config.paths.raw
    years = sorted((int(p.parent.parent.name) for p in raw.glob("*/kolada/fetch.json")
                    if p.parent.parent.name.isdigit()), reverse=True)
    years = [y for y in years if any(pg.kind == "oudata" for pg in
                                     read_record(raw / str(y) / "kolada").pages)]
    if ctx.args.year is not None and ctx.args.year not in years:
        years = []
    if not years:
        raise UsageError("no unit (OU) data fetched" + (f" for {ctx.args.year}" if
                         ctx.args.year else ""),
                         hint="run `hti fetch kolada --year Y` with ou_kpis set in hti.toml")
    year = ctx.args.year or years[0]
    oudata = load_values(raw / str(year) / "kolada", "oudata")
    rows = rank_units(code, oudata, load_values(raw / META_DIR, "ou"), indicators,
                      config.method.min_coverage)
    name = project.registry.name(code)
    data = {"kommun_kod": code, "kommun_namn": name, "year": year, "source": "Källa: Kolada",
            "method": "mean of the indicator scores (the model's goalposts) the unit has, "
                      f"re-weighted when at least {config.method.min_coverage:.0%} are "
                      "published; ranked within the kommun; unpublished values stay suppressed",
            "indicators": [{"id": i.id, "name": i.name, "kpi": i.kpi} for i in indicators],
            "units": [{"rank": r.rank, "ou": r.ou, "name": r.name, "score": r.score,
                       "coverage": r.coverage, "status": r.status, "values": r.values}
                      for r in rows]}
    flat = [{"rank": r.rank, "ou": r.ou, "name": r.name, "score": r.score,
             "coverage": round(r.coverage, 3), "status": r.status,
             **{i.id: r.values.get(i.id) for i in indicators}} for r in rows]

    def table() -> list:
        t = Table(title=f"Hemtjänstenheter i {name} ({code}), {year} — Källa: Kolada",
                  title_justify="left")
        for col, just in (("rang", "right"), ("enhet", "left"), ("poäng", "right"),
                          ("täckning", "right")):
            t.add_column(col, justify=just)  # type: ignore[arg-type]
        for r in rows:
            t.add_row(str(r.rank) if r.rank else "–", escape(r.name),
                      f"{r.score:.1f}".replace(".", ",") if r.score is not None else
                      "undertryckt", f"{r.coverage:.0%}")
        notes = [f"{len(rows)} enheter; ett värde som Kolada inte publicerat (för få svar) "
                 "visas inte och räknas inte — enheten rankas först när minst "
                 f"{config.method.min_coverage:.0%} av indikatorerna finns."]
        return [t, *notes] if rows else [f"Inga enheter för {name} i Koladas OU-data {year}."]

    emit(ctx, data, flat, False, table)
    return 0
