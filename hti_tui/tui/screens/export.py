"""``e``: export the current view (as sorted and filtered) to CSV or Parquet."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from hti_tui.errors import HtiError
from hti_tui.report.export import export_rows
from hti_tui.tui import keys
from hti_tui.tui.base import HtiScreen


class ExportScreen(ModalScreen[Path | None]):
    CSS_PATH = "export.tcss"
    BINDINGS = [Binding("escape", "cancel", keys.words("export.cancel", "Cancel"),
                        id="export.cancel")]

    def __init__(self, view: HtiScreen) -> None:
        super().__init__()
        keys.localise(self)  # words in the language chosen at start-up
        self.view = view

    def default_name(self) -> str:
        year = getattr(self.view, "year", "")
        return f"hti-{self.view.VIEW}{f'-{year}' if year else ''}.csv"

    def compose(self) -> ComposeResult:
        sv = keys.language() == "sv"
        with Vertical(id="export-box"):
            yield Static("Exportera vyn som den visas (sortering och filter följer med). "
                         "Ändelsen .csv eller .parquet väljer format." if sv else
                         "Export the view as shown (sorting and filters included). "
                         "The extension .csv or .parquet picks the format.")
            yield Input(self.default_name(), id="export-path")
            yield Static("", id="export-error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        path = Path(event.value).expanduser()
        try:
            written = export_rows(self.view.export_rows(), path,
                                  synthetic=self.view.synthetic(), view=self.view.VIEW)
        except (HtiError, OSError) as exc:
            message = exc.describe() if isinstance(exc, HtiError) else str(exc)
            self.query_one("#export-error", Static).update(message)
            return
        sv = keys.language() == "sv"
        self.app.notify(f"{'Exporterade' if sv else 'Exported'} {written}")
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)
