"""The app's views and global keys: opening the kommun, indicator, compare and what-if
screens, help and the data screen, copy and export, the command palette, and keys typed
ahead of a focus change.

:class:`hti_tui.tui.app.HtiApp` adds the loading of the project, the results watch, reload
and the language switch; this half only navigates and never loads anything itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.app import App

from hti_tui.tui import keys

if TYPE_CHECKING:
    from hti_tui.query.context import Index


class ViewsApp(App[object]):
    """The navigating half of :class:`~hti_tui.tui.app.HtiApp` (see the module's docstring)."""

    #: the loaded project's query context (HtiApp loads it; None until then)
    _index: Index | None = None

    @property
    def language(self) -> str:
        return keys.language()

    # -- the command palette -------------------------------------------------------
    def action_command_palette(self) -> None:
        """The palette with a placeholder in the user's language."""
        from hti_tui.tui.commands import HtiPalette

        if self.use_command_palette and not HtiPalette.is_open(self):
            self.push_screen(HtiPalette(
                placeholder="Sök kommun, indikator eller åtgärd …" if self.language == "sv"
                else "Search for a kommun, an indicator or an action …",
                id="--command-palette"))

    def search_themes(self) -> None:
        """Textual's theme list, with a placeholder in the user's language."""
        from textual.theme import ThemeProvider

        from hti_tui.tui.commands import HtiPalette

        self.push_screen(HtiPalette(providers=[ThemeProvider],
                                    placeholder="Sök tema …" if self.language == "sv"
                                    else "Search for themes …"))

    def on_key(self, event: events.Key) -> None:
        """A character typed right after a key that moved the focus into a field ("/"
        for the search, "+" in the comparison, Enter in what-if): Textual queues keys at
        the widget that had the focus when the burst arrived, they bubble up here after the
        focus moved, and no binding takes a printable key while a field has the focus — so
        "/sk" typed or pasted at speed lost "sk". A printable key reaching the app while a
        field has the focus never came from that field (an Input stops its own): it is
        handed to the field."""
        from textual.widgets import Input

        focused = self.focused
        if event.is_printable and isinstance(focused, Input):
            event.stop()
            focused.post_message(events.Key(event.key, event.character))

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies): say which key does, in the user's language."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                sv = self.language == "sv"
                self.notify(f"Tryck {key} för att avsluta hti" if sv
                            else f"Press {key} to quit hti",
                            title="Vill du avsluta?" if sv else "Do you want to quit?",
                            markup=False)
                return

    def screenshot_now(self) -> None:
        """An SVG of the screen in the working directory, said in the user's language."""
        sv = self.language == "sv"
        try:
            path = self.save_screenshot(path=".")
        except OSError as exc:
            self.notify(f"{'Skärmbilden sparades inte' if sv else 'Screenshot not saved'}: "
                        f"{exc}", severity="error", markup=False)
            return
        self.notify(f"{'Skärmbild sparad' if sv else 'Screenshot saved'}: {path}",
                    title="Skärmbild" if sv else "Screenshot", markup=False)

    # -- global actions --------------------------------------------------------
    def action_help(self) -> None:
        from hti_tui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_plugins(self) -> None:
        from hti_tui.tui.screens.plugins import PluginsScreen

        if self._index is not None and not isinstance(self.screen, PluginsScreen):
            self.push_screen(PluginsScreen())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Copy and export exist only on screens with a view (not while loading)."""
        if action in ("copy", "copy_row", "export"):
            from hti_tui.tui.base import HtiScreen

            return isinstance(self.screen, HtiScreen) and self.screen.HAS_VIEW
        return True

    def _copy(self, row: bool) -> None:
        hook = getattr(self.screen, "copy_cell", None)
        text = hook(row=row) if hook else None
        if text:
            self.copy_to_clipboard(text)
            shown = text.replace("\n", " ⏎ ").replace("\t", " ")[:60]
            what = "rad" if row else "cell"
            self.notify(f"Kopierade {what}: {shown}" if self.language == "sv"
                        else f"Copied {'row' if row else 'cell'}: {shown}", markup=False)

    def action_copy(self) -> None:
        self._copy(row=False)

    def action_copy_row(self) -> None:
        self._copy(row=True)

    def action_export(self) -> None:
        from hti_tui.tui.base import HtiScreen
        from hti_tui.tui.screens.export import ExportScreen

        screen = self.screen
        if not isinstance(screen, HtiScreen) or not screen.HAS_VIEW:
            return
        if not screen.export_rows():
            self.notify("Vyn är tom: inget att exportera." if self.language == "sv"
                        else "The view is empty: nothing to export.", severity="warning")
            return
        self.push_screen(ExportScreen(screen))

    def open_kommun(self, unit: str, year: int) -> None:
        from hti_tui.tui.screens.kommun import KommunScreen

        # One kommun screen is kept and refilled (its widgets take long to build); a
        # kommun opened from a kommun (a peer) gets a screen of its own.
        if not self.is_screen_installed("kommun"):
            self.install_screen(KommunScreen(unit, year), "kommun")
            self.push_screen("kommun")
            return
        kept = self.get_screen("kommun")
        if kept in self.screen_stack:
            self.push_screen(KommunScreen(unit, year))
            return
        assert isinstance(kept, KommunScreen)
        # pushed once its numbers are drawn (see show_unit): drawn once, not empty first
        kept.show_unit(unit, year, push=lambda: self.push_screen(kept))

    def open_indicator(self, indicator: str, year: int, unit: str | None = None) -> None:
        """The indicator screen; ``unit`` (a kommun) is marked in its histogram."""
        from hti_tui.tui.screens.indicator import IndicatorScreen

        self.push_screen(IndicatorScreen(indicator, year, unit))

    def open_compare(self, units: list[str], year: int) -> None:
        from hti_tui.tui.screens.compare import CompareScreen

        self.push_screen(CompareScreen(units, year))

    def open_whatif(self, unit: str, year: int) -> None:
        from hti_tui.tui.screens.whatif import WhatIfScreen

        self.push_screen(WhatIfScreen(unit, year))

