"""Two to five kommuner side by side at every level of the tree.

Each row is a node (index, delindex, kvalitetsområde, indicator) in tree order; each
kommun has a score column, and every kommun after the first a Δ column (the first
kommun minus that one, as ``hti compare`` prints it). The best kommun of a row wears
a ★ as well as a colour, so the leader is visible without colour too. The second tab
lists the indicators that explain most of the gap between the first two kommuner.
``+`` adds a kommun (up to five), ``-`` removes the kommun of the current column.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.suggester import SuggestFromList
from textual.widgets import DataTable, Footer, Input, Select, Static, TabbedContent, TabPane

from hti_tui.errors import HtiError
from hti_tui.i18n import choose, label, number
from hti_tui.query.compare import compare, compare_rows
from hti_tui.query.rows import CompareView
from hti_tui.report.cells import signed
from hti_tui.report.flags import compare_footnotes, rank_text
from hti_tui.report.tree_order import tree_order
from hti_tui.tui.base import HtiScreen
from hti_tui.tui.keys import b
from hti_tui.tui.widgets.banner import SyntheticBanner
from hti_tui.tui.widgets.choice import chosen
from hti_tui.tui.widgets.statusline import StatusLine

MAX_UNITS = 5
LEADER = "★"
SCORE_WIDTH, DIFF_WIDTH = 8, 8  # "★ 100,0~", "▼ −100,0"
#: node names at least; the room node names need beside named kommun columns to stay
#: distinct (the model's 50 indicators differ within their first 25 characters, indented)
NAME_MIN, NAME_ROOM = 18, 30

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Jämförelse", "Comparison"),
    "levels": ("Alla nivåer", "Every level"),
    "gap": ("Vad förklarar skillnaden", "What explains the gap"),
    "legend": ("Δ = kommun 1 minus kommunen i kolumnen (poäng); ★ = bäst i raden",
               "Δ = kommun 1 minus the kommun of the column (points); ★ = best in the row"),
    "gap_title": ("Indikatorer som förklarar mest av skillnaden mellan {a} och {b} "
                  "(indexpoäng, + till fördel för {a})",
                  "Indicators explaining most of the gap between {a} and {b} "
                  "(index points, + in favour of {a})"),
    "points": ("Indexpoäng", "Index points"),
    "pair": ("Par: ", "Pair: "),
    "level": ("Nivå", "Level"),
    "nr": ("Nr", "No."),
    "code": ("Kod", "Code"),
    "add": ("Lägg till kommun: namn eller kod, Enter lägger till, Esc avbryter",
            "Add a kommun: name or code, Enter adds, Esc cancels"),
    "full": ("Högst fem kommuner i en jämförelse", "At most five kommuner in a comparison"),
    "twice": ("{name} finns redan i jämförelsen", "{name} is already in the comparison"),
    "min": ("En jämförelse behöver minst två kommuner", "A comparison needs two kommuner"),
    "column": ("Ställ markören i en kommuns kolumn först",
               "Put the cursor in a kommun's column first"),
    "loading": ("Hämtar jämförelsen …", "Loading the comparison …"),
}


def word(key: str, lang: str, **fmt: str) -> str:
    return choose(WORDS, key, lang, **fmt)


def leaders(ranks: list[int | None]) -> set[int]:
    """Positions holding the best (lowest) rank of a row; ties all lead, none if unranked."""
    present = [r for r in ranks if r is not None]
    if not present:
        return set()
    best = min(present)
    return {i for i, r in enumerate(ranks) if r == best}


class CompareScreen(HtiScreen):
    CSS_PATH = "compare.tcss"
    VIEW = "compare"
    BINDINGS = [
        b("escape", "back", "app.back"),
        b("plus", "add", "compare.add", key_display="+"),
        b("minus", "remove", "compare.remove", key_display="-"),
        b("1", "tab('levels')", "compare.tab_levels", show=False),
        b("2", "tab('gap')", "compare.tab_gap", show=False),
    ]

    KEPT = ("pair",)  # the pair the gap tab explains, kept when built again (a language)

    def __init__(self, units: list[str], year: int) -> None:
        super().__init__()
        self.units = list(units)
        self.year = year
        self.view: CompareView | None = None
        self.rows: list[tuple[int, dict[str, Any]]] = []
        self.pair = (0, 1)  # the two kommuner (positions) whose gap the gap tab explains
        self.gap_rows: list[dict[str, Any]] = []

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        f, lang = self.index, self.lang
        yield SyntheticBanner(lang, f.synthetic(self.year))
        yield Static(word("loading", lang), id="compare-title", markup=False)
        with Horizontal(id="compare-add", classes="-hidden"):
            yield Input(placeholder=word("add", lang), id="compare-input",
                        suggester=SuggestFromList(f.registry.names, case_sensitive=False))
        with TabbedContent(id="compare-tabs", initial="levels"):
            with TabPane(word("levels", lang), id="levels"):
                yield DataTable(id="compare-kommuner", cursor_type="row", zebra_stripes=True)
                yield Static(word("legend", lang), id="compare-legend", markup=False)
                yield DataTable(id="compare-table", cursor_type="cell", zebra_stripes=True)
            with TabPane(word("gap", lang), id="gap"):
                with Horizontal(id="gap-head"):
                    yield Static(word("pair", lang), id="gap-pair-label")
                    a, b = self.pair  # (0, 1), or the pair kept when built again
                    yield Select([(f"{a + 1} − {b + 1}", f"{a},{b}")], value=f"{a},{b}",
                                 allow_blank=False, id="gap-pair")
                yield Static("", id="gap-title", markup=False)
                yield DataTable(id="compare-gap", cursor_type="row", zebra_stripes=True)
        yield StatusLine()
        yield Footer()

    def on_resize(self) -> None:
        if self.view is not None:
            self._fill_levels(self.view)

    def on_mount(self) -> None:
        self.query_one("#compare-table", DataTable).focus()
        self.refresh_status()
        self.load()

    # -- data ------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="compare")
    def load(self) -> None:
        units = list(self.units)
        view = self.attempt(lambda: compare(self.index, units, self.year))
        if view is not None:
            self.app.call_from_thread(self._show, view)

    def _show(self, view: CompareView) -> None:
        self.view = view
        self.units = [k["kommun_kod"] for k in view.kommuner]
        self.rows = tree_order(view.nodes, self.index.model.tree.children)
        self.query_one(SyntheticBanner).show(view.synthetic)
        self._fill_kommuner(view)
        self._fill_legend(view)
        self._fill_levels(view)
        if max(self.pair) >= len(view.kommuner):
            self.pair = (0, 1)
        self._fill_pairs(view)
        self.gap_rows = view.gap if self.pair == (0, 1) else self.gap_rows
        if self.pair == (0, 1):
            self._fill_gap(view)
        else:
            self.load_gap(self.pair)
        names = " · ".join(k["kommun_namn"] for k in view.kommuner)
        self.query_one("#compare-title", Static).update(
            f"{word('title', self.lang)} {view.year}: {names}")
        self.refresh_status()

    def _fill_kommuner(self, view: CompareView) -> None:
        lang = self.lang
        table = self.query_one("#compare-kommuner", DataTable)
        table.clear(columns=True)
        table.add_columns(word("nr", lang), self.index.unit_word(), word("code", lang),
                          label("index", lang), label("rank", lang), label("resultatgrupp", lang))
        lead = leaders([k["rank"] for k in view.kommuner])
        root = next((n["marks"] for n in view.nodes if n["parent"] is None),
                    [""] * len(view.kommuner))
        for i, k in enumerate(view.kommuner):
            mark = f"{LEADER} " if i in lead else ""
            table.add_row(Text(str(i + 1), justify="right"), Text(k["kommun_namn"]),
                          Text(k["kommun_kod"]),
                          Text(mark + number(k["index"], 1, lang) + root[i],
                               style="bold green" if i in lead else "", justify="right"),
                          Text(rank_text(k["rank"], k["ranked"]), justify="right"),
                          Text(k["resultatgrupp"] or "–"))

    def _fill_legend(self, view: CompareView) -> None:
        """The Δ and ★ legend, then what each marker in the table means (unranked kommuner
        with the reason, re-weighted, penalised, imputed and context values), in words."""
        lang = self.lang
        notes = compare_footnotes(view.kommuner, view.nodes, lang)
        self.query_one("#compare-legend", Static).update(
            "\n".join([word("legend", lang), *(["  ·  ".join(notes)] if notes else [])]))

    def columns(self) -> list[tuple[str, int | None]]:
        """(column key, kommun position) of the levels table; the name column has None."""
        cols: list[tuple[str, int | None]] = [("name", None), ("s0", 0)]
        for i in range(1, len(self.units)):
            cols += [(f"s{i}", i), (f"d{i}", i)]
        return cols

    def _fill_levels(self, view: CompareView) -> None:
        table = self.query_one("#compare-table", DataTable)
        coordinate = table.cursor_coordinate
        table.clear(columns=True)
        # A kommun's name is never cut: its column is as wide as "2 Upplands Väsby" when
        # the node names keep NAME_ROOM beside every column; else the header is its number
        # alone, named in the table above (Nr), so the node names stay distinct
        full = self._titles(view, named=True)
        named = self.size.width - 4 - sum(w + 2 for _, _, w in full if w is not None) \
            >= NAME_ROOM
        titles = full if named else self._titles(view, named=False)
        # the name column takes what the numbers leave, so Δ stays on screen when it fits
        numbers = sum(w + 2 for _, _, w in titles if w is not None)
        longest = max((len("  " * d + n["name"]) for d, n in self.rows), default=NAME_MIN)
        name_width = max(NAME_MIN, min(longest, self.size.width - numbers - 4))
        for key, title, width in titles:
            table.add_column(title, key=key, width=width if width is not None else name_width)
        for depth, node in self.rows:
            table.add_row(*self.cells(depth, node))
        if table.row_count:
            row = min(coordinate.row, table.row_count - 1)
            column = min(coordinate.column, len(table.columns) - 1)
            table.cursor_coordinate = coordinate._replace(row=row, column=column)

    def _titles(self, view: CompareView, named: bool) -> list[tuple[str, Text, int | None]]:
        """(key, header, width) of the levels table; a kommun's header is "2 Stockholm"
        (``named``) or "2"."""
        titles: list[tuple[str, Text, int | None]] = []
        for key, i in self.columns():
            if i is None:
                titles.append((key, Text(word("level", self.lang)), None))
            elif key.startswith("s"):
                title = Text(f"{i + 1} {view.kommuner[i]['kommun_namn']}" if named
                             else str(i + 1), justify="right")
                titles.append((key, title, max(title.cell_len, SCORE_WIDTH)))
            else:
                titles.append((key, Text(f"Δ 1−{i + 1}"), DIFF_WIDTH))
        return titles

    def cells(self, depth: int, node: dict[str, Any]) -> list[Text]:
        lang = self.lang
        lead = leaders(node["ranks"])
        style = "bold" if depth <= 1 else "italic" if node["level"] > 0 else ""
        out = [Text("  " * depth + node["name"], style=style, overflow="ellipsis",
                    no_wrap=True)]
        for i, score in enumerate(node["scores"]):
            value = number(score, 1, lang) + node["marks"][i]
            if i in lead:
                out.append(Text(f"{LEADER} {value}", style="bold green", justify="right"))
            else:
                out.append(Text(value, justify="right"))
            if i > 0:
                out.append(signed(node["diff"][i - 1], lang, 1))
        return out

    def _fill_pairs(self, view: CompareView) -> None:
        """Every pair of the kommuner compared, for the gap tab's choice."""
        names = [f"{i + 1} {k['kommun_namn']}" for i, k in enumerate(view.kommuner)]
        pairs = [(f"{names[a]} − {names[b]}", f"{a},{b}") for a in range(len(names))
                 for b in range(a + 1, len(names))]
        select = self.query_one("#gap-pair", Select)
        with self.prevent(Select.Changed):
            select.set_options(pairs)
            select.value = f"{self.pair[0]},{self.pair[1]}"

    @on(Select.Changed, "#gap-pair")
    def _pair_changed(self, event: Select.Changed) -> None:
        picked = chosen(event.value)
        if picked is None:
            return
        a, b = (int(x) for x in str(picked).split(","))
        if (a, b) != self.pair:
            self.pair = (a, b)
            self.load_gap(self.pair)

    @work(thread=True, exclusive=True, group="compare-gap")
    def load_gap(self, pair: tuple[int, int]) -> None:
        """The gap of another pair (``hti compare`` of just those two)."""
        units = [self.units[pair[0]], self.units[pair[1]]]
        view = self.attempt(lambda: compare(self.index, units, self.year))
        if view is not None:
            self.app.call_from_thread(self._show_gap, pair, view.gap)

    def _show_gap(self, pair: tuple[int, int], gap: list[dict[str, Any]]) -> None:
        if pair != self.pair or self.view is None:
            return
        self.gap_rows = gap
        self._fill_gap(self.view)

    def _fill_gap(self, view: CompareView) -> None:
        lang = self.lang
        a, b = self.pair
        names = [f"{i + 1} {view.kommuner[i]['kommun_namn']}" for i in (a, b)]
        self.query_one("#gap-title", Static).update(
            word("gap_title", lang, a=names[0], b=names[1]))
        table = self.query_one("#compare-gap", DataTable)
        table.clear(columns=True)
        table.add_columns(label("indikator", lang),
                          Text(f"{word('points', lang)} {a + 1}−{b + 1}", justify="right"),
                          Text(f"{label('contribution', lang)} {a + 1}", justify="right"),
                          Text(f"{label('contribution', lang)} {b + 1}", justify="right"))
        for g in self.gap_rows:
            table.add_row(Text(g["name"]), signed(g["points"], lang, 1),
                          *[Text(number(c, 2, lang), justify="right")
                            for c in g["contribution"]])

    # -- the hooks of HtiScreen ----------------------------------------------------
    def cli_command(self) -> str:
        return self.cli("compare", *self.units, "--year", self.year)

    def export_rows(self) -> list[dict[str, Any]]:
        """The rows of ``hti compare --format csv`` (the JSON's nodes), in the screen's order."""
        view = self.view
        if view is None:
            return []
        return compare_rows(view, self.index.model.tree.children, self.lang)

    def synthetic(self) -> bool:
        return self.view.synthetic if self.view else self.index.synthetic(self.year)

    def active_table(self) -> DataTable[Any]:
        focused = self.focused
        if isinstance(focused, DataTable):
            return focused
        tab = self.query_one(TabbedContent).active
        return self.query_one("#compare-gap" if tab == "gap" else "#compare-table", DataTable)

    def copy_cell(self, row: bool = False) -> str | None:
        return self.copy_from(self.active_table(), row)

    # -- actions ---------------------------------------------------------------------
    def action_back(self) -> None:
        box = self.query_one("#compare-add")
        if not box.has_class("-hidden"):
            self._close_add()
            return
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_tab(self, tab: str) -> None:
        self.switch_tab(tab, self._tab_table(tab))

    @staticmethod
    def _tab_table(tab: str) -> str:
        return "#compare-gap" if tab == "gap" else "#compare-table"

    def _focus_tab(self, tab: str) -> None:
        self.query_one(self._tab_table(tab), DataTable).focus()

    def action_add(self) -> None:
        if len(self.units) >= MAX_UNITS:
            self.app.notify(word("full", self.lang), severity="warning")
            return
        self.query_one("#compare-add").remove_class("-hidden")
        field = self.query_one("#compare-input", Input)
        field.value = ""
        self.set_focus(field)  # now: a name typed right after "+" belongs to the field

    def _close_add(self) -> None:
        self.query_one("#compare-add").add_class("-hidden")
        self.query_one("#compare-table", DataTable).focus()

    @on(Input.Submitted, "#compare-input")
    def _add_submitted(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        if not query:
            self._close_add()
            return
        try:
            unit = self.index.resolve(query)
        except HtiError as exc:
            self.app.notify(exc.describe(self.lang), severity="error")
            return
        if unit in self.units:
            self.app.notify(word("twice", self.lang, name=self.index.registry.name(unit)),
                            severity="warning")
            return
        self.add_unit(unit)
        self._close_add()

    def add_unit(self, unit: str) -> None:
        """Add a kommun (a code) as the last column and reload (``hti compare``)."""
        if len(self.units) >= MAX_UNITS:
            self.app.notify(word("full", self.lang), severity="warning")
            return
        if unit not in self.units:
            self.units.append(unit)
            self.refresh_status()
            self.load()

    def action_remove(self) -> None:
        table = self.active_table()
        position: int | None = None
        if table.id == "compare-kommuner":
            position = table.cursor_row if table.row_count else None
        elif table.id == "compare-table":
            columns = self.columns()
            if table.cursor_column < len(columns):
                position = columns[table.cursor_column][1]
        if position is None:
            self.app.notify(word("column", self.lang), severity="warning")
            return
        self.remove_unit(position)

    def remove_unit(self, position: int) -> None:
        """Drop the kommun at ``position`` (0 = the first, whom the Δ columns are against)."""
        if len(self.units) <= 2:
            self.app.notify(word("min", self.lang), severity="warning")
            return
        if 0 <= position < len(self.units):
            del self.units[position]
            self.refresh_status()
            self.load()

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        """Enter on an indicator row opens that indicator."""
        if event.data_table.id == "compare-table" and event.coordinate.row < len(self.rows):
            node = self.rows[event.coordinate.row][1]
            if node["level"] == 0:
                self.hti.open_indicator(node["id"], self.year)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a gap row opens that indicator."""
        view = self.view
        if event.data_table.id == "compare-gap" and view and \
                event.cursor_row < len(self.gap_rows):
            self.hti.open_indicator(self.gap_rows[event.cursor_row]["indicator"], self.year)

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        # a late activation of the first tab must not undo a key pressed meanwhile
        if event.pane.id == self.query_one(TabbedContent).active:
            self._focus_tab(str(event.pane.id))
