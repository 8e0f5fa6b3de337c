"""``hti peers KOMMUN``: comparable kommuner (method stated) and where they do better."""

from __future__ import annotations

import argparse

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.i18n import label, number


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("peers", help="comparable kommuner and where they do better")
    p.add_argument("kommun", help="name or code")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    p.add_argument("-k", type=int, default=10, help="number of nearest peers (default 10)")
    add_format(p)


def run(ctx: CliContext) -> int:
    f = ctx.facade()
    view = f.peers(ctx.args.kommun, ctx.args.year, k=ctx.args.k)
    lang = f.language

    def tables() -> list:
        t = Table(title=f"{view.kommun_namn} {view.year} — {label('peers', lang).lower()}",
                  title_justify="left", caption=escape(view.method), caption_justify="left")
        t.add_column(label("kommun", lang))
        t.add_column(label("index", lang), justify="right")
        t.add_column(label("rank", lang), justify="right")
        for p in view.peers:
            t.add_row(escape(p["kommun_namn"]), number(p["index"], 1, lang), str(p["rank"] or "–"))
        b = Table(title="Where the peers do better", title_justify="left")
        for col in (label("indikator", lang), view.kommun_namn, "peer median", "gap"):
            b.add_column(escape(col), justify="left" if col == label("indikator", lang)
                         else "right")
        for g in view.better:
            b.add_row(escape(g["name"]), number(g["score"], 1, lang),
                      number(g["peer_median"], 1, lang), number(g["gap"], 1, lang, sign=True))
        return [t, b]

    rows = [{"kommun_kod": view.kommun_kod, **g} for g in view.better]
    emit(ctx, view.as_dict(), rows, view.synthetic, tables)
    return 0
