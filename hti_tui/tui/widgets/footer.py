"""The footer of every hti screen: Textual's Footer, rebuilt only when its keys change.

Textual's Footer throws away and re-mounts all its key widgets whenever the screen's
bindings are recomputed — on every focus change, every time a screen is shown again —
even when the keys it shows are the same. Mounting and styling those widgets was the
largest single cost of opening a kommun (and a part of the first paint). This footer
compares what it would show with what it shows and recomposes only on a difference, so
what is on screen is exactly what Textual's Footer would show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

#: what the footer shows of one binding: key, key as displayed, words, action, enabled,
#: tooltip, group
Shown = tuple[str, str, str, str, bool, str, object]


class HtiFooter(Footer):
    """A Footer that skips the rebuild when the shown keys are unchanged."""

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[Shown, ...] | None = None

    def _keys(self) -> tuple[Shown, ...]:
        """Everything the footer's compose reads from the screen's bindings."""
        app = self.app
        return tuple(
            (binding.key, app.get_key_display(binding), binding.description, binding.action,
             enabled, tooltip, binding.group)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show or binding.action == "command_palette")

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not self.is_attached or screen is not self.screen or not screen.app.app_focus:
            super().bindings_changed(screen)
            return
        keys = self._keys()
        if self._bindings_ready and keys == self._shown:
            return  # the same keys: nothing to rebuild
        self._shown = keys
        super().bindings_changed(screen)
