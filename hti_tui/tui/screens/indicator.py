"""One indicator across every kommun: what it measures, where it comes from, how much
it weighs, how its values spread, who is best and worst, and how many values are
missing and why (suppressed, not reported …).

The numbers are ``hti indicator ID --year Y``'s; Enter on a kommun opens it.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Static, TabbedContent, TabPane
from textual_plotext import PlotextPlot

from hti_tui.i18n import choose, label, number
from hti_tui.query.indicator import indicator as indicator_view
from hti_tui.query.project_info import indicator_weight
from hti_tui.query.rows import IndicatorView
from hti_tui.report.cells import raw_words
from hti_tui.report.indicator_facts import (
    about_lines,
    is_answer,
    missing_lines,
    shown_answers,
    spread_lines,
    value_text,
)
from hti_tui.tui.base import HtiScreen
from hti_tui.tui.keys import b
from hti_tui.tui.widgets.banner import SyntheticBanner
from hti_tui.tui.widgets.statusline import StatusLine

TOP = 10
BINS = 20

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Indikator", "Indicator"),
    "overview": ("Översikt", "Overview"),
    "extremes": ("Bäst och sämst", "Best and worst"),
    "all": ("Alla", "All"),
    "top": ("Topp {n}", "Top {n}"),
    "bottom": ("Botten {n}", "Bottom {n}"),
    "histogram": ("Fördelning över {units}", "Distribution over {units}"),
    "count": ("antal", "count"),
    "description": ("Definition", "Definition"),
    "spread": ("Spridning", "Spread"),
    "missing": ("Saknade värden", "Missing values"),
    "loading": ("Hämtar indikatorn …", "Loading the indicator …"),
    "none": ("Inga värden att visa", "No values to show"),
}

def word(key: str, lang: str, **fmt: object) -> str:
    return choose(WORDS, key, lang, **fmt)


class IndicatorScreen(HtiScreen):
    CSS_PATH = "indicator.tcss"
    VIEW = "indicator"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        b("escape", "back", "app.back"),
        b("enter", "open", "indicator.open"),
        b("1", "tab('overview')", "indicator.tab_overview", show=False),
        b("2", "tab('extremes')", "indicator.tab_extremes", show=False),
        b("3", "tab('all')", "indicator.tab_all", show=False),
    ]

    def __init__(self, indicator: str, year: int, unit: str | None = None) -> None:
        super().__init__()
        self.indicator = indicator
        self.unit = unit  # opened from a kommun: its value is marked in the histogram
        self.year = year
        self.view: IndicatorView | None = None
        self.weight: dict[str, float | None] = {}
        self.VIEW = f"indicator-{indicator}"

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lang = self.lang
        yield SyntheticBanner(lang, self.index.synthetic(self.year))
        yield Static(word("loading", lang), id="indicator-title", markup=False)
        with TabbedContent(id="indicator-tabs", initial="overview"):
            with TabPane(word("overview", lang), id="overview"), \
                    Horizontal(id="overview-body"):
                with VerticalScroll(id="indicator-about-box"):
                    yield Static("", id="indicator-about")
                yield PlotextPlot(id="indicator-plot")
            with TabPane(word("extremes", lang), id="extremes"), \
                    Horizontal(id="extremes-body"):
                with Vertical(classes="extreme"):
                    yield Static(word("top", lang, n=TOP), classes="caption", markup=False)
                    yield DataTable(id="indicator-top", cursor_type="row", zebra_stripes=True)
                with Vertical(classes="extreme"):
                    yield Static(word("bottom", lang, n=TOP), classes="caption", markup=False)
                    yield DataTable(id="indicator-bottom", cursor_type="row",
                                    zebra_stripes=True)
            with TabPane(word("all", lang), id="all"):
                yield DataTable(id="indicator-all", cursor_type="row", zebra_stripes=True)
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_status()
        self.load()

    # -- data ------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="indicator")
    def load(self) -> None:
        def ask() -> tuple[IndicatorView, dict[str, float | None]]:
            view = indicator_view(self.index, self.indicator, self.year)
            return view, indicator_weight(self.index, view.id, view.year)

        answer = self.attempt(ask)
        if answer is not None:
            self.app.call_from_thread(self._show, *answer)

    def _show(self, view: IndicatorView, weight: dict[str, float | None]) -> None:
        self.view, self.weight = view, weight
        self.indicator = view.id
        lang = self.lang
        self.query_one(SyntheticBanner).show(view.synthetic)
        name = view.name if lang == "sv" else (view.name_en or view.name)
        self.query_one("#indicator-title", Static).update(
            f"{word('title', lang)}: {name} ({view.id}) — {view.year}")
        self.query_one("#indicator-about", Static).update(self.about(view, weight))
        self._plot(view)
        scored = self.scored()
        self._fill(self.query_one("#indicator-top", DataTable), scored[:TOP])
        self._fill(self.query_one("#indicator-bottom", DataTable), scored[-TOP:])
        self._fill(self.query_one("#indicator-all", DataTable), view.values, status=True)
        self.refresh_status()

    def scored(self) -> list[dict[str, Any]]:
        """The values with a score, best first (``hti indicator``'s order)."""
        return [v for v in self.view.values if v["score"] is not None] if self.view else []

    def about(self, view: IndicatorView, weight: dict[str, float | None]) -> Text:
        """Definition, source, direction, unit, weights, spread and missing values."""
        f, lang = self.index, self.lang
        text = Text()

        def line(key: str, value: str, style: str = "") -> None:
            text.append(f"{key}: ", style="bold")
            text.append(f"{value}\n", style=style)

        if view.description:
            line(word("description", lang), view.description)
        for key, value in about_lines(view, weight, f.node_name, lang):
            line(key, value)
        text.append(f"\n{word('spread', lang)}\n", style="bold underline")
        for key, value in spread_lines(view, lang):
            line(key, value)
        text.append(f"\n{word('missing', lang)}\n", style="bold underline")
        for key, count in missing_lines(view, lang):
            line(key, str(count), "bold yellow" if count and key != label("ok", lang) else "")
        return text

    def _plot(self, view: IndicatorView) -> None:
        """A histogram of the raw values (missing ones are counted above, not plotted)."""
        widget = self.query_one(PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        values = [v["raw"] for v in view.values if v["raw"] is not None]
        lang = self.lang
        units = self.index.config.index.unit_label_plural
        plt.title(word("histogram", lang, units=units))
        if values and is_answer(view.unit):
            self._plot_answers(view)
        elif values:
            plt.hist(values, bins=BINS)
            # ticks at the query's min, quartiles and max, written the reader's way
            ticks = [t for t in (view.stats.get(k) for k in ("min", "q25", "median", "q75",
                                                             "max")) if t is not None]
            plt.xticks(ticks, [number(t, 1, lang) for t in ticks])
            # counts are whole numbers: label the y axis with whole numbers, not 6.8, 13.7 …
            top = int(max(np.histogram(values, bins=BINS)[0]))
            step = max(1, math.ceil(top / 5))
            counts = list(range(0, top + 1, step))
            plt.yticks([float(c) for c in counts], [str(c) for c in counts])
            plt.xlabel(view.unit or label("raw", lang))
            plt.ylabel(word("count", lang))
            mine = [v for v in view.values if v["kommun_kod"] == self.unit]
            if mine and mine[0]["raw"] is not None:
                plt.vline(mine[0]["raw"], "red")
                plt.title(f"{word('histogram', lang, units=units)}  ·  │ {mine[0]['kommun_namn']}"
                          f" {number(mine[0]['raw'], 1, lang)}")
        widget.refresh()

    def _plot_answers(self, view: IndicatorView) -> None:
        """A ja/nej item: one bar per published word (Ja, Delvis, Nej) with its count."""
        plt, lang = self.query_one(PlotextPlot).plt, self.lang
        counts = view.answers or {}
        shown = shown_answers(view)
        plt.bar([raw_words(value, view.unit, lang) for _, value in shown],
                [counts.get(key, 0) for key, _ in shown])
        plt.ylabel(word("count", lang))
        mine = [v for v in view.values if v["kommun_kod"] == self.unit]
        if mine and mine[0]["raw"] is not None:
            units = self.index.config.index.unit_label_plural
            plt.title(f"{word('histogram', lang, units=units)}  ·  {mine[0]['kommun_namn']}: "
                      f"{value_text(mine[0], view.unit, lang)}")

    def _fill(self, table: DataTable[Any], rows: list[dict[str, Any]],
              status: bool = False) -> None:
        lang = self.lang
        view_unit = self.view.unit if self.view else ""
        table.clear(columns=True)
        columns = [label("rank", lang), self.index.unit_word(), label("raw", lang),
                   label("score", lang)]
        if status:
            columns.append(label("status", lang))
        table.add_columns(*columns)
        for v in rows:
            cells = [Text(str(v["rank"] or "–"), justify="right"), Text(v["kommun_namn"]),
                     Text(value_text(v, view_unit, lang), justify="right"),
                     Text(number(v["score"], 1, lang), justify="right")]
            if status:
                cells.append(Text(label(v["status"], lang),
                                  style="" if v["status"] == "ok" else "yellow"))
            table.add_row(*cells)

    # -- the hooks of HtiScreen ----------------------------------------------------
    def cli_command(self) -> str:
        return self.cli("indicator", self.indicator, "--year", self.year)

    def export_rows(self) -> list[dict[str, Any]]:
        """Every kommun's value, as ``hti indicator ID --format csv`` (the JSON's values)."""
        return [dict(v) for v in self.view.values] if self.view else []

    def synthetic(self) -> bool:
        return self.view.synthetic if self.view else self.index.synthetic(self.year)

    def tables(self) -> dict[str, list[dict[str, Any]]]:
        """Each kommun table's rows, by widget id, in the order shown."""
        scored = self.scored()
        return {"indicator-top": scored[:TOP], "indicator-bottom": scored[-TOP:],
                "indicator-all": self.view.values if self.view else []}

    def active_table(self) -> DataTable[Any] | None:
        focused = self.focused
        if isinstance(focused, DataTable):
            return focused
        tab = self.query_one(TabbedContent).active
        if tab == "extremes":
            return self.query_one("#indicator-top", DataTable)
        if tab == "all":
            return self.query_one("#indicator-all", DataTable)
        return None

    def current(self) -> dict[str, Any] | None:
        """The kommun under the cursor of the focused table."""
        table = self.active_table()
        if table is None or not table.row_count:
            return None
        rows = self.tables().get(str(table.id), [])
        return rows[table.cursor_row] if table.cursor_row < len(rows) else None

    def copy_cell(self, row: bool = False) -> str | None:
        table = self.active_table()
        return None if table is None else self.copy_from(table, row, 1)

    # -- actions ---------------------------------------------------------------------
    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_open(self) -> None:
        value = self.current()
        if value is not None:
            self.hti.open_kommun(value["kommun_kod"], self.year)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_tab(self, tab: str) -> None:
        self.switch_tab(tab)

    def _focus_tab(self, tab: str) -> None:
        pane = self.query_one(f"TabPane#{tab}", TabPane)
        tables = list(pane.query(DataTable))
        if tables:
            tables[0].focus()

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        # a late activation of the first tab must not undo a key pressed meanwhile
        if event.pane.id == self.query_one(TabbedContent).active:
            self._focus_tab(str(event.pane.id))
