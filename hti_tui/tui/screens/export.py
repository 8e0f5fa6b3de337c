"""``e``: export the current view (as sorted and filtered) to CSV, Excel or Parquet.

The default file is named after the view and its filters (``hti-ranking-2024-skane-lan
.csv``), an existing file is replaced only after a second Enter, and nothing is written
inside the project's data or over the model (``report.export.check_target``).
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from hti_tui.errors import HtiError
from hti_tui.report.export import FORMATS, export_rows, protected_paths
from hti_tui.tui import keys
from hti_tui.tui.base import HtiScreen
from hti_tui.tui.widgets.choice import chosen

#: format id → (svenska, English) as the dialog lists them
FORMAT_WORDS: dict[str, tuple[str, str]] = {
    "csv": ("CSV (komma, decimalpunkt)", "CSV (comma, decimal point)"),
    "excel": ("Excel (svensk): CSV med semikolon och decimalkomma",
              "Excel (Swedish): CSV with semicolons and decimal commas"),
    "xlsx": ("Excel-arbetsbok (.xlsx)", "Excel workbook (.xlsx)"),
    "parquet": ("Parquet", "Parquet"),
}


class ExportScreen(ModalScreen[Path | None]):
    CSS_PATH = "export.tcss"
    BINDINGS = [Binding("escape", "cancel", keys.words("export.cancel", "Cancel"),
                        id="export.cancel")]

    def __init__(self, view: HtiScreen) -> None:
        super().__init__()
        keys.localise(self)  # words in the language chosen at start-up
        self.view = view
        self.fmt = "csv"
        self._confirm: Path | None = None  # an existing file the next Enter replaces

    def default_name(self, fmt: str = "csv") -> str:
        return self.view.export_name() + FORMATS[fmt]

    def compose(self) -> ComposeResult:
        sv = keys.language() == "sv"
        rows = len(self.view.export_rows())
        with Vertical(id="export-box"):
            yield Static((f"Exportera vyn som den visas ({rows} rader; sortering och filter "
                          "följer med)." if sv else
                          f"Export the view as shown ({rows} rows; sorting and filters "
                          "included)."), id="export-what")
            yield Select([(w[0] if sv else w[1], f) for f, w in FORMAT_WORDS.items()],
                         value="csv", allow_blank=False, id="export-format")
            yield Input(self.default_name(), id="export-path")
            yield Static("", id="export-error", markup=False)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#export-path", Input))

    def on_select_changed(self, event: Select.Changed) -> None:
        fmt = chosen(event.value)
        if fmt is None or fmt == self.fmt:
            return
        field = self.query_one("#export-path", Input)
        old, self.fmt = self.fmt, str(fmt)
        if field.value.endswith(FORMATS[old]):  # the extension follows the format
            field.value = field.value[: -len(FORMATS[old])] + FORMATS[self.fmt]
        self._confirm = None

    def on_input_changed(self, event: Input.Changed) -> None:
        self._confirm = None
        self.query_one("#export-error", Static).update("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        sv = keys.language() == "sv"
        path = Path(event.value).expanduser()
        error = self.query_one("#export-error", Static)
        if path.exists() and self._confirm != path:
            self._confirm = path
            error.update(f"{path} finns redan. Enter igen skriver över den, Esc avbryter."
                         if sv else f"{path} exists. Enter again replaces it, Esc cancels.")
            return
        fmt = self.fmt
        if path.suffix.lower() in (".xlsx", ".parquet"):  # a typed extension wins
            fmt = path.suffix.lower().lstrip(".")
        try:
            written = export_rows(self.view.export_rows(), path,
                                  synthetic=self.view.synthetic(), view=self.view.VIEW,
                                  fmt=fmt, protected=protected_paths(self.view.index.config))
        except (HtiError, OSError) as exc:
            message = exc.describe(keys.language()) if isinstance(exc, HtiError) else str(exc)
            error.update(message)
            return
        self.app.notify(f"{'Exporterade' if sv else 'Exported'} {written}")
        self.dismiss(written)

    def action_cancel(self) -> None:
        self.dismiss(None)
