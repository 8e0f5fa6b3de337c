"""``hti priorities KOMMUN``: where a realistic improvement buys the most index points."""

from __future__ import annotations

import argparse

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.i18n import label, number


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("priorities", help="improvements that buy the most index points")
    p.add_argument("kommun", help="name or code")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    p.add_argument("--target", choices=("median", "q75"), default="median",
                   help="reach the peers' median (default) or their best quartile")
    p.add_argument("--top", type=int, default=15, help="show the first N (default 15)")
    add_format(p)


def run(ctx: CliContext) -> int:
    f = ctx.facade()
    view = f.priorities(ctx.args.kommun, ctx.args.year, target=ctx.args.target)
    lang = f.language
    items = view.items[: ctx.args.top]

    def tables() -> list:
        target = label("to_median" if view.target == "median" else "to_quartile", lang)
        t = Table(title=f"{view.kommun_namn} {view.year} — {label('priorities', lang).lower()} "
                        f"({target})", title_justify="left",
                  caption=escape(view.peers_method), caption_justify="left")
        for col in [label(k, lang) for k in ("indikator", "now", "target", "plus_points",
                                             "new_index", "new_rank")]:
            t.add_column(col, justify="left" if col == label("indikator", lang) else "right")
        for i in items:
            t.add_row(escape(i["name"]), number(i["current"], 1, lang),
                      number(i["target"], 1, lang), number(i["points"], 2, lang, sign=True),
                      number(i["new_index"], 1, lang), str(i["new_rank"] or "–"))
        return [t]

    rows = [{"kommun_kod": view.kommun_kod, **i} for i in items]
    data = {**view.as_dict(), "items": items}
    emit(ctx, data, rows, view.synthetic, tables)
    return 0
