"""The kommun screen's tables: the overview's bars, the indicators (grouped by area,
sortable, drill-down from an area), the trend with its chart, peers and priorities.

A mixin of :class:`KommunScreen` so each module keeps one job: the screen loads and
navigates, this fills. Every number is the query layer's (``hti show``, ``trend``, ``peers``,
``priorities`` print them); nothing is computed here but the order of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from hti_tui.i18n import choose, label, number, short_name, term
from hti_tui.query.rows import IndicatorRow, KommunView, PeersView, PriorityView, TrendView
from hti_tui.report.cells import bar, name_text, raw_words, right, signed
from hti_tui.report.flags import (
    CONTEXT,
    footnotes,
    indicator_footnotes,
    indicator_marker,
    mark_footnotes,
    node_marker,
)

if TYPE_CHECKING:
    from hti_tui.tui.base import HtiScreen

    _Screen = HtiScreen
else:
    _Screen = object

WORDS: dict[str, tuple[str, str]] = {
    "overview": ("Översikt", "Overview"),
    "indicators": ("Indikatorer", "Indicators"),
    "trend": ("Utveckling", "Trend"),
    "peers": ("Jämförbara", "Peers"),
    "priorities": ("Prioriteringar", "Priorities"),
    "loading": ("Läser in …", "Loading …"),
    "bar": ("0–100 (│ median)", "0–100 (│ median)"),
    "median_score": ("Median", "Median"),
    "vs_median": ("± median", "± median"),
    "vs_peers": ("± jämförbara", "± peers"),
    "vs_quartile": ("± bästa kvartil", "± best quartile"),
    "part": ("Del av gapet", "Part of gap"),
    "reference": ("Gap mot", "Gaps against"),
    "ref_key": ("r: byt", "r: switch"),
    "better": ("Där de jämförbara gör bättre", "Where the peers do better"),
    "none_better": ("De jämförbara är inte bättre på någon indikator.",
                    "The peers do not do better on any indicator."),
    "peer_median": ("Median jämförbara", "Peer median"),
    "gap": ("Skillnad", "Gap"),
    "blocked": ("Ej rankad: steg 1 ger data som krävs för rankning",
                "Not ranked: step 1 gives the data ranking requires"),
    "interval": ("rangintervall", "rank interval"),
    "no_trend": ("Ingen utveckling att visa.", "No trend to show."),
    "grouped": ("grupperade per kvalitetsområde (g: en lista)",
                "grouped by quality area (g: one list)"),
    "flat": ("en lista (g: per kvalitetsområde)", "one list (g: by quality area)"),
    "only_area": ("bara", "only"),
    "x_all": ("x: alla", "x: all"),
    "sort_hint": ("s: sortera på kolumnen", "s: sort by the column"),
}

TABS = ("overview", "indicators", "trend", "peers", "priorities", "units")


def word(key: str, lang: str) -> str:
    return choose(WORDS, key, lang)


def status_words(status: str, lang: str) -> str:
    """A status in words ('skyddad (för få svar)', 'ej rapporterad'), as the CLI says it."""
    return label(status, lang)


def row_status(row: IndicatorRow, lang: str) -> str:
    """A status in words ('skyddad (för få svar)', 'imputerat (median)', 'ej rapporterad
    (straff: p10)', '…, kontext, vägs inte in'), as ``hti show`` says it."""
    return label(row.status, lang) + (f" ({row.imputation})" if row.imputation else "") + (
        f" ({label('penalty', lang)}: {row.penalty})" if row.penalty else "") + (
        f", {label('context', lang)}" if row.role == "context" else "")


def marked(marker: str, name: str) -> str:
    """The marker in front of a name, so a name cut with … keeps it."""
    return f"{marker} {name}" if marker else f"  {name}"


def node_flags(v: KommunView) -> dict[str, Any]:
    """The kommun's flags in the shape ``report.flags`` reads (as ``hti show`` passes them)."""
    return {"ranked": v.is_ranked, "unranked_reason": v.unranked_reason,
            "imputed": v.imputed, "reweighted": v.reweighted, "penalised": v.penalised}


#: the indicators table: (column key, word) in order
IND_COLUMNS = [("name", "indikator"), ("raw", "raw"), ("score", "score"),
               ("median", "median"), ("contribution", "contribution"),
               ("gap", "part"), ("status", "status")]

#: column key → the value a sort orders by (None sorts last)
SORT_VALUE: dict[str, Any] = {
    "name": lambda r: r.name.casefold(),
    "raw": lambda r: r.raw,
    "score": lambda r: r.score,
    "median": lambda r: r.median_score,
    "contribution": lambda r: r.contribution,
    "gap": lambda r: r.gap,
    "status": lambda r: r.status,
}


@dataclass
class KommunData:
    """What one load of the screen brings (``hti show``, trend, peers …); parts may be missing."""

    view: KommunView
    trend: TrendView | None
    peers: PeersView | None
    priorities: PriorityView | None
    complete: bool = True  # every part asked for (they come in one worker call)
    units: dict[str, Any] | str | None = None  # hti units, or why there are none


class KommunTables(_Screen):
    """Fills the kommun screen's tables from ``self.loaded`` (a KommunData).

    A mixin of the screen (typed as one, so the checker knows ``query_one``, ``lang`` …).
    """

    loaded: KommunData | None
    year: int
    ind_sort: str = "default"
    ind_reverse: bool = False
    grouped: bool = True
    area_only: str | None = None
    #: what the gaps are taken against: median | peers | quartile (hti show --reference)
    reference: str = "median"

    @property
    def loaded_data(self) -> KommunData:
        """The loaded kommun (the tables are filled only once it is loaded)."""
        if self.loaded is None:
            raise RuntimeError("no kommun is loaded yet")
        return self.loaded

    def bar_width(self) -> int:
        width = self.size.width
        return 12 if width < 100 else 20 if width < 140 else 40

    def fill_nodes(self) -> None:
        """Each delindex and area: bar, Poäng, its rank among the kommuner, Bidrag (the
        index points it adds), the median and the distance to it. Enter on an area shows
        its indicators."""
        v, lang = self.loaded_data.view, self.lang
        table = self.query_one("#kommun-nodes", DataTable)
        table.clear(columns=True)
        table.add_column(f"{label('delindex', lang)} / {label('kvalitetsomrade', lang)}")
        table.add_column(word("bar", lang))
        for title in (label("score", lang), label("rank", lang), label("contribution", lang),
                      word("median_score", lang), word(f"vs_{v.reference}", lang)):
            table.add_column(right(title))
        width = self.bar_width()
        flags = node_flags(v)
        for d in v.delindex:
            rows = [(d, Text(d.name + node_marker(d.id, flags), style="bold"))]
            # an area's markers are the query's (NodeRow.marks): ~ ! † under it, ° context
            rows += [(a, Text(f"  {a.name}{a.marks}")) for a in v.areas
                     if a.parent == d.id]
            for node, name in rows:
                table.add_row(name, bar(node.score, node.median, width),
                              right(number(node.score, 1, lang)),
                              right(str(node.rank) if node.rank else "–"),
                              right(number(node.contribution, 1, lang)),
                              right(number(node.median, 1, lang)),
                              signed(node.gap, lang), key=node.id)
        self.query_one("#kommun-notes", Static).update(self.notes(v))

    def notes(self, v: KommunView) -> Text:
        """Strengths and development areas: two lines under the bars on a small terminal;
        on a wide one a column beside them that also sums up the trend and priorities."""
        lang, wide = self.lang, self.has_class("-wide")
        notes = Text()
        notes.append(f"{word('reference', lang)}: ", style="bold")
        notes.append(f"{v.reference_method} ({word('ref_key', lang)})\n")
        # what the markers on the bars mean, in words (unranked is said in the header)
        for line in footnotes([{**node_flags(v), "ranked": True}], lang):
            notes.append(line + "\n")
        # the areas' other markers are the delindex' lines above
        for line in mark_footnotes([a.marks for a in v.areas], lang, kinds=CONTEXT):
            notes.append(line + "\n")
        for key, names in (("strengths", v.strengths), ("weaknesses", v.weaknesses)):
            notes.append(f"{label(key, lang)}" + ("\n" if wide else ": "), style="bold")
            if wide:
                notes.append("".join(f"  • {n}\n" for n in names or ["–"]) + "\n")
            else:
                notes.append(", ".join(names) or "–")
                notes.append("\n")
        data = self.loaded
        if wide and data is not None and data.trend is not None:
            notes.append(f"{label('trend', lang)}\n", style="bold")
            for y in data.trend.years:
                notes.append(f"  {y['year']}  {number(y['index'], 1, lang):>5}  "
                             f"{label('rank', lang).lower()} {y['rank'] or '–'} "
                             f"{label('of', lang)} {y['ranked']}\n")
            notes.append("\n")
        if wide and data is not None and data.priorities is not None:
            notes.append(f"{label('priorities', lang)} ({word('plus_points', lang)})\n",
                         style="bold")
            for i in data.priorities.items[:5]:
                notes.append(f"  {number(i['points'], 2, lang, sign=True):>6}  {i['name']}\n")
        notes.rstrip()
        return notes

    def name_width(self) -> int | None:
        """Below 140 columns long indicator names are cut (…) so the numbers stay in view."""
        width = self.size.width
        return None if width >= 140 else max(18, width - 56)

    def indicator_rows(self) -> list[tuple[Any, list[IndicatorRow]]]:
        """(area or None, its indicators) in the order shown: grouped by area in the
        model's order, or one flat list; sorted by the chosen column; only the area
        drilled into, if any."""
        v = self.loaded_data.view
        rows = list(v.indicators)  # the query's order: most points gained → most lost
        if self.ind_sort != "default":
            key = SORT_VALUE[self.ind_sort]
            present = [r for r in rows if key(r) is not None]
            absent = [r for r in rows if key(r) is None]
            present.sort(key=key, reverse=self.ind_sort not in ("name", "status"))
            rows = present + absent
            if self.ind_reverse:
                present.reverse()
                rows = present + absent
        if self.area_only:
            rows = [r for r in rows if r.area == self.area_only]
        if not self.grouped:
            return [(None, rows)]
        return [(a, [r for r in rows if r.area == a.id]) for a in v.areas
                if any(r.area == a.id for r in rows)]

    def fill_indicators(self) -> None:
        lang = self.lang
        table = self.query_one("#kommun-indicators", DataTable)
        table.clear(columns=True)
        for key, title in IND_COLUMNS:
            text = word(title, lang) if title in WORDS else label(title, lang)
            if key == self.ind_sort:
                text += " ↑" if self.ind_reverse else " ↓"
            table.add_column(text if key in ("name", "status") else right(text),
                             width=self.name_width() if key == "name" else None, key=key)
        for area, rows in self.indicator_rows():
            if area is not None:
                table.add_row(Text(area.name, style="bold"), "",
                              right(number(area.score, 1, lang), style="bold"),
                              right(number(area.median, 1, lang)),
                              right(number(area.contribution, 2, lang)),
                              "", "", key=f"area:{area.id}")  # ± median of an area is on
                # its own 0–100 scale; the indicators' are index points: not one column
            for r in rows:
                table.add_row(name_text(("  " if area is not None else "")
                                        + marked(indicator_marker(r), r.name)),
                              right(raw_words(r.raw, r.unit, lang, r.raw_text)),
                              right(number(r.score, 1, lang)),
                              right(number(r.median_score, 1, lang)),
                              right(number(r.contribution, 2, lang)),
                              signed(r.gap, lang),  # its part of the index's gap
                              Text(row_status(r, lang)), key=r.id)
        self.query_one("#indicators-caption", Static).update(self.indicators_caption())
        self.query_one("#indicators-flags", Static).update(self.indicators_footnote())

    def indicators_footnote(self) -> str:
        """What the markers in the list mean, in words (naming the indicators shown when the
        screen is wide enough to spare the lines); the penalties' cost in index points as
        ``hti show`` states it."""
        v, lang = self.loaded_data.view, self.lang
        shown = [r for _, rows in self.indicator_rows() for r in rows]
        lines = indicator_footnotes(shown, lang, names=self.size.width >= 120)
        if v.penalty_cost is not None and any(r.penalty for r in v.indicators):
            cost = number(v.penalty_cost, 1, lang, sign=True)
            lines.append(f"! {cost} indexpoäng mot omviktning" if lang == "sv"
                         else f"! {cost} index points against re-weighting")
        return "\n".join(lines)

    def indicators_caption(self) -> str:
        lang = self.lang
        parts = [word("grouped" if self.grouped else "flat", lang)]
        if self.area_only:
            parts.append(f"{word('only_area', lang)} {self.index.node_name(self.area_only)}"
                         f" ({word('x_all', lang)})")
        parts.append(word("sort_hint", lang))
        ref = self.loaded.view.reference if self.loaded else "median"
        parts.append(f"{word('part', lang)}: {word('vs_' + ref, lang)} ({word('ref_key', lang)})")
        return "  ·  ".join(parts)

    def fill_trend(self) -> None:
        t, lang = self.loaded_data.trend, self.lang
        self.plot_trend(t)
        table = self.query_one("#kommun-trend", DataTable)
        table.clear(columns=True)
        f = self.index
        table.add_column(label("year", lang))
        table.add_column(right(label("index", lang)))
        table.add_column(label("index", lang) + " 0–100")
        table.add_column(right(label("rank", lang)))
        table.add_column(label("resultatgrupp", lang))
        for d in f.delindex_ids():
            table.add_column(right(short_name(f.node_name(d))))
        for y in t.years if t else []:
            table.add_row(Text(str(y["year"]), style="bold" if y["year"] == self.year else ""),
                          right(number(y["index"], 1, lang)), bar(y["index"], None, 20),
                          right(f"{y['rank'] or '–'} / {y['ranked']}"),
                          Text(y["resultatgrupp"] or "–"),
                          *[right(number(y["delindex"].get(d), 1, lang))
                            for d in f.delindex_ids()], key=str(y["year"]))

    def fill_peers(self) -> None:
        p, lang = self.loaded_data.peers, self.lang
        peers = self.query_one("#kommun-peers", DataTable)
        better = self.query_one("#kommun-better", DataTable)
        peers.clear(columns=True)
        better.clear(columns=True)
        pending = not self.loaded_data.complete
        self.query_one("#peers-method", Static).update(
            p.method if p else word("loading", lang) if pending else "–")
        peers.add_column(self.index.unit_word())
        peers.add_column(right(label("index", lang)))
        peers.add_column(right(label("rank", lang)))
        better.add_column(label("indikator", lang), width=self.name_width())
        better.add_column(right(label("score", lang)))
        better.add_column(right(word("peer_median", lang)))
        better.add_column(right(word("gap", lang)))
        better.add_column(right(word("plus_points", lang)))
        if p is None:
            return
        for q in p.peers:
            peers.add_row(Text(q["kommun_namn"]), right(number(q["index"], 1, lang)),
                          right(str(q["rank"] or "–")), key=q["kommun_kod"])
        worse = p.better  # the query's: real gaps only, most index points first
        for g in worse:
            better.add_row(name_text(g["name"]),
                           right(number(g["score"], 1, lang)),
                           right(number(g["peer_median"], 1, lang)),
                           signed(g["gap"], lang, 1), signed(g["points"], lang),
                           key=g["indicator"])
        if not worse:
            better.add_row(Text(word("none_better", lang)), "", "", "", "")

    def fill_priorities(self) -> None:
        p, lang = self.loaded_data.priorities, self.lang
        table = self.query_one("#kommun-priorities", DataTable)
        table.clear(columns=True)
        width = self.name_width()  # "Mål från" needs its 16 columns at 120 too
        table.add_column(label("indikator", lang),
                         width=None if width is None else max(18, width - 16))
        table.add_column(right(word("now", lang)))
        table.add_column(right(word("target", lang)))
        table.add_column(label("target_from", lang))  # as hti priorities' "Mål från"
        for key in ("plus_points", "new_index", "new_rank"):
            table.add_column(right(word(key, lang)))
        pending = not self.loaded_data.complete
        self.query_one("#priorities-method", Static).update(
            (f"{word('blocked', lang)} · " if p.blocked else "") + p.peers_method if p
            else word("loading", lang) if pending else "–")
        for i in p.items if p else []:
            table.add_row(name_text(i["name"]),
                          right(raw_words(i["current"], i["unit"], lang)),
                          right(raw_words(i["target"], i["unit"], lang)),
                          Text(term("basis", i["basis"], lang)),
                          signed(i["points"], lang), right(number(i["new_index"], 1, lang)),
                          right(str(i["new_rank"] or "–")), key=i["indicator"])


    def plot_trend(self, trend: TrendView | None) -> None:
        """Index (0–100) and each delindex over the years; the year shown is marked."""
        widget = self.query_one("#trend-plot", PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        lang = self.lang
        years = [y for y in trend.years if y["index"] is not None] if trend else []
        plt.title("Index och delindex år för år" if lang == "sv" else "Index and delindex by year")
        if years:
            xs = [y["year"] for y in years]
            plt.plot(xs, [y["index"] for y in years], label=label("index", lang),
                     marker="braille")
            for d in self.index.delindex_ids():
                pts = [(y["year"], y["delindex"].get(d)) for y in years
                       if y["delindex"].get(d) is not None]
                if pts:
                    plt.plot([p[0] for p in pts], [p[1] for p in pts],
                             label=short_name(self.index.node_name(d)), marker="braille")
            plt.xticks(xs, [str(x) for x in xs])
            plt.ylim(0, 100)
            plt.yticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100"])
            if self.year in xs:
                plt.vline(self.year, "gray")
        widget.refresh()
