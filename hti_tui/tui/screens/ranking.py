"""The home screen: every kommun's rank, index, result group, delindex and change.

Sort by any column (s on the column, or a click on its header; r and n for rank and
name), search by name as you type (accent-tolerant), filter by län, kommungrupp and
result group, switch year (a / A). Enter opens a kommun, m marks it for comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.coordinate import Coordinate
from textual.css.query import NoMatches
from textual.css.scalar import Scalar
from textual.widgets import DataTable, Input, Select, Static

from hti_tui.i18n import label, number, short_name, swedish_key
from hti_tui.query import RankQuery
from hti_tui.query.ranking import rank
from hti_tui.query.rows import RankRow
from hti_tui.report.cells import signed
from hti_tui.report.flags import footnotes, node_marker, rank_text
from hti_tui.tui.base import HtiScreen
from hti_tui.tui.keys import b
from hti_tui.tui.widgets.banner import SyntheticBanner
from hti_tui.tui.widgets.choice import chosen, picked
from hti_tui.tui.widgets.footer import HtiFooter
from hti_tui.tui.widgets.ranking_table import RankingTable, UnitCell
from hti_tui.tui.widgets.statusline import StatusLine, show_text

FROZEN = 3  # mark, Rang and Kommun stay in view when the table scrolls right
FIRST_ROWS = 400  # rows drawn at once; more follow in chunks, so a large index paints fast
CHUNK_ROWS = 1000


class SearchInput(Input):
    """The ranking's search field: it filters the table in the same step as its own
    change, so one screen update shows both."""

    def __init__(self, on_value: Callable[[str], None], **kwargs: Any) -> None:
        self._on_value = on_value  # first: a ``value=`` given is set in Input's __init__
        super().__init__(**kwargs)

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self._on_value(value)


class RankingScreen(HtiScreen):
    CSS_PATH = "ranking.tcss"
    VIEW = "ranking"
    #: the table has the focus from the first paint (Textual's default focuses the search
    #: box, and a later focus() paints every visible cell a second time)
    AUTO_FOCUS = "#ranking"
    BINDINGS = [
        b("enter", "open", "ranking.open"),
        b("slash", "search", "ranking.search", key_display="/"),
        b("s", "sort_column", "ranking.sort"),
        b("r", "sort('rank')", "ranking.sort_rank", show=False),
        b("n", "sort('name')", "ranking.sort_name", show=False),
        b("a", "year(1)", "ranking.next_year"),
        b("A", "year(-1)", "ranking.prev_year", show=False),
        b("f", "filters", "ranking.filter", show=False),
        b("x", "clear", "ranking.clear", show=False),
        b("escape", "focus_table", "ranking.table", show=False),
        b("m", "mark", "ranking.mark"),
        b("c", "compare", "ranking.compare"),
        b("w", "whatif", "ranking.whatif"),
        b("i", "indicators", "ranking.indicators"),
    ]

    def __init__(self, year: int, first_rows: list[RankRow] | None = None) -> None:
        super().__init__()
        self.year = year
        #: the year's rows when the app computed them with its load (drawn at mount, so
        #: the first paint has them); None: asked for in a worker
        self.first_rows = first_rows
        self.rows: list[RankRow] = []
        self.shown: list[RankRow] = []
        self.sort_key = "rank"
        self.reverse = False
        self.search = ""
        self.lan: str | None = None
        self.kommungrupp: str | None = None
        self.group: str | None = None
        self.marked: list[str] = []
        self._in_table: set[str] = set()
        #: each kommun's drawn cells for this year, made once: a search keystroke only
        #: filters and re-adds them
        self._cells: dict[str, list[Text]] = {}
        self._filling = 0  # which table fill is current (chunks of an older one stop)
        #: the kommun and column the cursor goes to when the rows first come (handed
        #: over by the screen this one replaces: see hand_over)
        self._follow: tuple[str, int] | None = None

    #: what the user chose, carried to the screen built again in another language
    KEPT = ("sort_key", "reverse", "search", "lan", "kommungrupp", "group", "marked")

    def hand_over(self, screen: HtiScreen) -> None:
        super().hand_over(screen)
        row = self.current()
        if isinstance(screen, RankingScreen) and row is not None:
            screen._follow = (row.kommun_kod, self.query_one(DataTable).cursor_column)

    # -- layout ---------------------------------------------------------------
    def columns(self, compact: bool = True) -> list[tuple[str, str]]:
        """(key, header) of every column; ``compact`` gives the short delindex headers
        (Info, Bistånd, Utförande, Stöd, Δ) so all of them fit in 120 columns."""
        f, lang = self.index, self.lang
        cols = [("mark", "✓"), ("rank", label("rank", lang)), ("name", f.unit_word()),
                ("lan", label("lan", lang)), ("index", label("index", lang)),
                ("group", label("resultatgrupp", lang))]
        cols += [(d, short_name(f.node_name(d)) if compact else f.node_name(d))
                 for d in f.delindex_ids()]
        cols.append(("change", label("change_short" if compact else "change", lang)))
        return cols

    def compose(self) -> ComposeResult:
        f, lang = self.index, self.lang
        yield SyntheticBanner(lang, f.synthetic(self.year))
        with Horizontal(id="title-row"):
            yield Static("", id="ranking-title", markup=False)
            yield Static("", id="ranking-count", markup=False)  # width: update_title
        reg = f.registry
        lans = sorted({r for r in reg.table.column("region").to_pylist() if r},
                      key=swedish_key)
        groups = sorted({g for g in reg.table.column("group").to_pylist() if g})
        with Horizontal(id="filters"):
            yield SearchInput(self._search_for, value=self.search,
                              placeholder=("Sök kommun …  (/)" if lang == "sv"
                                           else "Search …  (/)"), id="search")
            yield Select([(x, x) for x in lans], prompt=label("lan", lang), id="filter-lan",
                         value=picked(self.lan, lans))
            yield Select([(x, x) for x in groups], prompt=label("kommungrupp", lang),
                         id="filter-kommungrupp", disabled=not groups,
                         value=picked(self.kommungrupp, groups))
            yield Select([(x, x) for x in f.group_labels()], prompt=label("resultatgrupp", lang),
                         id="filter-group", value=picked(self.group, f.group_labels()))
        table = RankingTable(zebra_stripes=True, cursor_type="cell", id="ranking",
                             fixed_columns=FROZEN)
        for key, title in self.columns():
            table.add_column(title, key=key)
        yield table
        # the markers' words on a line of their own (it wraps), below the table: on the
        # title's line they pushed the title off a screen of 80 or 120 columns
        yield Static("", id="ranking-legend", markup=False)
        yield StatusLine()
        yield HtiFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        rows, self.first_rows = self.first_rows, None
        if rows is not None:
            try:
                self._show_year(self.year, rows)
            except NoMatches:  # the app closed before the screen's first mount finished
                return
        else:
            self.load_year(self.year)

    def action_focus_table(self) -> None:
        self.query_one(DataTable).focus()

    # -- data ------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="ranking")
    def load_year(self, year: int) -> None:
        rows = self.attempt(lambda: rank(self.index, RankQuery(year=year)))
        if rows is not None:
            self.app.call_from_thread(self._show_year, year, rows)

    def _show_year(self, year: int, rows: list[RankRow]) -> None:
        self.year = year
        self.rows = rows
        self._in_table = set()  # new numbers: every row is drawn afresh
        self._cells = {}
        self.query_one(SyntheticBanner).show(self.index.synthetic(year))
        self.refresh_table()

    def rank_query(self) -> RankQuery:
        """What the screen shows, as the query ``hti rank`` runs (see cli_command)."""
        return RankQuery(year=self.year, lan=self.lan, kommungrupp=self.kommungrupp,
                         group=self.group, search=self.search or None,
                         sort="name" if self.sort_key == "mark" else self.sort_key,
                         reverse=self.reverse)

    def visible_rows(self) -> list[RankRow]:
        f = self.index
        return self.rank_query().apply(self.rows, f.config.index.unit_label,
                                       group_labels=f.group_labels())

    def cells(self, r: RankRow) -> list[Text]:
        """The row's cells as drawn (kept per kommun for the year: see ``_cells``)."""
        kept = self._cells.get(r.kommun_kod)
        if kept is not None:
            return kept
        lang = self.lang
        dec = self.index.config.index.decimals  # [index] decimals, as in `hti rank`
        # names are Text, never markup: a name like "[bold]" is shown as written
        made = [UnitCell("●" if r.kommun_kod in self.marked else "", r.kommun_kod),
                Text(rank_text(r.rank, r.ranked), justify="right"), Text(r.kommun_namn),
                Text(r.lan or ""), Text(number(r.index, dec, lang), justify="right"),
                Text(r.resultatgrupp or "–"),
                *[Text(number(r.delindex[d], dec, lang) + node_marker(d, r), justify="right")
                  for d in self.index.delindex_ids()],
                signed(r.change, lang, 1)]
        self._cells[r.kommun_kod] = made
        return made

    def refresh_table(self) -> None:
        table = self.query_one(DataTable)
        coordinate = table.cursor_coordinate
        before = self.current()  # the cursor follows its kommun through search and sort
        follow, self._follow = self._follow, None
        if follow is not None and before is None:
            coordinate = Coordinate(0, follow[1])
        self.shown = self.visible_rows()
        codes = [r.kommun_kod for r in self.shown]
        if table.row_count == len(codes) and self._in_table.issuperset(codes):
            order = {code: i for i, code in enumerate(codes)}
            table.sort("mark", key=lambda cell: order[cell.unit])
        else:
            table.clear()
            self._filling += 1
            self._add_rows(self._filling, self.shown, 0, FIRST_ROWS)
            self._in_table = set(codes)
        if self.shown:
            where = {r.kommun_kod: i for i, r in enumerate(self.shown)}
            row = (where.get(before.kommun_kod) if before is not None
                   else where.get(follow[0]) if follow is not None else None)
            if row is None:
                row = coordinate.row if coordinate.row < len(self.shown) else 0
            table.move_cursor(row=row, column=coordinate.column, animate=False)
        self.update_title()
        self.refresh_status()

    def _add_rows(self, fill: int, rows: list[RankRow], start: int, count: int) -> None:
        """Add rows[start:start+count]; the rest follow in chunks after a repaint.

        The DataTable measures every cell it is given, so 10,000 units added at once keep
        the first paint waiting for seconds; the first screenfuls go first instead.
        """
        if fill != self._filling:  # a newer sort, filter or year replaced this fill
            return
        table = self.query_one(RankingTable)
        table.add_measured_rows([(r.kommun_kod, self.cells(r))
                                 for r in rows[start:start + count]])
        if start + count < len(rows):
            self.set_timer(0.02, partial(self._add_rows, fill, rows, start + count,
                                         CHUNK_ROWS))

    def update_title(self) -> None:
        """The title, the count and the legend, each repainted only when its text changes;
        the title and the count keep their size (the count is as wide as "290 av 290"), so
        a keystroke asks for no layout of the title line (see ``show_text``)."""
        f, lang = self.index, self.lang
        arrow = "↓" if not self.reverse else "↑"
        names = dict(self.columns(compact=False))
        show_text(self.query_one("#ranking-title", Static),
                  f"{f.index_name()} {self.year}  ·  "
                  f"{'sorterat på' if lang == 'sv' else 'sorted by'} "
                  f"{names[self.sort_key]} {arrow}")
        count = self.query_one("#ranking-count", Static)
        total = len(self.rows)
        width = cell_len(f"{total} {label('of', lang)} {total}") + 2  # padding 0 1
        if count.styles.width != Scalar.from_number(width):
            count.styles.width = width
        show_text(count, f"{len(self.shown)} {label('of', lang)} {total}")
        # the markers of the rows, explained in words (never a colour alone); it wraps, so
        # a new text may change its height: that one asks for a layout
        notes = "  ·  ".join(footnotes(self.shown, lang))
        legend = self.query_one("#ranking-legend", Static)
        show_text(legend, notes, layout=True)
        legend.display = bool(notes)

    # -- the hooks of HtiScreen ----------------------------------------------------
    def cli_command(self) -> str:
        return self.cli(*self.rank_query().argv())

    def refresh_status(self) -> None:
        self.query_one(StatusLine).show_command(self.cli_command())

    def export_rows(self) -> list[dict[str, Any]]:
        return [r.as_dict() for r in self.shown]

    def synthetic(self) -> bool:
        return self.index.synthetic(self.year)

    def current(self) -> RankRow | None:
        table = self.query_one(DataTable)
        if not self.shown or table.cursor_row >= len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def copy_cell(self, row: bool = False) -> str | None:
        if not self.shown:
            return None
        return self.copy_from(self.query_one(DataTable), row)

    def export_filters(self) -> list[object]:
        return [self.lan, self.kommungrupp, self.group, self.search]

    # -- actions ---------------------------------------------------------------------
    def action_open(self) -> None:
        row = self.current()
        if row is not None:
            self.hti.open_kommun(row.kommun_kod, self.year)

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        self.action_open()

    def action_search(self) -> None:
        # focus now, not on the next idle: keys typed right after "/" belong to the search
        self.set_focus(self.query_one("#search", Input))

    def action_filters(self) -> None:
        self.set_focus(self.query_one("#filter-lan", Select))

    def action_sort(self, key: str) -> None:
        if key == self.sort_key:
            self.reverse = not self.reverse
        else:
            self.sort_key, self.reverse = key, False
        self.refresh_table()

    def action_sort_column(self) -> None:
        table = self.query_one(DataTable)
        key = self.columns()[table.cursor_column][0]
        self.action_sort(key)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(str(event.column_key.value))

    def action_year(self, step: int) -> None:
        years = self.index.built_years()
        if self.year in years:
            i = years.index(self.year) + step
            if 0 <= i < len(years):
                self.load_year(years[i])

    def action_clear(self) -> None:
        self.search = ""
        self.query_one("#search", Input).value = ""
        for select in self.query(Select):
            select.clear()
        self.lan = self.kommungrupp = self.group = None
        self.refresh_table()

    def action_mark(self) -> None:
        row = self.current()
        if row is None:
            return
        if row.kommun_kod in self.marked:
            self.marked.remove(row.kommun_kod)
        elif len(self.marked) < 5:
            self.marked.append(row.kommun_kod)
        else:
            self.app.notify("Högst fem kommuner i en jämförelse" if self.lang == "sv"
                            else "At most five kommuner in a comparison", severity="warning")
        table = self.query_one(DataTable)
        cell = UnitCell("●" if row.kommun_kod in self.marked else "", row.kommun_kod)
        self.cells(row)[0] = cell  # the kept cells too, so a search keeps the mark
        table.update_cell_at(Coordinate(table.cursor_row, 0), cell)

    def action_compare(self) -> None:
        marked = list(self.marked)
        row = self.current()
        if len(marked) < 2 and row is not None and row.kommun_kod not in marked:
            marked.append(row.kommun_kod)
        if len(marked) < 2:
            self.app.notify("Markera minst två kommuner med m" if self.lang == "sv"
                            else "Mark at least two kommuner with m", severity="warning")
            return
        self.hti.open_compare(marked, self.year)

    def action_whatif(self) -> None:
        row = self.current()
        if row is not None:
            self.hti.open_whatif(row.kommun_kod, self.year)

    def action_indicators(self) -> None:
        from hti_tui.tui.screens.pick import IndicatorPicker

        f = self.index
        choices = [(i, f.node_name(i), f.node_name(f.delindex_of(i))) for i in f.indicator_ids()]
        year = self.year

        def open_picked(ident: str | None) -> None:
            if ident:
                self.hti.open_indicator(ident, year)

        self.app.push_screen(IndicatorPicker(choices, self.lang), open_picked)

    # -- filter widgets ----------------------------------------------------------------
    def _search_for(self, value: str) -> None:
        if value.strip() != self.search:
            self.search = value.strip()
            self.refresh_table()

    @on(Input.Submitted, "#search")
    def _search_done(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    @on(Select.Changed)
    def _filter(self, event: Select.Changed) -> None:
        value = chosen(event.value)
        name = {"filter-lan": "lan", "filter-kommungrupp": "kommungrupp",
                "filter-group": "group"}.get(event.select.id or "")
        # the same value again changes nothing (a Select built with the user's filter, on
        # a screen built again in another language, says so before its rows are there)
        if name is not None and getattr(self, name) != (None if value is None else str(value)):
            setattr(self, name, None if value is None else str(value))
            self.refresh_table()
