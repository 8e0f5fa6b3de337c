"""``hti sensitivity``: Monte Carlo over weights and methods; rank intervals per kommun."""

from __future__ import annotations

import argparse

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.i18n import label, number


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sensitivity", help="rank uncertainty under weights and method choices")
    p.add_argument("--runs", type=int, help="Monte Carlo runs (default: hti.toml)")
    p.add_argument("--seed", type=int, help="random seed (default: hti.toml)")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    p.add_argument("--top", type=int, help="show only the first N kommuner")
    add_format(p)


def run(ctx: CliContext) -> int:
    f = ctx.facade()
    view, _ = f.sensitivity(ctx.args.year, runs=ctx.args.runs, seed=ctx.args.seed)
    lang = f.language
    rows = view.kommuner[: ctx.args.top] if ctx.args.top else view.kommuner
    pct = round(100 * view.assumptions["interval"])

    def tables() -> list:
        opts = view.assumptions["options"]
        head = (f"{view.runs} runs in {view.seconds:.2f} s · weights ±"
                f"{round(100 * view.assumptions['weight_spread'])} % · "
                + " · ".join(f"{k}: {', '.join(v)}" for k, v in opts.items()))
        fac = Table(title="Which assumption moves ranks most (mean |rank shift|, one at a time)",
                    title_justify="left", caption=escape(head), caption_justify="left")
        fac.add_column("assumption")
        fac.add_column("mean rank shift", justify="right")
        for x in view.factors:
            fac.add_row(x["factor"], number(x["mean_rank_shift"], 2, lang))
        t = Table(title=f"{label('rank_interval', lang)} ({pct} %) — {view.year}",
                  title_justify="left")
        for col in (label("rank", lang), label("kommun", lang), "median", "low", "high",
                    "moved most by"):
            t.add_column(col, justify="left" if col in (label("kommun", lang), "moved most by")
                         else "right")
        for r in rows:
            t.add_row(str(r["rank"] or "–"), escape(r["kommun_namn"]),
                      number(r["median_rank"], 1, lang), number(r["low"], 0, lang),
                      number(r["high"], 0, lang), r["main_factor"] or "–")
        return [fac, t]

    emit(ctx, {**view.as_dict(), "kommuner": rows}, rows, view.synthetic, tables)
    return 0
