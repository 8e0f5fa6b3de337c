"""One kommun: where it stands, why, how it moved, who is comparable, what to do first.

The header (name, score, rank, result group, rank interval) stays on top; the rest sits
in tabs so the screen reads at 80×24: an overview of bars against the national median,
every indicator sorted by the points it gains or loses against the median, the trend,
the peers and the priorities. Every number is the query layer's, so ``hti show`` (and
``trend``, ``peers``, ``priorities``) print what the active tab shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from hti_tui.errors import HtiError
from hti_tui.i18n import label, number
from hti_tui.query.compare import trend as trend_view
from hti_tui.query.kommun import kommun as kommun_view
from hti_tui.query.peers import peers as peers_view
from hti_tui.query.peers import priorities as priority_view
from hti_tui.query.rows import KommunView
from hti_tui.query.units import units as units_view
from hti_tui.report.cells import answer_word
from hti_tui.report.flags import UNRANKED, coverage_text
from hti_tui.tui.base import HtiScreen
from hti_tui.tui.keys import b
from hti_tui.tui.screens.kommun_tables import (
    IND_COLUMNS,
    TABS,
    KommunData,
    KommunTables,
    word,
)
from hti_tui.tui.screens.kommun_units import fill_units, unit_word
from hti_tui.tui.widgets.banner import SyntheticBanner
from hti_tui.tui.widgets.footer import HtiFooter
from hti_tui.tui.widgets.statusline import StatusLine

T = TypeVar("T")


#: kommun views kept per (kommun, year), so going back to one shows it at once; the
#: results do not change while the screen lives (a reload builds a new screen)
KEPT_VIEWS = 32
#: how long a kommun being computed may keep the screen below in view (seconds): a view
#: that comes sooner is shown at once, drawn with its numbers; one that takes longer
#: shows the screen with "Läser in …" first
SHOW_WITHIN = 0.15


class KommunScreen(KommunTables, HtiScreen):
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
        b("6", "tab('units')", "kommun.tab_units", show=False),
        b("s", "sort_indicators", "kommun.sort", show=False),
        b("g", "group", "kommun.group", show=False),
        b("x", "all_areas", "kommun.all_areas", show=False),
        b("r", "reference", "kommun.reference", show=False),
        b("escape", "back", "app.back"),
    ]
    #: the user's choices a screen built again (another language) starts with; the tab
    #: in view goes too (HtiScreen.hand_over)
    KEPT = ("ind_sort", "ind_reverse", "grouped", "area_only", "reference")

    def __init__(self, unit: str, year: int) -> None:
        super().__init__()
        self.unit = unit
        self.year = year
        self.loaded: KommunData | None = None
        self.unfilled: set[str] = set()  # tabs of the loaded kommun not drawn yet
        self.kept: dict[tuple[str, int], KommunData] = {}
        self.asked = (unit, year)  # the kommun and year last asked for
        self.VIEW = f"kommun-{unit}"
        self.when_shown: Callable[[], object] | None = None  # see show_unit
        self.show_timer: Timer | None = None

    @property
    def view(self) -> KommunView | None:
        return self.loaded.view if self.loaded else None

    def show_unit(self, unit: str, year: int,
                  push: Callable[[], object] | None = None) -> None:
        """Show another kommun in this (already built) screen.

        The app keeps one kommun screen and reuses it: building its widgets and styles
        costs more than filling them, so opening the next kommun is quick. ``push`` puts
        the screen in view: it is called once the kommun's numbers are drawn (or after
        ``SHOW_WITHIN`` seconds, or a failure), so the screen is laid out and drawn once
        with its numbers instead of first empty and then again (and the drawing of the
        empty screen does not compete with the worker for the interpreter).
        """
        self.unit, self.year, self.loaded = unit, year, None
        self.VIEW = f"kommun-{unit}"
        self.query_one("#kommun-header", Static).update(word("loading", self.lang))
        for table in self.query(DataTable):
            table.clear()
        self.refresh_status()
        if push is not None:
            below = self.app.screen

            def in_view() -> None:  # not over a screen the user went to meanwhile
                if self.app.screen is below:
                    push()

            self.when_shown = in_view
            if self.show_timer is not None:
                self.show_timer.stop()
            self.show_timer = self.app.set_timer(SHOW_WITHIN, self.put_in_view)
        self.show_or_load(year)

    def put_in_view(self) -> None:
        """Call the ``push`` of :meth:`show_unit` (once)."""
        push, self.when_shown = self.when_shown, None
        if self.show_timer is not None:
            self.show_timer.stop()
            self.show_timer = None
        if push is not None:
            push()

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lang = self.lang
        yield SyntheticBanner(lang, self.index.synthetic(self.year))
        yield Static(word("loading", lang), id="kommun-header", markup=False)
        with TabbedContent(id="kommun-tabs", initial="overview"):
            with TabPane(word("overview", lang), id="overview"), \
                    Horizontal(id="overview-body"):
                yield DataTable(id="kommun-nodes", cursor_type="row", zebra_stripes=True)
                yield Static("", id="kommun-notes", markup=False)
            with TabPane(word("indicators", lang), id="indicators"):
                yield Static("", id="indicators-caption", classes="caption", markup=False)
                yield DataTable(id="kommun-indicators", cursor_type="cell", zebra_stripes=True)
                yield Static("", id="indicators-flags", classes="footnote", markup=False)
            with TabPane(word("trend", lang), id="trend"):
                yield PlotextPlot(id="trend-plot")
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
            with TabPane(unit_word("units", lang), id="units"):
                yield Static("", id="units-method", markup=False)
                yield DataTable(id="kommun-units", cursor_type="row", zebra_stripes=True)
        yield StatusLine()
        yield HtiFooter()

    def on_mount(self) -> None:
        self.refresh_status()
        self.show_or_load(self.year)

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 140, "-wide")
        if self.loaded is not None:  # widths changed: the tab in view now, the rest when shown
            self.unfilled = set(TABS)
            self.fill_tab(self.active_tab())

    # -- data -----------------------------------------------------------------------
    def show_or_load(self, year: int) -> None:
        """The kommun's numbers from the kept views, or computed in a worker."""
        self.asked = (self.unit, year)
        kept = self.kept.get(self.asked)
        if kept is not None:
            self.show(year, kept)
        else:
            self.load(year)

    @work(thread=True, exclusive=True, group="kommun")
    def load(self, year: int) -> None:
        """Everything in one call off the UI thread, then one redraw of the tab in view; a
        failing part is left out (and said)."""
        ix, unit, reference = self.index, self.unit, self.reference
        view = self.attempt(lambda: kommun_view(ix, unit, year, reference), failed=self.failed)
        if view is None:
            return
        data = KommunData(view, self._part("trend", lambda: trend_view(ix, unit)),
                          self._part("peers", lambda: peers_view(ix, unit, year)),
                          self._part("priorities", lambda: priority_view(ix, unit, year)),
                          units=self._part("units", lambda: self._units(unit, year)))
        self.app.call_from_thread(self.keep, unit, year, data)

    def keep(self, unit: str, year: int, data: KommunData) -> None:
        """Keep the loaded numbers and show them, unless another kommun was asked for."""
        if len(self.kept) >= KEPT_VIEWS:
            self.kept.pop(next(iter(self.kept)))
        self.kept[(unit, year)] = data
        if (unit, year) == self.asked:
            self.show(year, data)

    def _units(self, unit: str, year: int) -> dict[str, Any] | str:
        """``hti units`` of the kommun, or (no unit-level data) the reason in words."""
        try:
            return units_view(self.index, unit, year)
        except HtiError as exc:
            return exc.describe(self.lang)

    def _part(self, name: str, ask: Callable[[], T]) -> T | None:
        """One part of the view; a data error is a warning and the part is left out."""
        return self.attempt(ask, failed=lambda message: self.app.notify(
            f"{name}: {message}", severity="warning", markup=False))

    def failed(self, message: str) -> None:
        """Say why in a notification; before anything was shown, in the header too."""
        self.app.notify(message, severity="error", markup=False)
        if self.loaded is None:
            self.query_one("#kommun-header", Static).update(f"⚠ {message}")
        self.put_in_view()

    def show(self, year: int, data: KommunData) -> None:
        self.year = year
        self.loaded = data
        self.query_one(SyntheticBanner).show(data.view.synthetic)
        self.fill_header()
        # only the tab in view is drawn; each other tab when it is first shown, so opening
        # a kommun costs one tab's tables, not six
        self.unfilled = set(TABS)
        self.fill_tab(self.active_tab())
        self.refresh_status()
        self.put_in_view()

    def fill_tab(self, tab: str) -> None:
        if tab not in self.unfilled or self.loaded is None:
            return
        self.unfilled.discard(tab)
        {"overview": self.fill_nodes, "indicators": self.fill_indicators,
         "trend": self.fill_trend, "peers": self.fill_peers,
         "priorities": self.fill_priorities, "units": self.fill_units}[tab]()

    def fill_units(self) -> None:
        fill_units(self.query_one("#kommun-units", DataTable),
                   self.query_one("#units-method", Static),
                   self.loaded.units if self.loaded else None, self.lang)

    def fill_header(self) -> None:
        v, lang = self.loaded_data.view, self.lang
        head = Text()
        head.append(f"{v.kommun_namn} ({v.kommun_kod})", style="bold")
        head.append("  ·  ".join(["", *(x for x in (v.lan, v.kommungrupp) if x), str(v.year)]))
        head.append("\n")
        head.append(f"{label('index', lang)} ")
        head.append(number(v.index, 1, lang), style="bold")
        head.append(f"  ·  {label('rank', lang).lower()} {v.rank or '–'} {label('of', lang)} "
                    f"{v.ranked}  ·  {v.resultatgrupp or '–'}")
        if v.rank_interval:
            share = round(100 * self.index.config.sensitivity.interval)
            lo, hi = v.rank_interval
            head.append(f"  ·  {share} % {word('interval', lang)} {lo}–{hi}")
        head.append(f"  ·  {coverage_text(v.coverage, v.observed_share, lang)}")
        if not v.is_ranked:  # said in words, not by colour
            head.append(f"\n{UNRANKED} {v.unranked_reason or ''}", style="bold")
        self.query_one("#kommun-header", Static).update(head)

    # -- the hooks of HtiScreen --------------------------------------------------------
    def active_tab(self) -> str:
        return self.query_one(TabbedContent).active or "overview"

    def cli_command(self) -> str:
        tab = self.active_tab()
        if tab == "trend":
            return self.cli("trend", self.unit)
        if tab in ("peers", "priorities", "units"):
            return self.cli(tab, self.unit, "--year", self.year)
        if self.reference != "median":
            return self.cli("show", self.unit, "--year", self.year,
                            "--reference", self.reference)
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
        if tab == "units":
            return [dict(u) for u in data.units["units"]] if isinstance(data.units, dict) else []
        return [{**r.as_dict(), "raw_word": answer_word(r.raw, r.unit, self.lang, r.raw_text)}
                for r in data.view.indicators]  # as hti show --format json has them

    def synthetic(self) -> bool:
        return self.view.synthetic if self.view else self.index.synthetic(self.year)

    def current_table(self) -> DataTable[Any]:
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
    def row_key(self, table: DataTable[Any]) -> str | None:
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return str(key) if key is not None else None

    def action_indicator(self) -> None:
        """The indicator under the cursor; outside an indicator list, the indicators tab's."""
        table = self.current_table()
        if table.id not in ("kommun-indicators", "kommun-better", "kommun-priorities"):
            self.fill_tab("indicators")  # drawn only when first needed
            table = self.query_one("#kommun-indicators", DataTable)
        ident = self.row_key(table)
        if ident is not None and ident in self.index.indicator_ids():
            self.hti.open_indicator(ident, self.year, self.unit)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if event.data_table.id == "kommun-indicators":
            self.action_indicator()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        table = event.data_table
        if table.id == "kommun-nodes" and event.row_key.value:
            self.drill(str(event.row_key.value))
        elif table.id in ("kommun-better", "kommun-priorities"):
            self.action_indicator()
        elif table.id == "kommun-peers" and event.row_key.value:
            self.hti.open_kommun(str(event.row_key.value), self.year)
        elif table.id == "kommun-trend" and event.row_key.value:
            self.show_or_load(int(event.row_key.value))

    def drill(self, node: str) -> None:
        """From an area (or a delindex's first area) in the overview to its indicators."""
        areas = [a.id for a in self.view.areas] if self.view else []
        if node not in areas:
            children = [a.id for a in self.view.areas if a.parent == node] if self.view else []
            node = children[0] if len(children) == 1 else None  # type: ignore[assignment]
        self.area_only = node
        self.refill_indicators()
        self.switch_tab("indicators")

    def refill_indicators(self) -> None:
        """Draw the indicators again (a new order, grouping or area), once they are loaded."""
        if self.loaded is not None:
            self.unfilled.discard("indicators")
            self.fill_indicators()

    def action_all_areas(self) -> None:
        self.area_only = None
        self.refill_indicators()

    def action_group(self) -> None:
        self.grouped = not self.grouped
        self.refill_indicators()

    def action_sort_indicators(self) -> None:
        """Sort the indicators by the column under the cursor; again: the other way."""
        if self.active_tab() != "indicators" or self.loaded is None:
            return
        table = self.query_one("#kommun-indicators", DataTable)
        key = IND_COLUMNS[min(table.cursor_column, len(IND_COLUMNS) - 1)][0]
        if key == self.ind_sort:
            self.ind_reverse = not self.ind_reverse
        else:
            self.ind_sort, self.ind_reverse = key, False
        column = table.cursor_column
        self.refill_indicators()
        table.move_cursor(column=column)

    def action_reference(self) -> None:
        """Gaps against the next reference: median → liknande kommuner → bästa kvartilen."""
        order = ("median", "peers", "quartile")
        self.reference = order[(order.index(self.reference) + 1) % len(order)]
        self.kept.clear()  # the kept views' gaps are against the reference before
        self.show_or_load(self.year)

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
        years = self.index.built_years()
        if self.year in years:
            i = years.index(self.year) + step
            if 0 <= i < len(years):
                self.show_or_load(years[i])

    def action_tab(self, tab: str) -> None:
        self.fill_tab(tab)
        self.switch_tab(tab)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        self.fill_tab(str(event.pane.id))
        tables = list(event.pane.query(DataTable))
        if tables:
            tables[0].focus()
        self.refresh_status()
