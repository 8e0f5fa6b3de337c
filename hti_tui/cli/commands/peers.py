"""``hti peers KOMMUN``: comparable kommuner (method stated) and where they do better."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.cli.plain_table import identifier
from hti_tui.i18n import choose, label, number
from hti_tui.query import peers

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers

WORDS = {
    "better": ("Där de jämförbara är bättre (sorterat på indexpoäng)",
               "Where the peers do better (sorted by index points)"),
    "peer_median": ("Jämförbaras median", "Peers' median"),
    "gap": ("Avstånd", "Gap"),
    "points": ("+ indexpoäng om medianen nås", "+ index points at their median"),
    "method": ("Metod", "Method"),
    "profile_note": ("OBS: liknande resultatprofil — valda efter resultat, inte struktur.",
                     "Note: similar results profile — chosen by results, not structure."),
}


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("peers", help="comparable kommuner and where they do better")
    p.add_argument("kommun", help="name or code")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    p.add_argument("-k", type=int, default=None,
                   help="show at most K peers of a results-profile fallback (hti.toml [peers] k)")
    add_format(p)


def run(ctx: CliContext) -> int:
    ix = ctx.index()
    view = peers.peers(ix, ctx.args.kommun, ctx.args.year, k=ctx.args.k)
    lang = ix.language

    def tables() -> list[Any]:
        t = Table(title=f"{escape(view.kommun_namn)} {view.year} — {label('peers', lang).lower()}",
                  title_justify="left",
                  caption=f"{choose(WORDS, 'method', lang)}: {escape(view.method)}",
                  caption_justify="left")
        identifier(t, label("kommun", lang))
        t.add_column(label("index", lang), justify="right")
        t.add_column(label("rank", lang), justify="right")
        for p in view.peers:
            t.add_row(escape(p["kommun_namn"]), number(p["index"], 1, lang), str(p["rank"] or "–"))
        b = Table(title=choose(WORDS, "better", lang), title_justify="left")
        for key in ("indikator", "kommun", "peer_median", "gap", "points"):
            text = view.kommun_namn if key == "kommun" else choose(WORDS, key, lang)
            b.add_column(escape(text), justify="left" if key == "indikator" else "right")
        for g in view.better:
            b.add_row(escape(g["name"]), number(g["score"], 1, lang),
                      number(g["peer_median"], 1, lang), number(g["gap"], 1, lang, sign=True),
                      number(g["points"], 2, lang, sign=True))
        out: list[Any] = [] if view.structural else [choose(WORDS, "profile_note", lang)]
        return [*out, t, b]

    rows = [{"kommun_kod": view.kommun_kod, "method": view.method_key, **g}
            for g in view.better]
    emit(ctx, view.as_dict(), rows, view.synthetic, tables)
    return 0
