"""What every hti screen shares: translated bindings, the banner, the status line,
and the hooks the app's copy (y) and export (e) actions call."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, on
from textual.screen import Screen

from hti_tui.query import fold
from hti_tui.report.cells import plain
from hti_tui.tui import failures, keys
from hti_tui.tui.keys import b
from hti_tui.tui.widgets.statusline import cli

if TYPE_CHECKING:
    from hti_tui.query.context import Index
    from hti_tui.tui.app import HtiApp

T = TypeVar("T")


class HtiScreen(Screen[None]):
    """A screen of hti. Subclasses implement the three hooks below."""

    #: a short name used in export file names
    VIEW = "view"
    #: False on a screen without numbers to copy or export (the loading screen)
    HAS_VIEW = True
    #: ``?`` first: the footer lists the screen's keys before the app's, and cuts what does
    #: not fit, so help is the first key shown at any width (Textual merges base-class
    #: bindings before a subclass's)
    BINDINGS = [b("question_mark", "app.help", "app.help", key_display="?")]

    def __init__(self) -> None:
        keys.localise_textual()  # widgets imported since the language was set
        super().__init__()
        keys.localise(self)

    #: the attributes that hold what the user chose on the screen (sort, filters,
    #: reference …): a screen built again (a language switch) starts with them
    KEPT: tuple[str, ...] = ()

    def reopened(self) -> HtiScreen:
        """A new screen showing what this one shows now (same kommun, year, indicator …),
        built again in the current language: its ``__init__`` parameters are read back
        from the attributes of the same names, then it gets what the user chose here
        (``hand_over``)."""
        import inspect

        params = inspect.signature(type(self).__init__).parameters
        args = {name: getattr(self, name) for name in params if name != "self"}
        screen = type(self)(**args)
        self.hand_over(screen)
        return screen

    def hand_over(self, screen: HtiScreen) -> None:
        """Give ``screen`` (a new screen of this kind) what the user chose here: the
        ``KEPT`` attributes (copied: the screens never share a list) and the tab in view,
        which it shows once mounted. A screen with more to carry extends this."""
        from textual.widgets import TabbedContent

        for name in self.KEPT:
            setattr(screen, name, copy.copy(getattr(self, name)))
        tabs = list(self.query(TabbedContent))
        if tabs and tabs[0].active:
            screen._tab_to_show = tabs[0].active

    _tab_to_show: str | None = None

    @on(events.Mount)
    def _show_kept_tab(self) -> None:
        """The tab handed over (see ``hand_over``), after the screen's own mount."""
        tab, self._tab_to_show = self._tab_to_show, None
        if tab is not None:
            self.call_after_refresh(self._activate_tab, tab)

    def _activate_tab(self, tab: str) -> None:
        """As the screen's tab key does (``action_tab``: it may fill the tab first)."""
        from textual.widgets import TabbedContent

        for tabs in self.query(TabbedContent):
            if tabs.active != tab and tabs.query(f"TabPane#{tab}"):
                action = getattr(self, "action_tab", None)
                if callable(action):
                    action(tab)
                else:
                    self.switch_tab(tab)
            return

    @property
    def hti(self) -> HtiApp:
        return self.app  # type: ignore[return-value]

    @property
    def index(self) -> Index:
        """The context every question is asked in: screens call ``hti_tui.query`` on it."""
        return self.hti.index

    def attempt(self, call: Callable[[], T],
                failed: Callable[[str], object] | None = None) -> T | None:
        """``call()`` in the screen's worker thread: None when it failed, after a data error
        was shown (``failed``, default a notification) or a bug reported with its
        traceback (see :mod:`hti_tui.tui.failures`)."""
        return failures.attempt(self.app, call, where=self.VIEW, failed=failed)

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

    def export_name(self) -> str:
        """The default export file name (no extension): the view, its year and filters."""
        return slug("hti", self.VIEW, getattr(self, "year", None), *self.export_filters())

    def export_filters(self) -> list[object]:
        """What narrows the view (a län, a kommun …), for the export file name."""
        return []

    def copy_from(self, table: Any, row: bool, column: int | None = None) -> str | None:
        """The cursor's cell, or its row under a header row, as plain values.

        Plain means what a spreadsheet reads: no ●, ▲/▼ or bars, a hyphen for minus, the
        decimal comma kept in Swedish; tab-separated so it pastes into columns.
        """
        if not table.row_count:
            return None
        values = [plain(c.plain if hasattr(c, "plain") else str(c))
                  for c in table.get_row_at(table.cursor_row)]
        if row:
            headers = [plain(str(c.label)) for c in table.columns.values()]
            return "\t".join(headers) + "\n" + "\t".join(values)
        if column is None:
            column = table.cursor_column if table.cursor_type == "cell" else 0
        return values[min(column, len(values) - 1)]

    def synthetic(self) -> bool:
        return True

    def refresh_status(self) -> None:
        from hti_tui.tui.widgets.statusline import StatusLine

        for line in self.query(StatusLine):
            line.show_command(self.cli_command())


def slug(*parts: object) -> str:
    """'hti', 'ranking', 2024, 'Skåne län' → 'hti-ranking-2024-skane-lan' (a safe file name)."""
    words = []
    for part in parts:
        if part is None or part == "":
            continue
        text = "".join(ch if ch.isalnum() else "-" for ch in fold(str(part)))
        text = "-".join(w for w in text.split("-") if w)
        if text:
            words.append(text)
    return "-".join(words)
