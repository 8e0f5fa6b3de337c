"""What every hti screen shares: translated bindings, the banner, the status line,
and the hooks the app's copy (y) and export (e) actions call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.screen import Screen

from hti_tui.tui import keys
from hti_tui.tui.keys import b
from hti_tui.tui.widgets.statusline import cli

if TYPE_CHECKING:
    from hti_tui.facade import Facade
    from hti_tui.tui.app import HtiApp


class HtiScreen(Screen):
    """A screen of hti. Subclasses implement the three hooks below."""

    #: a short name used in export file names
    VIEW = "view"
    #: ``?`` first: the footer lists the screen's keys before the app's, and cuts what does
    #: not fit, so help is the first key shown at any width (Textual merges base-class
    #: bindings before a subclass's)
    BINDINGS = [b("question_mark", "app.help", "app.help", key_display="?")]

    def __init__(self) -> None:
        super().__init__()
        keys.localise(self)

    @property
    def hti(self) -> HtiApp:
        return self.app  # type: ignore[return-value]

    @property
    def facade(self) -> Facade:
        return self.hti.facade

    @property
    def lang(self) -> str:
        return keys.language()

    def cli(self, *args: object) -> str:
        return cli(*args, config=self.hti.config_arg)

    def switch_tab(self, tab: str, table: str | None = None) -> None:
        """Show ``tab`` of the screen's tabs and focus its table at once (``table`` is a
        selector; default the pane's first table).

        ``Widget.focus()`` waits for the next idle, so a key typed right after the tab key
        (enter, say) would still reach the previous tab's table.
        """
        from textual.widgets import DataTable, TabbedContent, TabPane

        self.query_one(TabbedContent).active = tab
        if table is not None:
            self.set_focus(self.query_one(table, DataTable))
            return
        tables = list(self.query_one(f"TabPane#{tab}", TabPane).query(DataTable))
        if tables:
            self.set_focus(tables[0])

    # -- hooks ------------------------------------------------------------
    def cli_command(self) -> str:
        """The CLI command that prints the numbers of this view."""
        return cli(config=self.hti.config_arg)

    def export_rows(self) -> list[dict[str, Any]]:
        """The rows of the view as shown (sorted, filtered), as the CLI's JSON has them."""
        return []

    def copy_cell(self, row: bool = False) -> str | None:
        """Text of the current cell (or the whole row) for the clipboard."""
        return None

    def synthetic(self) -> bool:
        return True

    def refresh_status(self) -> None:
        from hti_tui.tui.widgets.statusline import StatusLine

        for line in self.query(StatusLine):
            line.show_command(self.cli_command())
