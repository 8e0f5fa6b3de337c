"""The ``?`` help screen, generated from the bindings of the screen below and the app."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from hti_tui.tui import keys
from hti_tui.tui.helptext import GLOSSARY, explain


def binding_rows(screen: Screen[Any], app_bindings: BindingsMap
                 ) -> list[tuple[str, str, str, str]]:
    """(where, key, what, what it does) for every binding with a description, screen
    first."""
    rows: list[tuple[bool, str, str, str, str]] = []
    seen: set[str] = set()
    for where, table in (("screen", screen._bindings), ("app", app_bindings)):
        for key, bindings in table.key_to_bindings.items():
            for binding in bindings:
                if not binding.description or key in seen:
                    continue
                seen.add(key)
                display = binding.key_display or screen.app.get_key_display(
                    Binding(key, binding.action))
                rows.append((not binding.id, where, display,
                             keys.description(binding.description),
                             explain(binding.id, keys.language(), binding.action)))
    rows.sort(key=lambda r: r[0])  # hti's own keys first, Textual's (tab, ^c) after
    return [r[1:] for r in rows]


_EN_TERM = {"Poäng": "Score", "Bidrag": "Contribution", "Mot median": "Vs median",
            "Del av gapet": "Part of the gap",
            "Resultatgrupp": "Result group", "Rangintervall": "Rank interval",
            "Täckning": "Coverage"}


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,question_mark,q", "close", keys.words("help.close", "Close"),
                        id="help.close")]

    def __init__(self, below: Screen[Any]) -> None:
        super().__init__()
        keys.localise(self)  # words in the language chosen at start-up
        self.below = below

    def compose(self) -> ComposeResult:
        sv = keys.language() == "sv"
        with Vertical(id="help-box"):
            yield Static("Tangenter" if sv else "Keys", id="help-title")
            table: DataTable[Any] = DataTable(zebra_stripes=True, cursor_type="row", id="help-keys")
            rows = binding_rows(self.below, self.app._bindings)
            key_w = max(len(r[1]) for r in rows) if rows else 6
            name_w = max(len(r[2]) for r in rows) if rows else 10
            # the sentence wraps in what is left of the box (95 %, at most 150 cells)
            box = min(150, self.app.size.width * 95 // 100) - 4
            does_w = max(24, box - key_w - name_w - 11 - 2 * 4 - 2)
            table.add_column("Tangent" if sv else "Key")
            table.add_column("Namn" if sv else "Name")
            table.add_column("Gör" if sv else "Does", width=does_w)
            table.add_column("Gäller" if sv else "Where")
            for where, key, what, does in [*rows, ("app", "ctrl+p", keys.words(
                    "app.palette", "Commands"), explain("app.palette", keys.language()))]:
                place = ("den här vyn" if sv else "this view") if where == "screen" else (
                    "överallt" if sv else "everywhere")
                lines = -(-len(does) // does_w) if does else 1
                table.add_row(key, what, Text(does), place, height=lines)
            yield table
            with VerticalScroll(id="help-glossary"):
                yield Static("Ordlista" if sv else "Glossary", id="glossary-title")
                for term, sv_text, en_text in GLOSSARY:
                    yield Static(Text.assemble((term if sv else _EN_TERM.get(term, term),
                                                "bold"), "  ", sv_text if sv else en_text),
                                 classes="glossary-entry")
            yield Static("Tangenter kan bytas i hti.toml [ui.keys]." if sv else
                         "Keys can be remapped in hti.toml [ui.keys].")

    def action_close(self) -> None:
        self.dismiss(None)
