"""``hti sensitivity``: Monte Carlo over weights, methods and sampling error; rank intervals
per kommun under each missing-data scenario side by side; which factor moves ranks (OAT and
variance-based)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.cli.plain_table import identifier
from hti_tui.i18n import choose, label, number, term
from hti_tui.query import analyses

WORDS = {
    "factors": ("Vilken faktor flyttar rangen: en i taget (medel |rangförskjutning|) och "
                "variansbaserat (Saltelli första ordningen S och totaleffekt ST)",
                "Which factor moves ranks: one at a time (mean |rank shift|) and "
                "variance-based (Saltelli first-order S and total effect ST)"),
    "scenarios": ("Scenarier för saknade data sida vid sida (inte slumpade)",
                  "Missing-data scenarios side by side (not drawn at random)"),
    "head": ("{runs} körningar på {seconds} s · vikter ±{spread} % på {levels}",
             "{runs} runs in {seconds} s · weights ±{spread} % on {levels}"),
    "floor": ("golv för geometriskt medel {floor}", "geometric floor {floor}"),
    "sampling_on": ("urvalsfel med (binomialt p(1−p)/n)", "sampling error on (binomial p(1−p)/n)"),
    "sampling_off": ("urvalsfel av", "sampling error off"),
    "factor": ("Faktor", "Factor"),
    "scenario": ("Scenario", "Scenario"),
    "width": ("Medianbredd för {pct} %-intervallet", "Median width of the {pct} % interval"),
    "bimodal": ("Bimodala kommuner", "Bimodal kommuner"),
    "model": ("modellens", "model"),
    "interval_title": ("{title} ({pct} %) — {year}; huvudscenario: {base}",
                       "{title} ({pct} %) — {year}; headline: {base}"),
    "bimodal_note": ("⚑ = bimodal rang (Sarles koefficient > 0,6): medianen beskriver ingen av "
                     "topparna", "⚑ = bimodal ranks (Sarle's coefficient > 0.6): the median "
                     "describes neither mode"),
    "low_high": ("{scenario} lägst–högst", "{scenario} low–high"),
}

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("sensitivity", help="rank uncertainty under weights, methods, sampling "
                                           "error and missing-data scenarios")
    p.add_argument("--runs", type=int, help="Monte Carlo runs (default: hti.toml)")
    p.add_argument("--seed", type=int, help="random seed (default: hti.toml)")
    p.add_argument("--saltelli", type=int, metavar="N",
                   help="base runs of the variance-based indices, 0 = off (default: hti.toml "
                        "saltelli_n)")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    p.add_argument("--top", type=int, help="show only the first N kommuner")
    add_format(p)


def run(ctx: CliContext) -> int:
    ix = ctx.index()
    view, _ = analyses.sensitivity(ix, ctx.args.year, runs=ctx.args.runs, seed=ctx.args.seed,
                            saltelli_n=ctx.args.saltelli)
    lang = ix.language
    rows = view.kommuner[: ctx.args.top] if ctx.args.top else view.kommuner
    pct = round(100 * view.assumptions["interval"])
    a = view.assumptions
    scen = [s["scenario"] for s in view.scenarios]

    def tables() -> list[Any]:
        opts = a["options"]
        levels = ", ".join(term("level", w, lang) for w in a["weight_levels"])
        head = (choose(WORDS, "head", lang, runs=view.runs,
                       seconds=number(view.seconds, 2, lang),
                       spread=round(100 * a["weight_spread"]), levels=levels) + " · "
                + " · ".join(f"{term('factor', k, lang)}: {', '.join(v)}"
                             for k, v in opts.items() if k != "missing")
                + " · " + choose(WORDS, "floor", lang,
                                 floor=number(a["geometric_floor"], 2, lang))
                + " · " + choose(WORDS, "sampling_on" if a["sampling_error"] else
                                 "sampling_off", lang)
                + (f" · Saltelli N = {a['saltelli_n']}" if a["saltelli_n"] else ""))
        fac = Table(title=choose(WORDS, "factors", lang),
                    title_justify="left", caption=escape(head), caption_justify="left")
        fac.add_column(choose(WORDS, "factor", lang), justify="left")
        for col in (label("mean_rank_shift", lang), "S", "ST"):
            fac.add_column(col, justify="right")
        for x in view.factors:
            fac.add_row(term("factor", x["factor"], lang),
                        number(x["mean_rank_shift"], 2, lang),
                        number(x["first_order"], 2, lang), number(x["total_effect"], 2, lang))
        sc = Table(title=choose(WORDS, "scenarios", lang),
                   title_justify="left")
        sc.add_column(choose(WORDS, "scenario", lang), justify="left")
        sc.add_column(choose(WORDS, "width", lang, pct=pct), justify="right")
        sc.add_column(choose(WORDS, "bimodal", lang), justify="right")
        for s in view.scenarios:
            sc.add_row(term("scenario", s["scenario"], lang)
                       + (f" ({choose(WORDS, 'model', lang)})" if s["base"] else ""),
                       number(s["median_width"], 0, lang),
                       "–" if s["bimodal"] is None else str(s["bimodal"]))
        t = Table(title=choose(WORDS, "interval_title", lang,
                               title=label("rank_interval", lang), pct=pct, year=view.year,
                               base=term("scenario", a["base_scenario"], lang)),
                  title_justify="left", caption=choose(WORDS, "bimodal_note", lang),
                  caption_justify="left")
        t.add_column(label("rank", lang), justify="right")
        identifier(t, label("kommun", lang))  # a kommun name is never cut
        for col in (label("median", lang), label("low", lang), label("high", lang)):
            t.add_column(col, justify="right")
        for s in scen:
            if s != a["base_scenario"]:
                t.add_column(choose(WORDS, "low_high", lang,
                                    scenario=term("scenario", s, lang)), justify="right")
        t.add_column(label("moved_most_by", lang), justify="left")
        for r in rows:
            cells = [str(r["rank"] or "–"),
                     escape(r["kommun_namn"]) + (" ⚑" if r["bimodal"] else ""),
                     number(r["median_rank"], 1, lang), number(r["low"], 0, lang),
                     number(r["high"], 0, lang)]
            cells += [f"{number(r[f'{s}_low'], 0, lang)}–{number(r[f'{s}_high'], 0, lang)}"
                      for s in scen if s != a["base_scenario"]]
            main = r["main_factor"]
            t.add_row(*cells, term("factor", main, lang) if main else "–")
        return [fac, sc, t]

    emit(ctx, {**view.as_dict(), "kommuner": rows}, rows, view.synthetic, tables)
    return 0
