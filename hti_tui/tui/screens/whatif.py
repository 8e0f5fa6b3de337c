"""What if: give one kommun's indicators other values and watch score, rank and group move.

Every keystroke recomputes through ``hti_tui.query.analyses.whatif`` (the full engine,
a few ms per run), so the numbers are exactly what ``hti whatif KOMMUN --set ID=VAL``
prints; the status line shows that command for the current changes. The engine runs in
the screen's worker thread (:mod:`whatif_entries` decides what the typed values come to),
so typing never waits for it; a result that arrives after a newer keystroke is dropped.
A value the indicator cannot take is an inline error next to the field, never a crash,
and the other changes stay in force. Failures go through ``HtiScreen.attempt``: a data
error is one line in the user's language, anything else is reported as a bug.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.coordinate import Coordinate
from textual.widgets import DataTable, Footer, Input, Static

from hti_tui.i18n import choose, label, number
from hti_tui.query.analyses import indicator_bounds, whatif_delta
from hti_tui.query.kommun import kommun as kommun_view
from hti_tui.query.rows import IndicatorRow, KommunView, WhatIfView
from hti_tui.report.cells import name_text, raw_words, right, signed
from hti_tui.report.flags import CONTEXT
from hti_tui.report.indicator_facts import is_answer
from hti_tui.tui.base import HtiScreen
from hti_tui.tui.keys import b
from hti_tui.tui.screens.kommun_tables import status_words
from hti_tui.tui.screens.whatif_entries import Refusal, Settled, entry_value, settle
from hti_tui.tui.screens.whatif_scenarios import WhatIfScenarios
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
    "placeholder_words": ("Ja, Delvis eller Nej — tomt = som nu",
                          "Yes, Partly or No — empty = as now"),
    "context": ("° kontext: visas men vägs aldrig in i index, en ändring flyttar inte rangen",
                "° context: shown, never weighted into the index; a change moves no rank"),
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


class EntryTable(DataTable[Any]):
    """The indicators: Enter moves the focus to the field at once, not on the RowSelected
    message (queued behind keys typed right after Enter), so "12" typed at speed lands in
    the field (the app hands typed-ahead keys to it: ``ViewsApp.on_key``)."""

    def action_select_cursor(self) -> None:
        super().action_select_cursor()
        self.screen.set_focus(self.screen.query_one("#whatif-input", Input))


class WhatIfScreen(WhatIfScenarios, HtiScreen):
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
        self.errors: dict[str, str] = {}  # indicator → why its entry is no change, in words
        self.result: WhatIfView | None = None
        self.asked = 0  # entries sent to the worker (each keystroke); see settled()
        self.answered = 0  # the last of them whose result is shown

    @property
    def computing(self) -> bool:
        """Whether the shown numbers wait for the engine (a newer entry is being computed)."""
        return self.answered < self.asked

    # -- layout ---------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lang = self.lang
        yield SyntheticBanner(lang, self.index.synthetic(self.year))
        yield Static("", id="whatif-title", markup=False)
        with Horizontal(id="whatif-body"):
            yield EntryTable(id="whatif-table", cursor_type="row", zebra_stripes=True)
            with Vertical(id="whatif-side"):
                yield Static("", id="whatif-label", markup=False)
                yield Input(placeholder=word("placeholder", lang), id="whatif-input")
                yield Static("", id="whatif-error", markup=False)
                yield Static("", id="whatif-result", markup=False)
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, group="whatif-kommun")
    def load(self) -> None:
        """The kommun as it is, off the UI thread."""
        ix, unit, year = self.index, self.unit, self.year
        view = self.attempt(lambda: kommun_view(ix, unit, year), failed=self.failed)
        if view is not None:
            self.app.call_from_thread(self.show_kommun, view)

    def failed(self, message: str) -> None:
        """A data error: one line in the user's language, in a notification and the title."""
        self.app.notify(message, severity="error", markup=False)
        if self.kommun is None:
            self.query_one("#whatif-title", Static).update(f"⚠ {message}")

    def say(self, key: str, **values: str) -> str:
        """One of the screen's texts in the user's language, ``{name}`` filled in."""
        return choose(WORDS, key, self.lang, **values)

    def show_kommun(self, view: KommunView) -> None:
        if not self.is_attached:  # left before the numbers came
            return
        self.kommun = v = view
        order = {ident: i for i, ident in enumerate(self.index.indicator_ids())}
        self.rows = sorted(view.indicators, key=lambda r: order.get(r.id, 0))
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
        """The possible values: "0,0–100,0", or for a ja/nej item its words ("Nej–Ja")."""
        low, high = indicator_bounds(self.index, ident)
        lang = self.lang
        if low is None and high is None:
            return "–"
        unit = next((r.unit for r in self.rows if r.id == ident), "")
        if is_answer(unit) and low is not None and high is not None:
            return f"{raw_words(low, unit, lang)}–{raw_words(high, unit, lang)}"
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
        name = name_text(f"{CONTEXT} {r.name}" if r.role == "context" else r.name)
        cells = [name, Text(now, justify="right", overflow="ellipsis", no_wrap=True),
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
        # a status in words is cut with … on a narrow screen, whole on a wide one
        widths[1] = min(widths[1], 24 if self.size.width >= 140 else 12)
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
        words = is_answer(row.unit)
        about = " ".join(x for x in (self.bounds_text(ident), "" if words else row.unit)
                         if x and x != "–")
        self.query_one("#whatif-label", Static).update(Text.assemble(
            f"{word('value_for', self.lang)} ", (row.name, "bold"),
            f" ({about})" if about else "",
            f"  {word('context', self.lang)}" if row.role == "context" else ""))
        field.placeholder = word("placeholder_words" if words else "placeholder", self.lang)
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
        self.set_focus(self.query_one("#whatif-input", Input))

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
        if not self.refused_at_once(event.value) and table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)  # a refused value keeps its row

    def refused_at_once(self, text: str) -> bool:
        """Whether the entry being edited is no number or outside the indicator's range
        (known without the engine, so Enter need not wait for it)."""
        ident = self.editing
        if ident is None or not text.strip():
            return False
        value = entry_value(text.strip(), next((r for r in self.rows if r.id == ident), None))
        if value is None:
            return True
        low, high = indicator_bounds(self.index, ident)
        return (low is not None and value < low) or (high is not None and value > high)

    def set_entry(self, ident: str, text: str) -> None:
        """Take what was typed for one indicator; the engine decides, in the worker, if it
        is possible (the field keeps what was typed meanwhile)."""
        text = text.strip()
        if text:
            self.entries[ident] = text
        else:
            self.entries.pop(ident, None)
        self.recompute()

    def recompute(self) -> None:
        """Send the entries as they are now to the engine; :meth:`settled` shows them."""
        self.asked += 1
        self.compute(self.asked, dict(self.entries))

    @work(thread=True, group="whatif")
    def compute(self, asked: int, entries: dict[str, str]) -> None:
        ix, unit, year, rows, lang = self.index, self.unit, self.year, self.rows, self.lang
        done = self.attempt(lambda: settle(ix, unit, year, rows, entries, lang))
        self.app.call_from_thread(self.settled, asked, done)

    def settled(self, asked: int, done: Settled | None) -> None:
        """Show what the entries of keystroke ``asked`` came to, unless a later keystroke's
        result is shown already (results of quick typing can arrive out of order). A
        failure (``done`` None) was said by ``attempt``; the last numbers stay."""
        if asked <= self.answered or not self.is_attached:
            return
        self.answered = asked
        if done is None:
            return
        before = set(self.changes) | set(self.errors)
        self.changes = dict(done.changes)
        self.errors = {ident: self.refusal(ident, r) for ident, r in done.refused.items()}
        self.result = done.result
        for ident in before | set(self.changes) | set(self.errors) | {self.editing}:
            self.refresh_row(ident)
        self.show_error()
        self.show_result()

    def refusal(self, ident: str, refused: Refusal) -> str:
        """Why an entry is no change, in the screen's language (the range, when that is it)."""
        lang = self.lang
        value = refused.value
        if value is None:
            return f"'{refused.text}' {word('not_number', lang)}"
        low, high = indicator_bounds(self.index, ident)
        if (low is not None and value < low) or (high is not None and value > high):
            return f"{number(value, 1, lang)} {word('outside', lang)} {self.bounds_text(ident)}"
        return refused.message

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
        self.answered = self.asked  # a result still being computed is not shown
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
        if self.kommun is not None:  # left before the kommun came: the kept scenario stays
            self.hti.whatif_kept[(self.unit, self.year)] = dict(self.entries)

    def apply_entries(self, entries: dict[str, str]) -> None:
        """Type these values in again (checked by the engine as if typed, in one call)."""
        known = {r.id for r in self.rows}
        for ident, text in entries.items():
            if ident in known and str(text).strip():
                self.editing = ident
                self.entries[ident] = str(text).strip()
        self.select(self.editing)
        self.recompute()

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
