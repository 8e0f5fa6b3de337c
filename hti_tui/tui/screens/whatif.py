"""What if: give one kommun's indicators other values and watch score, rank and group move.

Every keystroke recomputes through ``hti_tui.query.analyses.whatif`` (the full engine,
~3 ms), so the numbers are exactly what ``hti whatif KOMMUN --set ID=VAL`` prints; the
status line shows that command for the current changes. A value the indicator cannot
take is an inline error next to the field, never a crash, and the other changes stay in
force.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Input, Static

from hti_tui.errors import HtiError
from hti_tui.i18n import choose, label, number
from hti_tui.query import parse_cell
from hti_tui.query.analyses import indicator_bounds, whatif, whatif_delta
from hti_tui.query.kommun import kommun as kommun_view
from hti_tui.query.rows import IndicatorRow, KommunView, WhatIfView
from hti_tui.report.cells import (
    WORD_UNITS,
    answer_value,
    name_text,
    raw_words,
    right,
    signed,
)
from hti_tui.tui.base import HtiScreen
from hti_tui.tui.keys import b
from hti_tui.tui.screens.kommun_tables import status_words
from hti_tui.tui.widgets.banner import SyntheticBanner
from hti_tui.tui.widgets.statusline import StatusLine

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Tänk om", "What if"),
    "now": ("Nu", "Now"),
    "range": ("Möjligt", "Possible"),
    "new": ("Nytt", "New"),
    "score": ("Poäng nu → ny", "Score now → new"),
    "value_for": ("Nytt värde för", "New value for"),
    "placeholder": ("tal, t.ex. 12,5 — tomt = som nu", "a number, e.g. 12.5 — empty = as now"),
    "not_number": ("är inte ett tal", "is not a number"),
    "error": ("Fel", "Error"),
    "no_changes": ("Inga ändringar än: välj en indikator och skriv ett nytt värde (enter).",
                   "No changes yet: pick an indicator and type a new value (enter)."),
    "changes": ("ändringar", "changes"),
    "places": ("placeringar", "places"),
    "unchanged": ("oförändrat", "unchanged"),
    "outside": ("ligger utanför det möjliga intervallet", "is outside the possible range"),
    "save_as": ("Spara scenariot som (namn):", "Save the scenario as (name):"),
    "saved": ("Sparade scenariot '{name}' i {file}", "Saved the scenario '{name}' in {file}"),
    "pick": ("Välj ett sparat scenario …", "Pick a saved scenario …"),
    "none_saved": ("Inga sparade scenarier i {file}", "No saved scenarios in {file}"),
    "other_unit": ("Scenariot gjordes för {unit} {year}; värdena gäller nu {here}",
                   "The scenario was made for {unit} {year}; its values now apply to {here}"),
}


def _plain(cell: object) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def word(key: str, lang: str) -> str:
    return choose(WORDS, key, lang)


def cli_value(value: float) -> str:
    """A value as typed on the command line: shortest exact form, no trailing '.0'."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def rank_delta(places: int | None, lang: str) -> Text:
    """Places climbed (+) or fallen (−), with an arrow so colour is not needed."""
    if places is None:
        return Text("–")
    if places == 0:
        return Text(f"= {word('unchanged', lang)}")
    text = signed(float(places), lang, 0)
    text.append(f" {word('places', lang)}")
    return text


class WhatIfScreen(HtiScreen):
    CSS_PATH = "whatif.tcss"
    VIEW = "whatif"
    BINDINGS = [
        b("enter", "edit", "whatif.edit"),
        b("r", "reset", "whatif.reset"),
        b("s", "save_scenario", "whatif.save"),
        b("l", "load_scenario", "whatif.load"),
        b("escape", "back", "app.back"),
    ]

    def __init__(self, unit: str, year: int) -> None:
        super().__init__()
        self.unit = unit
        self.year = year
        self.VIEW = f"whatif-{unit}"
        self.kommun: KommunView | None = None
        self.rows: list[IndicatorRow] = []
        self.editing: str | None = None
        self.entries: dict[str, str] = {}  # indicator → the text typed
        self.changes: dict[str, float] = {}  # the entries the engine accepted
        self.errors: dict[str, str] = {}
        self.result: WhatIfView | None = None

    # -- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lang = self.lang
        yield SyntheticBanner(lang, self.index.synthetic(self.year))
        yield Static("", id="whatif-title", markup=False)
        with Horizontal(id="whatif-body"):
            yield DataTable(id="whatif-table", cursor_type="row", zebra_stripes=True)
            with Vertical(id="whatif-side"):
                yield Static("", id="whatif-label", markup=False)
                yield Input(placeholder=word("placeholder", lang), id="whatif-input")
                yield Static("", id="whatif-error", markup=False)
                yield Static("", id="whatif-result", markup=False)
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.kommun = kommun_view(self.index, self.unit, self.year)
        except HtiError as exc:
            message = exc.describe()
            self.app.notify(message, severity="error", markup=False)
            self.query_one("#whatif-title", Static).update(f"⚠ {message}")
            return
        order = {ident: i for i, ident in enumerate(self.index.indicator_ids())}
        self.rows = sorted(self.kommun.indicators, key=lambda r: order.get(r.id, 0))
        v = self.kommun
        self.query_one("#whatif-title", Static).update(Text.assemble(
            (f"{word('title', self.lang)} … ", "bold"), (f"{v.kommun_namn} ({v.kommun_kod})",
                                                         "bold"), f"  ·  {v.year}"))
        self.fill_table()
        self.call_after_refresh(self.fill_table)  # again once the table has its width
        table = self.query_one(DataTable)
        table.focus()
        self.select(self.rows[0].id if self.rows else None)
        self.show_result()
        kept = self.hti.whatif_kept.get((self.unit, self.year))
        if kept:  # the scenario of the last visit: leaving the screen does not lose it
            self.apply_entries(kept)

    def on_resize(self) -> None:
        self.set_class(self.size.width >= 140, "-wide")  # at 120 the table needs the width
        if self.kommun is not None:
            self.fill_table()
            self.show_result()
            self.call_after_refresh(self.fill_table)  # again once the table has its width

    def bounds_text(self, ident: str) -> str:
        low, high = indicator_bounds(self.index, ident)
        lang = self.lang
        if low is None and high is None:
            return "–"
        return f"{number(low, 1, lang) if low is not None else '−∞'}–" \
               f"{number(high, 1, lang) if high is not None else '∞'}"

    def cells(self, r: IndicatorRow) -> list[Any]:
        lang = self.lang
        # a ja/nej item says Ja/Delvis/Nej, as the kommun screen and hti show do
        now = raw_words(r.raw, r.unit, lang) if r.raw is not None else \
            status_words(r.status, lang)
        new = Text("", justify="right")
        if r.id in self.errors:
            new = Text(f"⚠ {self.entries.get(r.id, '')}", style="bold red", justify="right")
        elif r.id in self.changes:
            new = Text(raw_words(self.changes[r.id], r.unit, lang), style="bold",
                       justify="right")
        score = number(r.score, 1, lang)
        change = next((c for c in self.result.changes if c["indicator"] == r.id), None) \
            if self.result else None
        if change is not None:
            score = f"{number(change['score_before'], 1, lang)} → " \
                    f"{number(change['score_after'], 1, lang)}"
        cells = [name_text(r.name), Text(now, justify="right", overflow="ellipsis", no_wrap=True),
                 new, right(score),
                 right(self.bounds_text(r.id))]
        return [*cells, Text(r.unit or "")] if self.wide_table() else cells

    def wide_table(self) -> bool:
        """The unit gets its own column only when there is room; the field's label has it."""
        return self.size.width >= 160

    def fill_table(self) -> None:
        lang = self.lang
        table = self.query_one(DataTable)
        coordinate = table.cursor_coordinate
        table.clear(columns=True)
        heads = [label("indikator", lang), *(word(k, lang) for k in ("now", "new", "score",
                                                                      "range"))]
        if self.wide_table():
            heads.append(label("unit", lang))
        rows = [(r.id, self.cells(r)) for r in self.rows]
        # widths from the cells themselves: an auto-width column could be drawn at its
        # header's width before a long cell further down (a status in words) was measured
        widths = [max([cell_len(h), *(cell_len(_plain(c[i])) for _, c in rows)])
                  for i, h in enumerate(heads)]
        widths[1] = min(widths[1], 12)  # a status in words is cut with …, numbers fit
        widths[2] = max(widths[2], 9)  # room for what is typed: "12,5" or "⚠ 150"
        # the names get what the table's own width leaves after the numbers (cut with …)
        room = (table.size.width or self.size.width) - sum(widths[1:]) - 2 * len(widths) - 2
        widths[0] = max(18, min(widths[0], room))
        for i, (head, width) in enumerate(zip(heads, widths)):
            numeric = 0 < i < 5
            table.add_column(right(head) if numeric else head, width=width)
        for ident, cells in rows:
            table.add_row(*cells, key=ident)
        if self.rows:
            table.cursor_coordinate = coordinate if coordinate.row < len(self.rows) else \
                coordinate._replace(row=0)

    # -- editing ----------------------------------------------------------------------
    def select(self, ident: str | None) -> None:
        """Point the field at an indicator: its name, range and what was typed for it."""
        self.editing = ident
        field = self.query_one("#whatif-input", Input)
        if ident is None:
            return
        row = next(r for r in self.rows if r.id == ident)
        about = " ".join(x for x in (self.bounds_text(ident), row.unit) if x and x != "–")
        self.query_one("#whatif-label", Static).update(Text.assemble(
            f"{word('value_for', self.lang)} ", (row.name, "bold"),
            f" ({about})" if about else ""))
        with field.prevent(Input.Changed):
            field.value = self.entries.get(ident, "")
        self.show_error()

    @on(DataTable.RowHighlighted, "#whatif-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.select(str(event.row_key.value))

    @on(DataTable.RowSelected, "#whatif-table")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        self.query_one("#whatif-input", Input).focus()

    @on(Input.Changed, "#whatif-input")
    def _changed(self, event: Input.Changed) -> None:
        if self.editing is not None:
            self.set_entry(self.editing, event.value)

    @on(Input.Submitted, "#whatif-input")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.editing is not None:
            self.set_entry(self.editing, event.value)
        table = self.query_one(DataTable)
        table.focus()
        if self.editing not in self.errors and table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)

    def set_entry(self, ident: str, text: str) -> None:
        """Take what was typed for one indicator; the engine decides if it is possible."""
        text = text.strip()
        self.errors.pop(ident, None)
        self.changes.pop(ident, None)
        if text:
            self.entries[ident] = text
            cell = parse_cell(text)
            row = next((r for r in self.rows if r.id == ident), None)
            answer = answer_value(text) if row and row.unit.casefold() in WORD_UNITS else None
            if answer is not None:  # "Ja", "Delvis", "Nej" typed for a ja/nej item
                cell = parse_cell(str(answer))
            if cell.value is None:
                self.errors[ident] = f"'{text}' {word('not_number', self.lang)}"
            else:
                candidate = {**self.changes, ident: cell.value}
                try:
                    result = whatif(self.index, self.unit, candidate, self.year)
                except HtiError as exc:
                    self.errors[ident] = self.refusal(ident, cell.value, exc)
                else:
                    self.changes = candidate
                    self.recompute(result)
                    return
        else:
            self.entries.pop(ident, None)
        self.recompute()

    def refusal(self, ident: str, value: float, exc: HtiError) -> str:
        """Why the engine refused a value, in the screen's language when it is the range."""
        low, high = indicator_bounds(self.index, ident)
        if (low is not None and value < low) or (high is not None and value > high):
            lang = self.lang
            return f"{number(value, 1, lang)} {word('outside', lang)} {self.bounds_text(ident)}"
        return exc.describe()

    def recompute(self, result: WhatIfView | None = None) -> None:
        """Show the result for the accepted changes (none = the kommun as it is)."""
        self.result = result
        if result is None and self.changes:
            try:
                self.result = whatif(self.index, self.unit, self.changes, self.year)
            except HtiError as exc:  # should not happen: each change was accepted alone
                self.app.notify(exc.describe(), severity="error")
        self.refresh_row(self.editing)
        for ident in self.changes:
            self.refresh_row(ident)
        self.show_error()
        self.show_result()

    def refresh_row(self, ident: str | None) -> None:
        table = self.query_one(DataTable)
        row = next((r for r in self.rows if r.id == ident), None)
        if row is None:
            return
        for column, value in enumerate(self.cells(row)):
            table.update_cell_at(Coordinate(table.get_row_index(row.id), column), value,
                                 update_width=True)

    def show_error(self) -> None:
        message = self.errors.get(self.editing or "")
        box = self.query_one("#whatif-error", Static)
        box.update(f"⚠ {word('error', self.lang)}: {message}" if message else "")
        box.set_class(bool(message), "-error")
        box.display = bool(message)

    def show_result(self) -> None:
        lang, v = self.lang, self.kommun
        out = Text()
        if v is None:
            return
        if self.result is None:
            out.append(f"{word('no_changes', lang)}\n", style="italic")
            out.append(f"{label('index', lang)} {number(v.index, 1, lang)}  ·  "
                       f"{label('rank', lang).lower()} {v.rank or '–'} {label('of', lang)} "
                       f"{v.ranked}  ·  {v.resultatgrupp or '–'}")
        else:
            out.append_text(self.result_text(self.result))
        self.query_one("#whatif-result", Static).update(out)
        self.refresh_status()

    def result_text(self, view: WhatIfView) -> Text:
        """Old → new with the change, for the index, the rank, the group and each delindex.
        On a small terminal index and rank share a line and unchanged delindex are summed
        up in one line, so the table keeps its rows."""
        lang, f, wide = self.lang, self.index, self.has_class("-wide")
        delta = whatif_delta(view)
        b, a = view.before, view.after
        out = Text()
        out.append(f"{label('index', lang)}: ", style="bold")
        out.append(f"{number(b['index'], 1, lang)} → ")
        out.append(number(a["index"], 1, lang), style="bold")
        out.append("  ")
        out.append_text(signed(delta["index"], lang, 2))
        out.append("\n" if wide else "  ·  ")
        out.append(f"{label('rank', lang)}: ", style="bold")
        out.append(f"{b['rank'] or '–'} → ")
        out.append(f"{a['rank'] or '–'}", style="bold")
        out.append(f" {label('of', lang)} {a['ranked']}  ")
        out.append_text(rank_delta(delta["rank"], lang))
        out.append(f"\n{label('resultatgrupp', lang)}: ", style="bold")
        out.append(f"{b['resultatgrupp'] or '–'} → ")
        out.append(f"{a['resultatgrupp'] or '–'}", style="bold")
        same = []
        for d, after in a["delindex"].items():
            change = signed(delta["delindex"].get(d), lang, 2)
            if not wide and change.plain.startswith("="):
                same.append(f.node_name(d))
                continue
            out.append(f"\n{f.node_name(d)}: ")
            out.append(f"{number(b['delindex'].get(d), 1, lang)} → {number(after, 1, lang)}  ")
            out.append_text(change)
        if same:
            out.append(f"\n= {word('unchanged', lang)}: {', '.join(same)}")
        return out

    def action_reset(self) -> None:
        self.entries.clear()
        self.changes.clear()
        self.errors.clear()
        self.result = None
        self.fill_table()
        self.select(self.editing)
        self.show_result()

    def action_back(self) -> None:
        """Escape leaves the field first, the screen second."""
        if isinstance(self.focused, Input):
            self.query_one(DataTable).focus()
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def on_unmount(self) -> None:
        self.hti.whatif_kept[(self.unit, self.year)] = dict(self.entries)

    def apply_entries(self, entries: dict[str, str]) -> None:
        """Type these values in again (each is checked by the engine as if typed)."""
        known = {r.id for r in self.rows}
        for ident, text in entries.items():
            if ident in known:
                self.editing = ident
                self.set_entry(ident, str(text))
        self.fill_table()
        self.select(self.editing)
        self.show_result()

    def action_save_scenario(self) -> None:
        from hti_tui.tui import scenarios
        from hti_tui.tui.screens.pick import NamePrompt

        if not self.entries:
            self.app.notify(word("no_changes", self.lang), severity="warning")
            return
        root = self.index.config.root

        def saved(name: str | None) -> None:
            if not name:
                return
            try:
                file = scenarios.save(root, name, self.unit, self.year, self.entries)
            except (OSError, ValueError) as exc:
                self.app.notify(str(exc), severity="error")
                return
            self.app.notify(choose(WORDS, "saved", self.lang, name=name,
                                   file=self.index.config.rel(file)))

        self.app.push_screen(NamePrompt(word("save_as", self.lang)), saved)

    def action_load_scenario(self) -> None:
        from hti_tui.tui import scenarios
        from hti_tui.tui.screens.pick import IndicatorPicker

        root, lang = self.index.config.root, self.lang
        try:
            saved = scenarios.load(root)
        except ValueError as exc:
            self.app.notify(str(exc), severity="error")
            return
        if not saved:
            self.app.notify(choose(WORDS, "none_saved", lang, file=self.index.config.rel(
                scenarios.path(root))), severity="warning")
            return
        names = self.index.registry
        choices = [(n, n, f"{names.name(s['kommun']) if s['kommun'] in names.ids else s['kommun']}"
                    f" {s.get('year', '')} · {len(s['entries'])} {word('changes', lang)}")
                   for n, s in sorted(saved.items())]

        def picked(name: str | None) -> None:
            if not name:
                return
            scenario = saved[name]
            if scenario["kommun"] != self.unit or scenario.get("year") != self.year:
                self.app.notify(choose(WORDS, "other_unit", lang, unit=scenario["kommun"],
                                       year=str(scenario.get("year")), here=self.unit))
            self.action_reset()
            self.apply_entries({str(k): str(v) for k, v in scenario["entries"].items()})

        self.app.push_screen(IndicatorPicker(choices, lang, word("pick", lang)), picked)

    # -- the hooks of HtiScreen ----------------------------------------------------------
    def cli_command(self) -> str:
        if not self.changes:
            return self.cli("whatif", self.unit, "--set", "INDIKATOR=VÄRDE" if self.lang == "sv"
                            else "INDICATOR=VALUE", "--year", self.year)
        sets: list[object] = []
        for ident, value in self.changes.items():
            sets += ["--set", f"{ident}={cli_value(value)}"]
        return self.cli("whatif", self.unit, *sets, "--year", self.year)

    def export_rows(self) -> list[dict[str, Any]]:
        """As ``hti whatif --format csv``: index, rank and group before and after."""
        if self.result is None:
            return []
        view = self.result
        return [{"kommun_kod": view.kommun_kod, "what": k, "before": view.before[k],
                 "after": view.after[k]} for k in ("index", "rank", "resultatgrupp")]

    def synthetic(self) -> bool:
        return self.kommun.synthetic if self.kommun else self.index.synthetic(self.year)

    def copy_cell(self, row: bool = False) -> str | None:
        return self.copy_from(self.query_one(DataTable), row, 0)
