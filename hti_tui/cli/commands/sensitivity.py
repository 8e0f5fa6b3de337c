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
from hti_tui.i18n import choose, label, number

WORDS = {
    "factors": ("Vilken faktor flyttar rangen: en i taget (medel |rangförskjutning|) och "
                "variansbaserat (Saltelli första ordningen S och totaleffekt ST)",
                "Which factor moves ranks: one at a time (mean |rank shift|) and "
                "variance-based (Saltelli first-order S and total effect ST)"),
    "scenarios": ("Scenarier för saknade data sida vid sida (inte slumpade)",
                  "Missing-data scenarios side by side (not drawn at random)"),
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
    f = ctx.facade()
    view, _ = f.sensitivity(ctx.args.year, runs=ctx.args.runs, seed=ctx.args.seed,
                            saltelli_n=ctx.args.saltelli)
    lang = f.language
    rows = view.kommuner[: ctx.args.top] if ctx.args.top else view.kommuner
    pct = round(100 * view.assumptions["interval"])
    a = view.assumptions
    scen = [s["scenario"] for s in view.scenarios]

    def tables() -> list[Any]:
        opts = a["options"]
        head = (f"{view.runs} runs in {view.seconds:.2f} s · weights ±"
                f"{round(100 * a['weight_spread'])} % on {', '.join(a['weight_levels'])} · "
                + " · ".join(f"{k}: {', '.join(v)}" for k, v in opts.items() if k != "missing")
                + f" · geometric floor {a['geometric_floor']:g}"
                + f" · sampling error {'on (binomial p(1−p)/n)' if a['sampling_error'] else 'off'}"
                + (f" · Saltelli N = {a['saltelli_n']}" if a["saltelli_n"] else ""))
        fac = Table(title=choose(WORDS, "factors", lang),
                    title_justify="left", caption=escape(head), caption_justify="left")
        for col in ("factor", "mean rank shift", "S", "ST"):
            fac.add_column(col, justify="left" if col == "factor" else "right")
        for x in view.factors:
            fac.add_row(x["factor"], number(x["mean_rank_shift"], 2, lang),
                        number(x["first_order"], 2, lang), number(x["total_effect"], 2, lang))
        sc = Table(title=choose(WORDS, "scenarios", lang),
                   title_justify="left")
        for col in ("scenario", f"median width of the {pct} % interval", "bimodal kommuner"):
            sc.add_column(col, justify="left" if col == "scenario" else "right")
        for s in view.scenarios:
            sc.add_row(s["scenario"] + (" (model)" if s["base"] else ""),
                       number(s["median_width"], 0, lang),
                       "–" if s["bimodal"] is None else str(s["bimodal"]))
        t = Table(title=f"{label('rank_interval', lang)} ({pct} %) — {view.year}; "
                        f"headline: {a['base_scenario']}", title_justify="left",
                  caption="⚑ = bimodal ranks (Sarle's coefficient > 0.6): the median describes "
                          "neither mode", caption_justify="left")
        cols = [label("rank", lang), label("kommun", lang), "median", "low", "high"]
        cols += [f"{s} low–high" for s in scen if s != a["base_scenario"]]
        cols += ["moved most by"]
        for col in cols:
            if col == label("kommun", lang):
                identifier(t, col)  # a kommun name is never cut
            else:
                t.add_column(col, justify="left" if col == "moved most by" else "right")
        for r in rows:
            cells = [str(r["rank"] or "–"),
                     escape(r["kommun_namn"]) + (" ⚑" if r["bimodal"] else ""),
                     number(r["median_rank"], 1, lang), number(r["low"], 0, lang),
                     number(r["high"], 0, lang)]
            cells += [f"{number(r[f'{s}_low'], 0, lang)}–{number(r[f'{s}_high'], 0, lang)}"
                      for s in scen if s != a["base_scenario"]]
            t.add_row(*cells, r["main_factor"] or "–")
        return [fac, sc, t]

    emit(ctx, {**view.as_dict(), "kommuner": rows}, rows, view.synthetic, tables)
    return 0
