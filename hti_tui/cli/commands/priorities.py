"""``hti priorities KOMMUN``: attainable steps, ranked by the index points they buy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.i18n import choose, label, number, term
from hti_tui.query import peers
from hti_tui.report.cells import raw_words

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers

WORDS = {
    "basis": ("Mål från", "Target from"),
    "blocked": ("Ej rankad: steg 1 ger data i '{node}', som krävs för rankning; övriga "
                "steg räknas ovanpå steg 1.",
                "Not ranked: step 1 gives data in '{node}', which ranking requires; the other "
                "steps are counted on top of step 1."),
    "title_median": ("mot medianen", "towards the median"),
    "title_peers": ("mot de jämförbara", "towards the peers"),
    "title_quartile": ("mot bästa kvartilen", "towards the best quartile"),
    "only_gains": ("Bara förbättringar, var och en till ett nåbart värde; poängen är exakta "
                   "(samma motor).", "Improvements only, each to an attainable value; the "
                   "points are exact (the same engine)."),
}


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("priorities", help="attainable steps that buy the most index points")
    p.add_argument("kommun", help="name or code")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    p.add_argument("--target", choices=("median", "peers", "quartile"), default="median",
                   help="numbers: reach the national median (default), the peers' median "
                        "(the peers of `hti peers`) or the best quartile; then the next rung "
                        "(best quartile, goal post); ja/nej items: the next category")
    p.add_argument("--top", type=int, default=15, help="show the first N (default 15)")
    add_format(p)


def run(ctx: CliContext) -> int:
    ix = ctx.index()
    view = peers.priorities(ix, ctx.args.kommun, ctx.args.year, target=ctx.args.target)
    lang = ix.language
    items = view.items[: ctx.args.top]

    def tables() -> list[Any]:
        caption = choose(WORDS, "only_gains", lang) + " " + escape(view.peers_method)
        t = Table(title=f"{escape(view.kommun_namn)} {view.year} — "
                        f"{label('priorities', lang).lower()} "
                        f"({choose(WORDS, 'title_' + view.target, lang)})",
                  title_justify="left", caption=caption, caption_justify="left")
        for key in ("indikator", "now", "target", "basis", "plus_points", "new_index",
                    "new_rank"):
            text = choose(WORDS, key, lang)
            t.add_column(text, justify="left" if key in ("indikator", "basis") else "right")
        for n, i in enumerate(items, start=1):
            t.add_row(f"{n}. {escape(i['name'])}", raw_words(i["current"], i["unit"], lang),
                      raw_words(i["target"], i["unit"], lang), term("basis", i["basis"], lang),
                      number(i["points"], 2, lang, sign=True), number(i["new_index"], 1, lang),
                      str(i["new_rank"] or "–"))
        out: list[Any] = []
        if view.blocked:
            out.append(choose(WORDS, "blocked", lang, node=items[0]["unblocks"]))
        return [*out, t]

    rows = [{"kommun_kod": view.kommun_kod, "step": n, **{k: v for k, v in i.items()
                                                         if k != "changes"}}
            for n, i in enumerate(items, start=1)]
    data = {**view.as_dict(), "items": items}
    emit(ctx, data, rows, view.synthetic, tables)
    return 0
