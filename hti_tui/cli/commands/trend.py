"""``hti trend KOMMUN``: score, rank and each delindex across all index years."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.i18n import label, number, short_name
from hti_tui.query import compare

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("trend", help="one kommun across all index years")
    p.add_argument("kommun", help="name or code")
    add_format(p)


def run(ctx: CliContext) -> int:
    ix = ctx.index()
    view = compare.trend(ix, ctx.args.kommun)
    lang = ix.language
    dels = ix.delindex_ids()

    def table() -> Table:
        t = Table(title=f"{escape(view.kommun_namn)} — {label('trend', lang).lower()}",
                  title_justify="left")
        for col in (label("year", lang), label("index", lang), label("rank", lang),
                    label("resultatgrupp", lang)):
            t.add_column(col, justify="right" if col != label("resultatgrupp", lang) else "left")
        for d in dels:
            t.add_column(escape(short_name(ix.node_name(d))), justify="right")
        for y in view.years:
            t.add_row(str(y["year"]), number(y["index"], 1, lang),
                      f"{y['rank'] or '–'} / {y['ranked']}", y["resultatgrupp"] or "–",
                      *[number(y["delindex"][d], 1, lang) for d in dels])
        return t

    rows = [{"kommun_kod": view.kommun_kod, **y} for y in view.years]
    emit(ctx, view.as_dict(), rows, view.synthetic, table)
    return 0
