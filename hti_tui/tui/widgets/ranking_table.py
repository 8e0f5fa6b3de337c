"""The ranking's DataTable: it measures its own rows and keeps each cell's rendering.

Both exist for speed (issue #12). Textual's DataTable measures every new row by
rendering each cell, and it renders every visible cell again after any change of rows —
its cell cache is keyed by an update counter that a sort, a ``clear`` or an ``add_row``
moves. A sort or a search keystroke changes which rows are where, never what a cell
shows, so this table keeps each cell's rendered lines across those changes and only
re-labels them with the row they are now drawn in.
"""

from __future__ import annotations

from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable

#: rendered cells kept at most (290 kommuner × 13 columns × a few styles fit; 10,000
#: units keep the most recently drawn)
KEPT_CELLS = 20_000

Lines = list[list[Segment]]


class UnitCell(Text):
    """The mark cell; it carries its row's unit id so a sort can reorder rows in place.

    Re-adding rows makes the DataTable measure every cell again, which costs seconds
    for 10,000 units; a sort that only reorders stays fast at any size.
    """

    def __init__(self, text: str, unit: str) -> None:
        super().__init__(text)
        self.unit = unit


class RankingTable(DataTable[Text]):
    """The ranking's table (see the module's docstring for why it does more than Textual's).

    Measuring: the ranking's cells are one-line Text, whose width is their ``cell_len``:
    the columns are widened to it here (as Textual would: a column never narrows), and
    the rows are not measured again. Widths are known from the first paint, too (a paint
    before Textual's measuring showed "Persto" for Perstorp).

    Keeping renderings: a kept cell is used again only when its content is the same
    object (the screen makes a kommun's cells once per year and replaces a cell it
    changes), and its width, style (zebra stripe included), cursor and hover state and
    the table's focus are the same; a style or theme change drops them all. Textual puts
    the cell's row and column in its segments' meta (what a click selects), so a kept
    cell drawn in another row gets the new row's meta.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: key → (the cell rendered, the row index it was drawn at, its lines)
        self._kept: dict[tuple[object, ...], tuple[object, int, Lines]] = {}
        #: the table's settings a cell's rendering depends on, read once per paint (each
        #: is a reactive attribute: reading eight of them for every cell was a fifth of
        #: a kept cell's cost), and a small number for each set of them met so far
        self._settings: tuple[int, int, int] | None = None
        self._settings_ids: dict[tuple[object, ...], int] = {}
        #: (row, column) → the style that labels a cell drawn there (its meta)
        self._metas: dict[tuple[int, int], Style] = {}

    def render_lines(self, crop: Region) -> list[Strip]:
        self._settings = None  # read again after the pseudo classes are (in super())
        try:
            return super().render_lines(crop)
        finally:
            self._settings = None

    def _cell_settings(self) -> tuple[int, int, int]:
        """(fixed columns, fixed rows, the id of the other settings) for this paint."""
        settings = self._settings
        if settings is None:
            rest = (self._show_hover_cursor, self._pseudo_class_state, self.show_cursor,
                    self.cell_padding, self.cursor_foreground_priority,
                    self.cursor_background_priority)
            ident = self._settings_ids.setdefault(rest, len(self._settings_ids))
            settings = self._settings = (self.fixed_columns, self.fixed_rows, ident)
        return settings

    def add_measured_rows(self, rows: list[tuple[str, list[Text]]]) -> None:
        for column, *cells in zip(self.ordered_columns, *(c for _, c in rows)):
            widest = max((cell.cell_len for cell in cells), default=0)
            column.content_width = max(column.content_width, widest)
        for key, cells in rows:
            self.add_row(*cells, key=key)
        # Textual keeps the keys of the rows to measure in ``_new_rows`` (8.2.8); if that
        # changes, it measures them itself: slower, never wrong
        pending = getattr(self, "_new_rows", None)
        if isinstance(pending, set):
            pending.difference_update(key for key, _ in rows)

    def notify_style_update(self) -> None:
        self._kept.clear()
        super().notify_style_update()

    def _render_cell(self, row_index: int, column_index: int, base_style: Style,
                     width: int, cursor: bool = False, hover: bool = False) -> Lines:
        if column_index < 0:  # the row labels (the ranking has none): Textual's way
            return super()._render_cell(row_index, column_index, base_style, width,
                                        cursor, hover)
        column_key = self._column_locations.get_key(column_index)
        settings = self._cell_settings()
        if row_index == -1 and column_key is not None:  # a header: its label is the cell
            cell: object = self.columns[column_key].label
            key: tuple[object, ...] = (None, column_key, base_style, width, cursor, hover,
                                       self.header_height, column_index < settings[0],
                                       settings[2])
        else:
            row_key = self._row_locations.get_key(row_index)
            row = self.rows.get(row_key) if row_key is not None else None
            if row is None or row_key is None or column_key is None:
                return super()._render_cell(row_index, column_index, base_style, width,
                                            cursor, hover)
            cell = self._data.get(row_key, {}).get(column_key)
            key = (row_key, column_key, base_style, width, cursor, hover, row.height,
                   column_index < settings[0], row_index < settings[1], settings[2])
        kept = self._kept.get(key)
        if kept is not None and kept[0] is cell:
            if kept[1] == row_index:
                return kept[2]
            meta = self._metas.get((row_index, column_index))
            if meta is None:
                if len(self._metas) >= KEPT_CELLS:
                    self._metas.clear()
                meta = Style.from_meta({"row": row_index, "column": column_index})
                self._metas[row_index, column_index] = meta
            lines = [list(Segment.apply_style(line, post_style=meta)) for line in kept[2]]
        else:
            lines = super()._render_cell(row_index, column_index, base_style, width,
                                         cursor, hover)
            if len(self._kept) >= KEPT_CELLS:
                self._kept.clear()
        self._kept[key] = (cell, row_index, lines)
        return lines
