"""``hti show KOMMUN``: score, rank and every indicator's contribution in index points."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import JustifyMethod
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.i18n import choose, label, number
from hti_tui.query import kommun
from hti_tui.query.rows import KommunView
from hti_tui.report.cells import answer_word, raw_words, signed
from hti_tui.report.flags import (
    CONTEXT,
    IMPUTED,
    PENALISED,
    coverage_text,
    footnotes,
    mark_footnotes,
    node_marker,
)

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers

WORDS = {
    "ref_median": ("Mot median", "Vs median"),
    "ref_peers": ("Mot jämförbara", "Vs peers"),
    "ref_quartile": ("Mot bästa kvartil", "Vs best quartile"),
    "reference": ("Referens", "Reference"),
    "gap_note": ("Gap = poäng − referensens poäng (i nodens egna poäng); indikatorernas "
                 "delar av gapet är indexpoäng och summerar exakt till indexets gap (mot "
                 "referenskommunen, se docs/MODEL.md). – = inga data.",
                 "Gap = score − the reference's score (in the node's own points); the "
                 "indicators' parts are index points and add up exactly to the index's gap "
                 "(against the reference unit, see docs/MODEL.md). – = no data."),
    "part": ("Del av gapet", "Part of the gap"),
    "ind_title": ("Indikator — del av indexets gap {vs} (indexpoäng)",
                  "Indicator — part of the index's gap {vs} (index points)"),
}


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("show", help="one kommun: scores, ranks and indicator contributions")
    p.add_argument("kommun", help="name (case- and accent-tolerant) or code")
    p.add_argument("--year", type=int, help="index year (default: the latest)")
    p.add_argument("--reference", choices=("median", "peers", "quartile"), default="median",
                   help="what gaps are taken against: the national median (default), the "
                        "peers' median or the best quartile")
    add_format(p)


def kommun_json(view: KommunView) -> dict[str, Any]:
    data = view.as_dict()
    data["delindex"] = {d["id"]: d for d in data["delindex"]}
    data["kvalitetsomraden"] = {a["id"]: a for a in data.pop("areas")}
    return data


def run(ctx: CliContext) -> int:
    ix = ctx.index()
    view = kommun.kommun(ix, ctx.args.kommun, ctx.args.year, reference=ctx.args.reference)
    lang = ix.language
    vs = choose(WORDS, f"ref_{view.reference}", lang)
    dec = ix.config.index.decimals  # [index] decimals: index, delindex and area scores

    def tables() -> list[Any]:
        head = Text()
        head.append(f"{view.kommun_namn} ({view.kommun_kod})", style="bold")
        head.append(f"  {view.lan or ''}  {view.year}\n")
        head.append(f"{label('index', lang)} {number(view.index, dec, lang)}  ·  "
                    f"{label('rank', lang)} {view.rank or '–'} {label('of', lang)} {view.ranked}"
                    f"  ·  {view.resultatgrupp or '–'}")
        if view.rank_interval:
            lo, hi = view.rank_interval
            head.append(f"  ·  {label('rank_interval', lang)} {lo}–{hi}")
        head.append(f"\n{coverage_text(view.coverage, view.observed_share, lang)}")
        if not view.is_ranked:
            head.append(f"\n* {view.unranked_reason or ''}", style="bold")
        flags = {"ranked": view.is_ranked, "unranked_reason": view.unranked_reason,
                 "imputed": view.imputed, "reweighted": view.reweighted,
                 "penalised": view.penalised}
        out: list[Any] = [head]
        nodes = Table(title=f"{label('delindex', lang)} / {label('kvalitetsomrade', lang)}",
                      title_justify="left",
                      caption=escape(f"{choose(WORDS, 'reference', lang)}: "
                                     f"{view.reference_method}. {choose(WORDS, 'gap_note', lang)}"),
                      caption_justify="left")
        ref_col = view.reference != "median"
        cols: list[tuple[str, JustifyMethod]] = [
            (label("delindex", lang), "left"), (label("score", lang), "right"),
            (label("rank", lang), "right"), (label("median", lang), "right")]
        if ref_col:
            cols.append((choose(WORDS, "reference", lang), "right"))
        cols += [(label("contribution", lang), "right"), (vs, "right")]
        for col, just in cols:
            nodes.add_column(col, justify=just)

        def node_cells(name: str | Text, score: float | None, rank: int | None,
                       median: float | None, ref: float | None, contribution: float | None,
                       gap: float | None) -> list[str | Text]:
            cells = [name, number(score, dec, lang), str(rank or "–"),
                     number(median, dec, lang)]
            if ref_col:
                cells.append(number(ref, dec, lang))
            return [*cells, number(contribution, 2, lang), signed(gap, lang)]

        nodes.add_row(*node_cells(Text(label("index", lang), style="bold"), view.index,
                                  view.rank, view.index_median, view.index_reference,
                                  view.index, view.index_gap))
        for d in view.delindex:
            name = Text(d.name + node_marker(d.id, flags), style="bold")
            nodes.add_row(*node_cells(name, d.score, d.rank, d.median, d.reference_score,
                                      d.contribution, d.gap))
            for a in (a for a in view.areas if a.parent == d.id):
                nodes.add_row(*node_cells(f"  {escape(a.name)}{a.marks}", a.score, a.rank, a.median,
                                          a.reference_score, a.contribution, a.gap))
        out.append(nodes)
        ind = Table(title=choose(WORDS, "ind_title", lang, vs=vs.lower()),
                    title_justify="left")
        ind_cols: list[tuple[str, JustifyMethod]] = [
            (label("indikator", lang), "left"), (label("raw", lang), "right"),
            (label("status", lang), "left"), (label("score", lang), "right"),
            (label("weight", lang), "right"), (label("contribution", lang), "right"),
            (choose(WORDS, "part", lang), "right")]
        for col, just in ind_cols:
            ind.add_column(col, justify=just)
        for r in sorted(view.indicators, key=lambda r: -(r.gap if r.gap is not None else -1e9)):
            raw = escape(raw_words(r.raw, r.unit, lang, r.raw_text))  # Ja/Delvis/Nej as words
            mark = IMPUTED if r.imputation else PENALISED if r.penalty else ""
            status = label(r.status, lang) + (f" ({r.imputation})" if r.imputation else "") + (
                f" ({label('penalty', lang)}: {r.penalty})" if r.penalty else "") + (
                f", {label('context', lang)}" if r.role == "context" else "")
            ind.add_row(escape(r.name) + mark, raw, escape(status), number(r.score, 1, lang),
                        number(100 * r.weight, 2, lang) + " %", number(r.contribution, 2, lang),
                        signed(r.gap, lang))
        out.append(ind)
        notes = footnotes([flags], lang)[1 if not view.is_ranked else 0:]
        # the areas' other markers are the delindex' footnotes above
        notes += mark_footnotes([a.marks for a in view.areas], lang, kinds=CONTEXT)
        if view.penalty_cost is not None:
            pen = [r.name for r in view.indicators if r.penalty]
            notes.append(
                (f"{PENALISED} straffade värden (ej rapporterat): {', '.join(pen)} — "
                 f"{number(view.penalty_cost, 1, lang, sign=True)} indexpoäng mot omviktning")
                if lang == "sv" else
                (f"{PENALISED} penalised values (not reported): {', '.join(pen)} — "
                 f"{number(view.penalty_cost, 1, lang, sign=True)} index points against "
                 "re-weighting"))
        if notes:
            out.append(escape("\n".join(notes)))
        if view.strengths or view.weaknesses:
            out.append(f"{label('strengths', lang)}: {escape(', '.join(view.strengths) or '–')}")
            out.append(f"{label('weaknesses', lang)}: "
                       f"{escape(', '.join(view.weaknesses) or '–')}")
        return out

    data = kommun_json(view)
    words = {r.id: answer_word(r.raw, r.unit, lang, r.raw_text) for r in view.indicators}
    for item in data["indicators"]:  # the number stays; the word is beside it
        item["raw_word"] = words[item["id"]]
    rows = [{"kommun_kod": view.kommun_kod, "year": view.year, "reference": view.reference,
             **r.as_dict(), "raw_word": words[r.id]} for r in view.indicators]
    emit(ctx, data, rows, view.synthetic, tables)
    return 0
