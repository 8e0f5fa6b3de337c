"""``hti whatif KOMMUN --set INDICATOR=VALUE``: the new score, rank and group, exactly."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.errors import UsageError
from hti_tui.i18n import label, number
from hti_tui.query import analyses, parse_cell
from hti_tui.report.cells import raw_words

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("whatif", help="recompute the index with changed indicator values")
    p.add_argument("kommun", help="name or code")
    p.add_argument("--set", dest="changes", action="append", required=True,
                   metavar="INDICATOR=VALUE", help="a new value (repeatable; 12,5 or 12.5)")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    add_format(p)


def parse_changes(items: list[str]) -> dict[str, float]:
    changes: dict[str, float] = {}
    for item in items:
        key, sep, value = item.partition("=")
        cell = parse_cell(value)
        if not sep or not key.strip() or cell.value is None:
            raise UsageError(f"'{item}' is not INDICATOR=VALUE with a number as value",
                             sv=f"'{item}' är inte INDIKATOR=VÄRDE med ett tal som värde")
        changes[key.strip()] = cell.value
    return changes


def run(ctx: CliContext) -> int:
    ix = ctx.index()
    view = analyses.whatif(ix, ctx.args.kommun, parse_changes(ctx.args.changes), ctx.args.year)
    lang = ix.language

    def tables() -> list[Any]:
        t = Table(title=f"{escape(view.kommun_namn)} {view.year} — {label('whatif', lang)}",
                  title_justify="left")
        for col in ("", "före" if lang == "sv" else "before", "efter" if lang == "sv" else "after"):
            t.add_column(col, justify="right" if col else "left")
        for c in view.changes:
            unit = ix.model.indicators[c["indicator"]].unit  # ja/nej items say Ja/Delvis/Nej
            t.add_row(escape(c["name"]), raw_words(c["before"], unit, lang),
                      raw_words(c["after"], unit, lang))
        b, a = view.before, view.after
        t.add_row(label("index", lang), number(b["index"], 1, lang), number(a["index"], 1, lang))
        t.add_row(label("rank", lang), f"{b['rank'] or '–'} / {b['ranked']}",
                  f"{a['rank'] or '–'} / {a['ranked']}")
        t.add_row(label("resultatgrupp", lang), b["resultatgrupp"] or "–",
                  a["resultatgrupp"] or "–")
        for d, score in a["delindex"].items():
            t.add_row(escape(ix.node_name(d)), number(b["delindex"][d], 1, lang),
                      number(score, 1, lang))
        return [t]

    rows = [{"kommun_kod": view.kommun_kod, "what": k, "before": view.before[k],
             "after": view.after[k]} for k in ("index", "rank", "resultatgrupp")]
    emit(ctx, view.as_dict(), rows, view.synthetic, tables)
    return 0
