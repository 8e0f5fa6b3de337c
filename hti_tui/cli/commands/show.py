"""``hti show KOMMUN``: score, rank and every indicator's contribution in index points."""

from __future__ import annotations

import argparse
from typing import Any

from rich.markup import escape
from rich.table import Table
from rich.text import Text

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.i18n import label, number
from hti_tui.report.cells import signed


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="one kommun: scores, ranks and indicator contributions")
    p.add_argument("kommun", help="name (case- and accent-tolerant) or code")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    add_format(p)


def kommun_json(view) -> dict[str, Any]:
    data = view.as_dict()
    data["delindex"] = {d["id"]: d for d in data["delindex"]}
    data["kvalitetsomraden"] = {a["id"]: a for a in data.pop("areas")}
    return data


def run(ctx: CliContext) -> int:
    f = ctx.facade()
    view = f.kommun(ctx.args.kommun, ctx.args.year)
    lang = f.language

    def tables() -> list[Any]:
        head = Text()
        head.append(f"{view.kommun_namn} ({view.kommun_kod})", style="bold")
        head.append(f"  {view.lan or ''}  {view.year}\n")
        head.append(f"{label('index', lang)} {number(view.index, 1, lang)}  ·  "
                    f"{label('rank', lang)} {view.rank or '–'} {label('of', lang)} {view.ranked}"
                    f"  ·  {view.resultatgrupp or '–'}")
        if view.rank_interval:
            lo, hi = view.rank_interval
            head.append(f"  ·  {label('rank_interval', lang)} {lo}–{hi}")
        out: list[Any] = [head]
        nodes = Table(title=f"{label('delindex', lang)} / {label('kvalitetsomrade', lang)}",
                      title_justify="left")
        for col, just in ((label("delindex", lang), "left"), (label("score", lang), "right"),
                          (label("rank", lang), "right"), (label("median", lang), "right"),
                          (label("contribution", lang), "right"),
                          (label("vs_median", lang), "right")):
            nodes.add_column(col, justify=just)
        for d in view.delindex:
            nodes.add_row(Text(d.name, style="bold"), number(d.score, 1, lang), str(d.rank or "–"),
                          number(d.median, 1, lang), number(d.contribution, 2, lang),
                          signed(d.vs_median, lang))
            for a in (a for a in view.areas if a.parent == d.id):
                nodes.add_row(f"  {escape(a.name)}", number(a.score, 1, lang),
                              str(a.rank or "–"), number(a.median, 1, lang),
                              number(a.contribution, 2, lang), signed(a.vs_median, lang))
        out.append(nodes)
        ind = Table(title=f"{label('indikator', lang)} — {label('vs_median', lang).lower()}",
                    title_justify="left")
        for col, just in ((label("indikator", lang), "left"), (label("raw", lang), "right"),
                          (label("status", lang), "left"), (label("score", lang), "right"),
                          (label("weight", lang), "right"), (label("contribution", lang), "right"),
                          (label("vs_median", lang), "right")):
            ind.add_column(col, justify=just)
        for r in view.indicators:
            raw = number(r.raw, 1, lang) if r.raw is not None else escape(r.raw_text or "–")
            ind.add_row(escape(r.name), raw, label(r.status, lang), number(r.score, 1, lang),
                        number(100 * r.weight, 2, lang) + " %", number(r.contribution, 2, lang),
                        signed(r.vs_median, lang))
        out.append(ind)
        if view.strengths or view.weaknesses:
            out.append(f"{label('strengths', lang)}: {escape(', '.join(view.strengths) or '–')}")
            out.append(f"{label('weaknesses', lang)}: "
                       f"{escape(', '.join(view.weaknesses) or '–')}")
        return out

    data = kommun_json(view)
    rows = [{"kommun_kod": view.kommun_kod, "year": view.year, **r.as_dict()}
            for r in view.indicators]
    emit(ctx, data, rows, view.synthetic, tables)
    return 0
