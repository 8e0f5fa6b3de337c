"""``hti indicator ID``: one indicator across all kommuner — definition, weight, the
spread of its values, best and worst, and how many values are missing and why."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.i18n import label, number, percent
from hti_tui.query import indicator, project_info

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers

STATUSES = ("ok", "suppressed", "not_reported", "not_applicable", "invalid")


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("indicator", help="one indicator: definition, distribution, best and "
                                         "worst, missing values")
    p.add_argument("indicator", help="indicator id or name")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    p.add_argument("--top", type=int, default=10,
                   help="how many best and worst to print in the table (default: 10)")
    add_format(p)


def weight_labels(lang: str) -> dict[str, str]:
    """The three weights of an indicator, as the CLI and the TUI name them."""
    if lang == "sv":
        return {"declared": "Vikt (angiven)", "share_of_area": "Andel av kvalitetsområdet",
                "share_of_index": "Andel av index (median)"}
    return {"declared": "Weight (declared)", "share_of_area": "Share of its quality area",
            "share_of_index": "Share of the index (median)"}


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
        about.add_row(label("kvalitetsomrade", lang), escape(ix.node_name(view.area)))
        about.add_row(label("delindex", lang), escape(ix.node_name(view.delindex)))
        about.add_row(label("source", lang), escape(view.source))
        about.add_row(label("unit", lang), escape(view.unit))
        about.add_row(label("direction", lang), label(view.direction, lang))
        for key, text in weight_labels(lang).items():
            decimals = 2 if key != "share_of_area" else 1
            about.add_row(text, number(weight[key], decimals, lang) if key == "declared"
                          else percent(weight[key], decimals, lang))
        for key in ("n", "min", "q25", "median", "mean", "q75", "max"):
            if key in view.stats:
                about.add_row(key, number(view.stats[key], 0 if key == "n" else 2, lang))
        for status in STATUSES:
            about.add_row(label(status, lang), str(view.counts.get(status, 0)))
        if view.description:
            about.add_row("", escape(view.description))
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
                          number(v["raw"], 2, lang), number(v["score"], 1, lang))
            out.append(t)
        return out

    emit(ctx, indicator_json(view, weight), [dict(v) for v in view.values], view.synthetic,
         tables)
    return 0
