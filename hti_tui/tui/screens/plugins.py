"""What the numbers rest on: the plugins (and any that failed, with the reason), the
source files by data year with their provenance, and the data-quality notes the
build kept — so an analyst can see why a value is missing without leaving the UI.

Each tab is one CLI command: ``hti plugins``, ``hti sources``, ``hti notes``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Select, Static, TabbedContent, TabPane

from hti_tui.errors import place
from hti_tui.i18n import choose, term
from hti_tui.query import project_info
from hti_tui.query.project_info import SEVERITIES
from hti_tui.tui.base import HtiScreen
from hti_tui.tui.keys import b
from hti_tui.tui.widgets.banner import SyntheticBanner
from hti_tui.tui.widgets.choice import chosen, picked
from hti_tui.tui.widgets.statusline import StatusLine

TABS = ("plugins", "sources", "notes")

WORDS: dict[str, tuple[str, str]] = {
    "title": ("Plugins och data", "Plugins and data"),
    "plugins": ("Plugins", "Plugins"),
    "sources": ("Källor", "Sources"),
    "notes": ("Datakvalitet", "Data quality"),
    "loading": ("Hämtar …", "Loading …"),
    "summary": ("Plugins: {n} (med fel: {failed}) · källfiler: {files} · anteckningar: {notes}",
                "Plugins: {n} (failed: {failed}) · source files: {files} · notes: {notes}"),
    "name": ("Namn", "Name"),
    "origin": ("Ursprung", "Origin"),
    "version": ("Version", "Version"),
    "hooks": ("Hooks", "Hooks"),
    "declares": ("Deklarerar", "Declares"),
    "status": ("Status", "Status"),
    "reason": ("Orsak", "Reason"),
    "source": ("Källa", "Source"),
    "period": ("År", "Year"),
    "adapter": ("Adapter", "Adapter"),
    "file": ("Fil", "File"),
    "sha256": ("sha256", "sha256"),
    "synthetic": ("Syntetisk", "Synthetic"),
    "rows": ("Rader", "Rows"),
    "state": ("Läge", "State"),
    "row": ("Rad", "Row"),
    "column": ("Kolumn", "Column"),
    "message": ("Meddelande", "Message"),
    "severity": ("Allvar", "Severity"),
    "loaded": ("✓ laddad", "✓ loaded"),
    "failed": ("✗ misslyckades", "✗ failed"),
    "disabled": ("– avstängd", "– disabled"),
    "built": ("✓ byggd", "✓ built"),
    "not_built": ("○ inte byggd", "○ not built"),
    "no_file": ("✗ filen saknas", "✗ file missing"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "all_years": ("Alla år", "All years"),
    "all_severities": ("Alla nivåer", "All severities"),
    "no_notes": ("Bygget sparade inga anteckningar.", "The build kept no notes."),
    "error": ("✗ fel", "✗ error"),
    "warning": ("! varning", "! warning"),
    "info": ("i info", "i info"),
}

# the columns a reader needs first come first: on a narrow terminal the rest scrolls
PLUGIN_COLUMNS = ("name", "status", "version", "hooks", "declares", "origin", "reason")
SOURCE_COLUMNS = ("source", "period", "state", "synthetic", "rows", "sha256", "adapter", "file")
NOTE_COLUMNS = ("severity", "source", "period", "row", "column", "message", "file")

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def word(key: str, lang: str, **fmt: object) -> str:
    return choose(WORDS, key, lang, **fmt)


@dataclass
class ProjectData:
    """One load of the screen: everything the three tabs show (``hti plugins``, ``sources``,
    ``notes``)."""

    plugins: list[dict[str, Any]]
    problems: list[str]
    sources: list[dict[str, Any]]
    notes: list[dict[str, Any]]


class PluginsScreen(HtiScreen):
    CSS_PATH = "plugins.tcss"
    VIEW = "plugins"
    BINDINGS = [
        b("escape", "back", "app.back"),
        b("1", "tab('plugins')", "plugins.tab_plugins", show=False),
        b("2", "tab('sources')", "plugins.tab_sources", show=False),
        b("3", "tab('notes')", "plugins.tab_notes", show=False),
    ]

    KEPT = ("year", "severity")  # the notes' filters, kept when built again (a language)

    def __init__(self) -> None:
        super().__init__()
        self.data: ProjectData | None = None
        self.year: int | None = None  # notes filter; None = every year
        self.severity: str | None = None

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        f, lang = self.index, self.lang
        built = f.built_years()
        yield SyntheticBanner(lang, any(f.synthetic(y) for y in built))
        yield Static(word("title", lang), id="plugins-title", markup=False)
        yield Static(word("loading", lang), id="plugins-summary", markup=False)
        with TabbedContent(id="plugins-tabs", initial="plugins"):
            with TabPane(word("plugins", lang), id="plugins"):
                yield Static("", id="plugins-problems", markup=False)
                yield DataTable(id="plugins-table", cursor_type="row", zebra_stripes=True)
            with TabPane(word("sources", lang), id="sources"):
                yield DataTable(id="sources-table", cursor_type="row", zebra_stripes=True)
            with TabPane(word("notes", lang), id="notes"):
                with Horizontal(id="notes-filters"):
                    yield Select([(str(y), y) for y in f.config.index.years],
                                 prompt=word("all_years", lang), id="notes-year",
                                 value=picked(self.year, f.config.index.years))
                    yield Select([(word(s, lang), s) for s in SEVERITIES],
                                 prompt=word("all_severities", lang), id="notes-severity",
                                 value=picked(self.severity, SEVERITIES))
                    yield Static("", id="notes-count", markup=False)
                yield DataTable(id="notes-table", cursor_type="row", zebra_stripes=True)
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_status()
        self.load()

    # -- data ------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="plugins")
    def load(self) -> None:
        ix = self.index

        def ask() -> ProjectData:
            _, problems = project_info.plugin_declarations(ix)
            return ProjectData(project_info.plugins(ix), problems, project_info.sources(ix),
                               project_info.notes(ix, self.year, self.severity))

        data = self.attempt(ask)
        if data is not None:
            self.app.call_from_thread(self._show, data)

    def _show(self, data: ProjectData) -> None:
        self.data = data
        lang = self.lang
        failed = sum(1 for p in data.plugins if p["status"] == "failed")
        self.query_one("#plugins-summary", Static).update(word(
            "summary", lang, n=len(data.plugins), failed=failed, files=len(data.sources),
            notes=len(data.notes)))
        # failures are spelled out above the table too, so no width hides the reason
        lines = [*data.problems, *(f"✗ {p['name']}: {p['reason']}" for p in data.plugins
                                   if p["status"] == "failed")]
        problems = self.query_one("#plugins-problems", Static)
        problems.update(Text("\n".join(lines), style="bold red"))
        problems.set_class(not lines, "-hidden")
        self._fill_plugins(data.plugins)
        self._fill_sources(data.sources)
        self._fill_notes(data.notes)
        self.refresh_status()

    def _table(self, selector: str, columns: list[str]) -> DataTable[Any]:
        table = self.query_one(selector, DataTable)
        table.clear(columns=True)
        table.add_columns(*[word(c, self.lang) for c in columns])
        return table

    def _fill_plugins(self, rows: list[dict[str, Any]]) -> None:
        lang = self.lang
        table = self._table("#plugins-table", list(PLUGIN_COLUMNS))
        style = {"loaded": "green", "failed": "bold red", "disabled": "dim"}
        for p in rows:
            kinds: dict[str, int] = {}
            for d in p["declares"]:
                kind = d.split(":", 1)[0]
                kinds[kind] = kinds.get(kind, 0) + 1
            shown = term("origin", p["origin"], lang)
            origin = shown if p["origin"] != "directory" else f"{shown} ({p['location']})"
            cells = {
                "name": Text(p["name"]),
                "status": Text(word(p["status"], lang) if p["status"] in WORDS
                               else p["status"], style=style.get(p["status"], "")),
                "version": Text(p["version"]),
                "hooks": Text(", ".join(h.removeprefix("hti_") for h in p["hooks"]) or "–"),
                "declares": Text(", ".join(f"{n} {term('kind', k + 's' if n > 1 else k, lang)}"
                                           for k, n in kinds.items()) or "–"),
                "origin": Text(origin),
                "reason": Text(p["reason"] or "", style="red")}
            table.add_row(*[cells[c] for c in PLUGIN_COLUMNS])

    def _fill_sources(self, rows: list[dict[str, Any]]) -> None:
        lang = self.lang
        table = self._table("#sources-table", list(SOURCE_COLUMNS))
        for s in rows:
            if s["problem"]:
                state = Text(f"✗ {s['problem']}", style="bold red")
            elif not s["exists"]:
                state = Text(word("no_file", lang), style="bold red")
            elif s["built"]:
                state = Text(word("built", lang), style="green")
            else:
                state = Text(word("not_built", lang), style="yellow")
            synthetic = "–" if s["synthetic"] is None else word(
                "yes" if s["synthetic"] else "no", lang)
            cells = {
                "source": Text(s["source"]), "period": Text(str(s["period"]), justify="right"),
                "state": state,
                "synthetic": Text(synthetic, style="bold yellow" if s["synthetic"] else ""),
                "rows": Text("–" if s["rows"] is None else str(s["rows"]), justify="right"),
                "sha256": Text(s["sha256"] or "–"), "adapter": Text(s["adapter"]),
                "file": Text(s["file"] or "–")}
            table.add_row(*[cells[c] for c in SOURCE_COLUMNS])

    def _fill_notes(self, rows: list[dict[str, Any]]) -> None:
        lang = self.lang
        table = self._table("#notes-table", list(NOTE_COLUMNS))
        for n in rows:
            sev = n["severity"]
            cells = {
                "severity": Text(word(sev, lang) if sev in SEVERITIES else sev,
                                 style=SEVERITY_STYLE.get(sev, "")),
                "source": Text(n["source"]), "period": Text(str(n["period"]), justify="right"),
                "row": Text("" if n["row"] is None else str(n["row"]), justify="right"),
                "column": Text(n["column"] or ""),
                "message": Text(n["message_sv" if lang == "sv" else "message"]),
                "file": Text(place(n["file"] or "", lang))}
            table.add_row(*[cells[c] for c in NOTE_COLUMNS])
        count = f"{len(rows)}" if rows else word("no_notes", lang)
        self.query_one("#notes-count", Static).update(count)

    # -- the hooks of HtiScreen ----------------------------------------------------
    def tab(self) -> str:
        return self.query_one(TabbedContent).active or "plugins"

    def cli_command(self) -> str:
        tab = self.tab()
        if tab == "notes":
            return self.cli("notes", *(["--year", self.year] if self.year else []),
                            *(["--severity", self.severity] if self.severity else []))
        return self.cli(tab)

    def export_rows(self) -> list[dict[str, Any]]:
        """The rows of the tab shown, as ``hti plugins --json`` / ``sources`` / ``notes``."""
        if self.data is None:
            return []
        return [dict(r) for r in {"plugins": self.data.plugins, "sources": self.data.sources,
                                  "notes": self.data.notes}[self.tab()]]

    def synthetic(self) -> bool:
        return bool(self.data and any(s["synthetic"] for s in self.data.sources))

    def export_filters(self) -> list[object]:
        return [self.tab()]

    def copy_cell(self, row: bool = False) -> str | None:
        return self.copy_from(self.query_one(f"#{self.tab()}-table", DataTable), row, 0)

    # -- actions ---------------------------------------------------------------------
    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_tab(self, tab: str) -> None:
        self.switch_tab(tab, f"#{tab}-table")
        self.refresh_status()

    def _focus_tab(self, tab: str) -> None:
        self.query_one(f"#{tab}-table", DataTable).focus()
        self.refresh_status()

    @on(TabbedContent.TabActivated)
    def _tab(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == self.query_one(TabbedContent).active:
            self._focus_tab(str(event.pane.id))

    @on(Select.Changed)
    def _filter(self, event: Select.Changed) -> None:
        value = chosen(event.value)
        if event.select.id == "notes-year":
            self.year = int(str(value)) if value is not None else None
        elif event.select.id == "notes-severity":
            self.severity = str(value) if value is not None else None
        self.refresh_status()
        self.load()
