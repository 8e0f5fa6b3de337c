"""``hti compare K1 K2 [K3 …]``: side by side at every level, and what explains the gap."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.i18n import label, number
from hti_tui.query import compare
from hti_tui.query.compare import compare_rows
from hti_tui.report.cells import signed
from hti_tui.report.flags import UNRANKED, compare_footnotes
from hti_tui.report.tree_order import tree_order

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("compare", help="compare two to five kommuner at every level")
    p.add_argument("kommuner", nargs="+", help="names or codes (2–5)")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    p.add_argument("--levels", choices=("all", "areas", "delindex"), default="all",
                   help="how deep to show the tree in the table (default: all)")
    add_format(p)


def run(ctx: CliContext) -> int:
    ix = ctx.index()
    view = compare.compare(ix, ctx.args.kommuner, ctx.args.year)
    lang = ix.language
    max_level = {"all": 0, "areas": 1, "delindex": 2}[ctx.args.levels]
    names = [k["kommun_namn"] + ("" if k["ranked"] else UNRANKED) for k in view.kommuner]
    order = tree_order(view.nodes, ix.model.tree.children)
    shown = [n for _, n in order if n["level"] >= max_level]
    notes = compare_footnotes(view.kommuner, shown, lang)

    def tables() -> list[Any]:
        t = Table(title=f"{escape(' · '.join(names))} — {view.year}", title_justify="left",
                  caption=escape("\n".join(notes)) if notes else None, caption_justify="left")
        t.add_column(label("node", lang), no_wrap=True)
        for n in names:
            t.add_column(escape(n), justify="right")
        for n in names[1:]:
            t.add_column(escape(f"{names[0]} − {n}"), justify="right")
        for depth, node in order:
            if node["level"] < max_level:
                continue
            indent = "  " * depth
            style = "bold" if node["level"] >= 2 else ""
            t.add_row(Text(indent + node["name"], style=style),
                      *[number(s, 1, lang) + m for s, m in zip(node["scores"], node["marks"])],
                      *[signed(d, lang, 1) for d in node["diff"]])
        gap = Table(title=f"{escape(names[0])} − {escape(names[1])}: "
                          f"{label('indikator', lang).lower()} "
                          f"({label('index_points', lang)})", title_justify="left")
        gap.add_column(label("indikator", lang), no_wrap=True)
        gap.add_column(label("index_points", lang), justify="right")
        for g in view.gap:
            gap.add_row(escape(g["name"]), signed(g["points"], lang))
        return [t, gap]

    rows = compare_rows(view, ix.model.tree.children, lang)
    emit(ctx, view.as_dict(), rows, view.synthetic, tables)
    return 0
