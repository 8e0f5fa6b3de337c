"""``hti rank``: the ranking, filtered by delindex, län, kommungrupp, group, name; sorted."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.cli.plain_table import identifier, optional
from hti_tui.i18n import label, number, short_name
from hti_tui.query import SORT_KEYS, RankQuery, ranking
from hti_tui.report.flags import footnotes, node_marker, rank_text

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("rank", help="print the ranking")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    p.add_argument("--delindex", help="rank by one delindex (id or name)")
    p.add_argument("--lan", help="only kommuner in this län (name or code)")
    p.add_argument("--kommungrupp", help="only kommuner in this kommungrupp")
    p.add_argument("--group", help="only this result group")
    p.add_argument("--search", help="only kommuner whose name contains this (or code begins)")
    p.add_argument("--sort", default="rank", metavar="KEY",
                   help=f"order by {', '.join(SORT_KEYS)} or a delindex id (default: rank; "
                        "numbers best first, names A–Ö)")
    p.add_argument("--reverse", action="store_true", help="the other way round")
    p.add_argument("--top", type=int, help="only the first N")
    add_format(p)


def query_of(a: argparse.Namespace) -> RankQuery:
    """The RankQuery of the command line (the ranking screen shows its argv back)."""
    return RankQuery(year=a.year, delindex=a.delindex, lan=a.lan, kommungrupp=a.kommungrupp,
                     group=a.group, search=a.search, sort=a.sort, reverse=a.reverse, top=a.top)


def run(ctx: CliContext) -> int:
    ix = ctx.index()
    a = ctx.args
    rows = ranking.rank(ix, query_of(a))
    year = ix.default_year(a.year)
    lang = ix.language
    dels = ix.delindex_ids()
    synthetic = ix.synthetic(year)

    def table() -> Table:
        title = f"{escape(ix.index_name())} {year}"
        if a.delindex:
            title += f" — {label('delindex', lang).lower()} {escape(a.delindex)}"
        caption = "\n".join([f"{len(rows)} {label('of', lang)} {len(ix.registry)} "
                              f"{label('kommuner', lang)}", *footnotes(rows, lang)])
        t = Table(title=title, title_justify="left", caption=escape(caption),
                  caption_justify="left")
        t.add_column(label("rank", lang), justify="right")
        identifier(t, label("kommun", lang))  # never cut: Län goes first
        optional(t, label("lan", lang))
        t.add_column(label("index", lang), justify="right")
        t.add_column(label("resultatgrupp", lang))
        for d in dels:
            t.add_column(escape(short_name(ix.node_name(d))), justify="right")
        t.add_column(label("change_short", lang), justify="right")
        dec = ix.config.index.decimals  # [index] decimals: index and delindex scores
        for r in rows:
            rank = rank_text(r.rank, r.ranked) if not a.delindex else str(r.rank or "–")
            t.add_row(rank, escape(r.kommun_namn), escape(r.lan or ""),
                      number(r.index, dec, lang), escape(r.resultatgrupp or "–"),
                      *[number(r.delindex[d], dec, lang) + node_marker(d, r) for d in dels],
                      number(r.change, 1, lang, sign=True))
        return t

    data = [r.as_dict() for r in rows] if a.format != "table" else []
    emit(ctx, data, data, synthetic, table)
    return 0
