"""One kommun: where it stands, why, how it moved, who is comparable, what to do first.

The header (name, score, rank, result group, rank interval) stays on top; the rest sits
in tabs so the screen reads at 80×24: an overview of bars against the national median,
every indicator sorted by the points it gains or loses against the median, the trend,
the peers and the priorities. Every number is the facade's, so ``hti show`` (and
``trend``, ``peers``, ``priorities``) print what the active tab shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane

from hti_tui.errors import HtiError
from hti_tui.facade.views import KommunView, PeersView, PriorityView, TrendView
from hti_tui.i18n import choose, label, number
from hti_tui.report.cells import bar, name_text, right, signed
from hti_tui.report.flags import UNRANKED, coverage_text
from hti_tui.tui.base import HtiScreen
from hti_tui.tui.keys import b
from hti_tui.tui.widgets.banner import SyntheticBanner
from hti_tui.tui.widgets.statusline import StatusLine

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
    "better": ("Där de jämförbara gör bättre", "Where the peers do better"),
    "none_better": ("De jämförbara är inte bättre på någon indikator.",
                    "The peers do not do better on any indicator."),
    "peer_median": ("Median jämförbara", "Peer median"),
    "gap": ("Skillnad", "Gap"),
    "blocked": ("Ej rankad: steg 1 ger data som krävs för rankning",
                "Not ranked: step 1 gives the data ranking requires"),
    "interval": ("rangintervall", "rank interval"),
    "not_in_year": ("finns inte i", "is not in"),
    "no_trend": ("Ingen utveckling att visa.", "No trend to show."),
}

TABS = ("overview", "indicators", "trend", "peers", "priorities")


def word(key: str, lang: str) -> str:
    return choose(WORDS, key, lang)


def status_words(status: str, lang: str) -> str:
    """A status in words ('skyddad (för få svar)', 'ej rapporterad'), as the CLI says it."""
    return label(status, lang)


@dataclass
class KommunData:
    """What one load of the screen brings from the facade; parts may be missing."""

    view: KommunView
    trend: TrendView | None
    peers: PeersView | None
    priorities: PriorityView | None
    complete: bool = True  # False while peers and priorities are still being computed


class KommunScreen(HtiScreen):
    CSS_PATH = "kommun.tcss"
    VIEW = "kommun"
    BINDINGS = [
        b("i", "indicator", "kommun.indicator"),
        b("w", "whatif", "kommun.whatif"),
        b("c", "compare", "kommun.compare"),
        b("a", "year(1)", "kommun.next_year"),
        b("A", "year(-1)", "kommun.prev_year", show=False),
        b("1", "tab('overview')", "kommun.tab_overview", show=False),
        b("2", "tab('indicators')", "kommun.tab_indicators", show=False),
        b("3", "tab('trend')", "kommun.tab_trend", show=False),
        b("4", "tab('peers')", "kommun.tab_peers", show=False),
        b("5", "tab('priorities')", "kommun.tab_priorities", show=False),
        b("escape", "back", "app.back"),
    ]

    def __init__(self, unit: str, year: int) -> None:
        super().__init__()
        self.unit = unit
        self.year = year
        self.loaded: KommunData | None = None
        self.VIEW = f"kommun-{unit}"

    @property
    def view(self) -> KommunView | None:
        return self.loaded.view if self.loaded else None

    def show_unit(self, unit: str, year: int) -> None:
        """Show another kommun in this (already built) screen.

        The app keeps one kommun screen and reuses it: building its widgets and styles
        costs more than filling them, so opening the next kommun is quick.
        """
        self.unit, self.year, self.loaded = unit, year, None
        self.VIEW = f"kommun-{unit}"
        self.query_one("#kommun-header", Static).update(word("loading", self.lang))
        for table in self.query(DataTable):
            table.clear()
        self.refresh_status()
        self.load(year)

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lang = self.lang
        yield SyntheticBanner(lang, self.facade.synthetic(self.year))
        yield Static(word("loading", lang), id="kommun-header", markup=False)
        with TabbedContent(id="kommun-tabs", initial="overview"):
            with TabPane(word("overview", lang), id="overview"), \
                    Horizontal(id="overview-body"):
                yield DataTable(id="kommun-nodes", cursor_type="row", zebra_stripes=True)
                yield Static("", id="kommun-notes", markup=False)
            with TabPane(word("indicators", lang), id="indicators"):
                yield DataTable(id="kommun-indicators", cursor_type="cell", zebra_stripes=True)
            with TabPane(word("trend", lang), id="trend"):
                yield DataTable(id="kommun-trend", cursor_type="row", zebra_stripes=True)
            with TabPane(word("peers", lang), id="peers"), Horizontal(id="peers-body"):
                with Vertical(id="peers-left"):
                    yield Static("", id="peers-method", markup=False)
                    yield DataTable(id="kommun-peers", cursor_type="row", zebra_stripes=True)
                with Vertical(id="peers-right"):
                    yield Static(word("better", lang), classes="caption", markup=False)
                    yield DataTable(id="kommun-better", cursor_type="row", zebra_stripes=True)
            with TabPane(word("priorities", lang), id="priorities"):
                yield Static("", id="priorities-method", markup=False)
                yield DataTable(id="kommun-priorities", cursor_type="row", zebra_stripes=True)
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_status()
        self.load(self.year)

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 140, "-wide")
        if self.loaded is not None:
            self.fill_nodes()
            self.fill_indicators()
            self.fill_peers()
            self.fill_priorities()

    def bar_width(self) -> int:
        width = self.size.width
        return 12 if width < 100 else 20 if width < 140 else 40

    # -- data -----------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="kommun")
    def load(self, year: int) -> None:
        """Everything from the facade off the UI thread; a failing part is left out."""
        f = self.facade
        try:
            view = f.kommun(self.unit, year)
        except (HtiError, KeyError, ValueError) as exc:
            message = exc.describe() if isinstance(exc, HtiError) else (
                f"{self.unit} {word('not_in_year', self.lang)} {year}")
            self.app.call_from_thread(self.failed, message)
            return
        unit = self.unit
        # the header, bars and indicators first; peers and priorities (the engine once per
        # indicator) follow, so the kommun's own numbers are on screen sooner
        data = KommunData(view, self._part("trend", lambda: f.trend(unit)), None, None,
                          complete=False)
        self.app.call_from_thread(self.show, year, data)
        peers = self._part("peers", lambda: f.peers(unit, year))
        priorities = self._part("priorities", lambda: f.priorities(unit, year))
        self.app.call_from_thread(self.show_rest, data, peers, priorities)

    def _part(self, name: str, ask: Any) -> Any:
        """One part of the view; a failure is a warning and the part is left out."""
        try:
            return ask()
        except Exception as exc:  # shown, never fatal
            self.app.call_from_thread(self.app.notify, f"{name}: {exc}", severity="warning")
            return None

    def show_rest(self, data: KommunData, peers: PeersView | None,
                  priorities: PriorityView | None) -> None:
        if self.loaded is not data:  # another kommun or year was asked for meanwhile
            return
        data.peers, data.priorities, data.complete = peers, priorities, True
        self.fill_peers()
        self.fill_priorities()
        self.query_one("#kommun-notes", Static).update(self.notes(data.view))

    def failed(self, message: str) -> None:
        """Say why in a notification; before anything was shown, in the header too."""
        self.app.notify(message, severity="error")
        if self.loaded is None:
            self.query_one("#kommun-header", Static).update(f"⚠ {message}")

    def show(self, year: int, data: KommunData) -> None:
        self.year = year
        self.loaded = data
        self.query_one(SyntheticBanner).show(data.view.synthetic)
        self.fill_header()
        self.fill_nodes()
        self.fill_indicators()
        self.fill_trend()
        self.fill_peers()
        self.fill_priorities()
        self.refresh_status()

    def fill_header(self) -> None:
        v, lang = self.loaded.view, self.lang  # type: ignore[union-attr]
        head = Text()
        head.append(f"{v.kommun_namn} ({v.kommun_kod})", style="bold")
        head.append("  ·  ".join(["", *(x for x in (v.lan, v.kommungrupp) if x), str(v.year)]))
        head.append("\n")
        head.append(f"{label('index', lang)} ")
        head.append(number(v.index, 1, lang), style="bold")
        head.append(f"  ·  {label('rank', lang).lower()} {v.rank or '–'} {label('of', lang)} "
                    f"{v.ranked}  ·  {v.resultatgrupp or '–'}")
        if v.rank_interval:
            share = round(100 * self.facade.config.sensitivity.interval)
            lo, hi = v.rank_interval
            head.append(f"  ·  {share} % {word('interval', lang)} {lo}–{hi}")
        head.append(f"  ·  {coverage_text(v.coverage, v.observed_share, lang)}")
        if not v.is_ranked:  # said in words, not by colour
            head.append(f"\n{UNRANKED} {v.unranked_reason or ''}", style="bold")
        self.query_one("#kommun-header", Static).update(head)

    def fill_nodes(self) -> None:
        v, lang = self.loaded.view, self.lang  # type: ignore[union-attr]
        table = self.query_one("#kommun-nodes", DataTable)
        table.clear(columns=True)
        table.add_column(f"{label('delindex', lang)} / {label('kvalitetsomrade', lang)}")
        table.add_column(word("bar", lang))
        for title in (label("score", lang), word("median_score", lang), word("vs_median", lang)):
            table.add_column(right(title))
        width = self.bar_width()
        for d in v.delindex:
            rows = [(d, Text(d.name, style="bold"))]
            rows += [(a, Text(f"  {a.name}")) for a in v.areas if a.parent == d.id]
            for node, name in rows:
                table.add_row(name, bar(node.score, node.median, width),
                              right(number(node.score, 1, lang)),
                              right(number(node.median, 1, lang)),
                              signed(node.vs_median, lang), key=node.id)
        self.query_one("#kommun-notes", Static).update(self.notes(v))

    def notes(self, v: KommunView) -> Text:
        """Strengths and development areas: two lines under the bars on a small terminal;
        on a wide one a column beside them that also sums up the trend and priorities."""
        lang, wide = self.lang, self.has_class("-wide")
        notes = Text()
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

    def fill_indicators(self) -> None:
        v, lang = self.loaded.view, self.lang  # type: ignore[union-attr]
        table = self.query_one("#kommun-indicators", DataTable)
        table.clear(columns=True)
        table.add_column(label("indikator", lang), width=self.name_width())
        for key in ("raw", "score", "median", "contribution"):
            table.add_column(right(label(key, lang)))
        table.add_column(right(word("vs_median", lang)))
        table.add_column(label("status", lang))
        for r in v.indicators:  # the facade's order: most points gained → most lost
            raw = number(r.raw, 1, lang) if r.raw is not None else (r.raw_text or "–")
            table.add_row(name_text(r.name), right(raw),
                          right(number(r.score, 1, lang)),
                          right(number(r.median_score, 1, lang)),
                          right(number(r.contribution, 2, lang)),
                          signed(r.vs_median, lang),
                          Text(status_words(r.status, lang)), key=r.id)

    def fill_trend(self) -> None:
        t, lang = self.loaded.trend, self.lang  # type: ignore[union-attr]
        table = self.query_one("#kommun-trend", DataTable)
        table.clear(columns=True)
        f = self.facade
        table.add_column(label("year", lang))
        table.add_column(right(label("index", lang)))
        table.add_column(label("index", lang) + " 0–100")
        table.add_column(right(label("rank", lang)))
        table.add_column(label("resultatgrupp", lang))
        for d in f.delindex_ids():
            table.add_column(right(f.node_name(d)))
        for y in t.years if t else []:
            table.add_row(Text(str(y["year"]), style="bold" if y["year"] == self.year else ""),
                          right(number(y["index"], 1, lang)), bar(y["index"], None, 20),
                          right(f"{y['rank'] or '–'} / {y['ranked']}"),
                          Text(y["resultatgrupp"] or "–"),
                          *[right(number(y["delindex"].get(d), 1, lang))
                            for d in f.delindex_ids()], key=str(y["year"]))

    def fill_peers(self) -> None:
        p, lang = self.loaded.peers, self.lang  # type: ignore[union-attr]
        peers = self.query_one("#kommun-peers", DataTable)
        better = self.query_one("#kommun-better", DataTable)
        peers.clear(columns=True)
        better.clear(columns=True)
        pending = not self.loaded.complete  # type: ignore[union-attr]
        self.query_one("#peers-method", Static).update(
            p.method if p else word("loading", lang) if pending else "–")
        peers.add_column(self.facade.unit_word())
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
        worse = p.better  # the facade's: real gaps only, most index points first
        for g in worse:
            better.add_row(name_text(g["name"]),
                           right(number(g["score"], 1, lang)),
                           right(number(g["peer_median"], 1, lang)),
                           signed(g["gap"], lang, 1), signed(g["points"], lang),
                           key=g["indicator"])
        if not worse:
            better.add_row(Text(word("none_better", lang)), "", "", "", "")

    def fill_priorities(self) -> None:
        p, lang = self.loaded.priorities, self.lang  # type: ignore[union-attr]
        table = self.query_one("#kommun-priorities", DataTable)
        table.clear(columns=True)
        table.add_column(label("indikator", lang), width=self.name_width())
        for key in ("now", "target", "plus_points", "new_index", "new_rank"):
            table.add_column(right(word(key, lang)))
        pending = not self.loaded.complete  # type: ignore[union-attr]
        self.query_one("#priorities-method", Static).update(
            (f"{word('blocked', lang)} · " if p.blocked else "") + p.peers_method if p
            else word("loading", lang) if pending else "–")
        for i in p.items if p else []:
            table.add_row(name_text(i["name"]),
                          right(number(i["current"], 1, lang)),
                          right(number(i["target"], 1, lang)),
                          signed(i["points"], lang), right(number(i["new_index"], 1, lang)),
                          right(str(i["new_rank"] or "–")), key=i["indicator"])

    # -- the hooks of HtiScreen --------------------------------------------------------
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active or "overview"

    def cli_command(self) -> str:
        tab = self.active_tab()
        if tab == "trend":
            return self.cli("trend", self.unit)
        if tab in ("peers", "priorities"):
            return self.cli(tab, self.unit, "--year", self.year)
        return self.cli("show", self.unit, "--year", self.year)

    def export_rows(self) -> list[dict[str, Any]]:
        """The active tab's rows as the CLI's JSON has them (indicators by default)."""
        data = self.loaded
        if data is None:
            return []
        tab = self.active_tab()
        if tab == "trend" and data.trend:
            return [dict(y) for y in data.trend.years]
        if tab == "peers" and data.peers:
            return [dict(g) for g in data.peers.better]
        if tab == "priorities" and data.priorities:
            return [dict(i) for i in data.priorities.items]
        return [r.as_dict() for r in data.view.indicators]

    def synthetic(self) -> bool:
        return self.view.synthetic if self.view else self.facade.synthetic(self.year)

    def current_table(self) -> DataTable:
        focused = self.focused
        if isinstance(focused, DataTable):
            return focused
        tables = list(self.query_one(f"TabPane#{self.active_tab()}").query(DataTable))
        return tables[0] if tables else self.query_one("#kommun-indicators", DataTable)

    def export_filters(self) -> list[object]:
        return [self.active_tab()]

    def copy_cell(self, row: bool = False) -> str | None:
        return self.copy_from(self.current_table(), row)

    # -- actions ----------------------------------------------------------------------
    def row_key(self, table: DataTable) -> str | None:
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def action_indicator(self) -> None:
        """The indicator under the cursor; outside an indicator list, the indicators tab's."""
        table = self.current_table()
        if table.id not in ("kommun-indicators", "kommun-better", "kommun-priorities"):
            table = self.query_one("#kommun-indicators", DataTable)
        ident = self.row_key(table)
        if ident is not None and ident in self.facade.indicator_ids():
            self.hti.open_indicator(ident, self.year)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if event.data_table.id == "kommun-indicators":
            self.action_indicator()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        table = event.data_table
        if table.id in ("kommun-better", "kommun-priorities"):
            self.action_indicator()
        elif table.id == "kommun-peers" and event.row_key.value:
            self.hti.open_kommun(str(event.row_key.value), self.year)
        elif table.id == "kommun-trend" and event.row_key.value:
            self.load(int(event.row_key.value))

    def action_whatif(self) -> None:
        self.hti.open_whatif(self.unit, self.year)

    def marked_elsewhere(self) -> list[str]:
        """Kommuner marked with m on the ranking below this screen."""
        from hti_tui.tui.screens.ranking import RankingScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, RankingScreen):
                return [u for u in screen.marked if u != self.unit]
        return []

    def action_compare(self) -> None:
        units = [self.unit, *self.marked_elsewhere()][:5]
        if len(units) == 1 and self.focused is self.query_one("#kommun-peers", DataTable):
            peer = self.row_key(self.query_one("#kommun-peers", DataTable))
            if peer:
                units.append(peer)
        self.hti.open_compare(units, self.year)

    def action_year(self, step: int) -> None:
        years = self.facade.built_years()
        if self.year in years:
            i = years.index(self.year) + step
            if 0 <= i < len(years):
                self.load(years[i])

    def action_tab(self, tab: str) -> None:
        self.switch_tab(tab)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        tables = list(event.pane.query(DataTable))
        if tables:
            tables[0].focus()
        self.refresh_status()
