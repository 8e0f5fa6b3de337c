"""The ``?`` help screen, generated from the bindings of the screen below and the app."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from hti_tui.tui import keys


def binding_rows(screen: Screen, app_bindings) -> list[tuple[str, str, str]]:
    """(where, key, what) for every binding with a description, screen first."""
    rows = []
    seen = set()
    for where, table in (("screen", screen._bindings), ("app", app_bindings)):
        for key, bindings in table.key_to_bindings.items():
            for binding in bindings:
                if not binding.description or key in seen:
                    continue
                seen.add(key)
                display = binding.key_display or screen.app.get_key_display(
                    Binding(key, binding.action))
                rows.append((where, display, keys.description(binding.description)))
    return rows


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", keys.words("help.close", "Close"),
                        id="help.close")]

    def __init__(self, below: Screen) -> None:
        super().__init__()
        keys.localise(self)  # words in the language chosen at start-up
        self.below = below

    def compose(self) -> ComposeResult:
        sv = keys.language() == "sv"
        with Vertical(id="help-box"):
            yield Static("Tangenter" if sv else "Keys", id="help-title")
            table: DataTable = DataTable(zebra_stripes=True, cursor_type="row")
            table.add_columns("Tangent" if sv else "Key", "Gör" if sv else "Does",
                              "Gäller" if sv else "Where")
            for where, key, what in binding_rows(self.below, self.app._bindings):
                place = ("den här vyn" if sv else "this view") if where == "screen" else (
                    "överallt" if sv else "everywhere")
                table.add_row(key, what, place)
            table.add_row("ctrl+p", "Kommandopalett: kommuner, indikatorer, åtgärder" if sv
                          else "Command palette: kommuner, indicators, actions",
                          "överallt" if sv else "everywhere")
            yield table
            yield Static("Tangenter kan bytas i hti.toml [ui.keys]." if sv else
                         "Keys can be remapped in hti.toml [ui.keys].")

    def action_dismiss(self) -> None:
        self.dismiss(None)
