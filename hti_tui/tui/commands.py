"""The command palette (ctrl+p): find kommuner, indicators and actions by typing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from hti_tui.query import fold
from hti_tui.tui import keys

if TYPE_CHECKING:
    from textual.screen import Screen

    from hti_tui.tui.app import HtiApp

#: (what the palette shows, what choosing it runs, the help line)
Item = tuple[str, Callable[[], Any], str]


class HtiPalette(CommandPalette):
    """Textual's palette, saying "no matches" in the user's language."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2.8 adds an English "No matches found" line here; the same, in words
        # the user reads (the countdown and the option id are Textual's)
        self._stop_no_matches_countdown()

        def show() -> None:
            if search_value:
                self.query_one(CommandList).add_option(Option(
                    Align.center(Text("Inga träffar" if keys.language() == "sv"
                                      else "No matches found", style="not bold")),
                    disabled=True, id=self._NO_MATCHES))
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)


class HtiCommands(Provider):
    @property
    def hti(self) -> HtiApp:
        from hti_tui.tui.app import HtiApp

        app = self.app
        assert isinstance(app, HtiApp), "hti's palette runs in hti's app"
        return app

    def _year(self) -> int | None:
        app = self.hti
        year = getattr(app.screen, "year", None)
        if year is None and app._index is not None:
            year = app._index.default_year()
        return year if isinstance(year, int) else None

    def _items(self) -> list[Item]:
        app = self.hti
        index = app._index
        sv = keys.language() == "sv"
        actions: list[Item] = [
            ("Hjälp: tangenter" if sv else "Help: keys", app.action_help, ""),
            ("Plugins och data" if sv else "Plugins and data", app.action_plugins, ""),
            ("Exportera vyn" if sv else "Export the view", app.action_export, ""),
        ]
        if index is None:
            return actions
        year = self._year()
        items = list(actions) + self._screen_actions()
        if year is not None:
            for unit, name in zip(index.registry.ids, index.registry.names):
                items.append(((f"Kommun: {name}" if sv else f"Open: {name}"),
                              partial(app.open_kommun, unit, year), unit))
            for ident in index.indicator_ids():
                items.append((f"{'Indikator' if sv else 'Indicator'}: {index.node_name(ident)}",
                              partial(app.open_indicator, ident, year), ident))
        return items

    def _screen_actions(self) -> list[Item]:
        """Every key of the screen below the palette, as an action to run by name."""
        from hti_tui.tui.base import HtiScreen
        from hti_tui.tui.helptext import explain

        screen = self.screen
        if not isinstance(screen, HtiScreen):
            return []
        sv = keys.language() == "sv"
        out: list[Item] = []
        seen: set[str] = set()
        for bindings in screen._bindings.key_to_bindings.values():
            for binding in bindings:
                if not binding.id or binding.id in seen or binding.id.startswith("app."):
                    continue
                seen.add(binding.id)
                shown = binding.key_display or binding.key
                out.append((f"{'Åtgärd' if sv else 'Action'}: {binding.description}",
                            partial(screen.run_action, binding.action),
                            f"{shown} · {explain(binding.id, keys.language())}"))
        return out

    async def discover(self) -> Hits:
        for text, action, help_text in self._actions_first()[:12]:
            yield DiscoveryHit(text, action, help=help_text or None)

    def _actions_first(self) -> list[Item]:
        """Shown before anything is typed: what can be done here, not 290 kommuner."""
        base = self._items()
        return [i for i in base if not i[0].startswith(("Kommun:", "Open:", "Indikator:",
                                                         "Indicator:"))]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        for text, action, help_text in self._items():
            # "orebro" finds Örebro: match the accent-folded text as well
            score = max(matcher.match(text), matcher.match(fold(text)),
                        matcher.match(help_text) if help_text else 0)
            if score > 0:
                yield Hit(score, matcher.highlight(text), action, help=help_text or None)


def system_commands(app: HtiApp, screen: Screen[Any]) -> Iterator[SystemCommand]:
    """Textual's own palette commands (theme, language, help, quit, maximise, screenshot),
    in Swedish in Swedish mode; the app's ``get_system_commands``."""
    sv = app.language == "sv"
    yield SystemCommand("Tema" if sv else "Theme",
                        "Byt färgtema (sparas till nästa start)" if sv
                        else "Change the colour theme (kept for the next start)",
                        app.action_change_theme)
    yield SystemCommand("Språk: English" if sv else "Language: svenska",
                        "Byt språk till engelska (nu och vid nästa start)" if sv
                        else "Switch to Swedish (now and at the next start)",
                        app.action_switch_language)
    yield SystemCommand("Hjälp" if sv else "Help",
                        "Tangenter och ordlista" if sv else "Keys and glossary",
                        app.action_help)
    yield SystemCommand("Avsluta" if sv else "Quit", "Avsluta hti" if sv else "Quit hti",
                        app.action_quit)
    if screen.maximized is not None:
        yield SystemCommand("Återställ storlek" if sv else "Minimize",
                            "Visa alla delar igen" if sv else "Show every part again",
                            screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand("Maximera" if sv else "Maximize",
                            "Visa bara tabellen" if sv else "Show only the focused table",
                            screen.action_maximize)
    yield SystemCommand("Skärmbild" if sv else "Screenshot",
                        "Spara en SVG-bild av skärmen" if sv
                        else "Save an SVG picture of the screen",
                        lambda: app.set_timer(0.1, app.screenshot_now))
