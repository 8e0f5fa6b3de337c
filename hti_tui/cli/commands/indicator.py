"""``hti indicator ID``: one indicator across all kommuner — definition, weight, the
spread of its values, best and worst, and how many values are missing and why."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.i18n import label, number
from hti_tui.query import indicator, project_info
from hti_tui.report.indicator_facts import about_lines, missing_lines, spread_lines, value_text

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers

def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("indicator", help="one indicator: definition, distribution, best and "
                                         "worst, missing values")
    p.add_argument("indicator", help="indicator id or name")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    p.add_argument("--top", type=int, default=10,
                   help="how many best and worst to print in the table (default: 10)")
    add_format(p)


def indicator_json(view: Any, weight: dict[str, float | None]) -> dict[str, Any]:
    """What ``--format json`` prints (and the TUI's indicator screen shows)."""
    return {**view.as_dict(), "weight": weight}


def run(ctx: CliContext) -> int:
    ix = ctx.index()
    view = indicator.indicator(ix, ctx.args.indicator, ctx.args.year)
    weight = project_info.indicator_weight(ix, view.id, view.year)
    lang = ix.language
    top = max(ctx.args.top, 0)

    def tables() -> list[Any]:
        name = view.name if lang == "sv" else (view.name_en or view.name)
        about = Table(title=f"{escape(name)} ({escape(view.id)}) — {view.year}",
                      title_justify="left", show_header=False)
        about.add_column("")
        about.add_column("")
        for key, value in [*about_lines(view, weight, ix.node_name, lang),
                           *spread_lines(view, lang)]:
            about.add_row(escape(key), escape(value))
        for key, count in missing_lines(view, lang):
            about.add_row(key, str(count))
        if view.description:
            about.add_row(label("description", lang), escape(view.description))
        scored = [v for v in view.values if v["score"] is not None]
        out: list[Any] = [about]
        for title, rows in ((f"Topp {top}" if lang == "sv" else f"Top {top}", scored[:top]),
                            (f"Botten {top}" if lang == "sv" else f"Bottom {top}",
                             scored[-top:] if top else [])):
            t = Table(title=title, title_justify="left")
            t.add_column(label("rank", lang), justify="right")
            t.add_column(label("kommun", lang), no_wrap=True)
            t.add_column(label("raw", lang), justify="right")
            t.add_column(label("score", lang), justify="right")
            for v in rows:
                t.add_row(str(v["rank"] or "–"), escape(v["kommun_namn"]),
                          escape(value_text(v, view.unit, lang)), number(v["score"], 1, lang))
            out.append(t)
        return out

    emit(ctx, indicator_json(view, weight), [dict(v) for v in view.values], view.synthetic,
         tables)
    return 0
