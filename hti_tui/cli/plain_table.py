"""Every table the CLI prints, in one style: a bold header, a rule, aligned columns.

Rich's own layout measures and wraps every cell (most of a second for 290 rows) and, at
80 columns, cuts cells with "…" — including the names a user types back (a kommun, a
plugin, an indicator id, a file path). Here each cell is measured once, and when a table
is wider than the terminal it gives way in a fixed order:

1. columns added with ``overflow="crop"`` (``optional``: Län in the ranking) are dropped,
   last first;
2. left-aligned text columns are shortened with "…", widest first — but never a column
   added with ``no_wrap=True`` (``identifier``: names and ids the user types back), and
   never numbers (right-aligned);
3. what still does not fit is printed whole and the terminal wraps it.

A pipe or a file gets full-width lines and plain text, since nothing there wraps them.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

GAP = "  "
MIN_CUT = 8  # a shortened text column keeps at least this many cells


def identifier(table: Table, header: str, **kwargs: object) -> None:
    """A column of names or ids a user types back: never shortened."""
    table.add_column(header, no_wrap=True, **kwargs)  # type: ignore[arg-type]


def optional(table: Table, header: str, **kwargs: object) -> None:
    """A column that is left out first when the terminal is too narrow."""
    table.add_column(header, overflow="crop", **kwargs)  # type: ignore[arg-type]


def _text(cell: object) -> Text:
    if isinstance(cell, Text):
        return cell.copy()
    if isinstance(cell, str):
        return Text.from_markup(cell) if "[" in cell else Text(cell)
    return Text(str(cell))


def _cuttable(column: Column) -> bool:
    return not column.no_wrap and column.justify not in ("right", "center")


def fit(table: Table, widths: list[int], width: int) -> tuple[list[int], list[int]]:
    """(columns kept, their widths) so the table fits ``width`` cells if it can."""
    keep = list(range(len(widths)))
    widths = list(widths)

    def total() -> int:
        return sum(widths[i] for i in keep) + len(GAP) * (len(keep) - 1)

    for i in reversed(range(len(widths))):
        if total() <= width:
            break
        if table.columns[i].overflow == "crop":
            keep.remove(i)
    cut = [i for i in keep if _cuttable(table.columns[i])]
    while total() > width and cut:
        widest = max(cut, key=lambda i: widths[i])
        if widths[widest] <= MIN_CUT:
            break
        widths[widest] -= min(total() - width, widths[widest] - MIN_CUT)
    return keep, [widths[i] for i in keep]


def render(table: Table, console: Console) -> Text:
    """The table as one Text in the CLI's table style."""
    columns = table.columns
    heads = [_text(c.header) for c in columns]
    cells = [[_text(v) for v in c._cells] for c in columns]
    feet = [_text(c.footer or "") for c in columns] if table.show_footer else []
    natural = [max([cell_len(h.plain), *(cell_len(t.plain) for t in col)])
               for h, col in zip(heads, cells)]
    natural = [max(w, cell_len(f.plain)) for w, f in zip(natural, feet)] if feet else natural
    if console.is_terminal:
        keep, widths = fit(table, natural, console.width)
    else:
        keep, widths = list(range(len(columns))), natural
    justify = [columns[i].justify for i in keep]
    rows = [[heads[i] for i in keep]] if table.show_header else []
    rows += [[cells[i][r] for i in keep] for r in range(table.row_count)]
    head_lines = 1 if table.show_header else 0
    footer = [feet[i] for i in keep] if feet else None
    total = sum(widths) + len(GAP) * (len(widths) - 1)
    styled = console.is_terminal and not console.no_color
    out = Text(no_wrap=True, overflow="ignore")
    if table.title:
        out.append_text(_line_text(_text(table.title), styled, "bold"))
        out.append("\n")
    for n, row in enumerate(rows):
        line = Text()
        for k, (cell, w, j) in enumerate(zip(row, widths, justify)):
            line.append_text(_pad(_cut(cell, w), w, j))
            if k < len(row) - 1:
                line.append(GAP)
        line.rstrip()
        out.append_text(_line_text(line, styled, "bold" if n < head_lines else ""))
        out.append("\n")
        if n < head_lines:
            out.append_text(_line_text(Text("─" * total), styled, "dim"))
            out.append("\n")
    if footer is not None:
        out.append_text(_line_text(Text("─" * total), styled, "dim"))
        out.append("\n")
        line = Text(GAP).join(_pad(_cut(c, w), w, j) for c, w, j in zip(footer, widths, justify))
        line.rstrip()
        out.append_text(_line_text(line, styled, "bold"))
        out.append("\n")
    if table.caption:
        out.append_text(_line_text(_text(table.caption), styled, ""))
    out.rstrip()
    return out


def _line_text(text: Text, styled: bool, style: str) -> Text:
    if not styled:
        return Text(text.plain)
    if style:
        text.stylize(style)
    return text


def _cut(text: Text, width: int) -> Text:
    if cell_len(text.plain) <= width:
        return text
    cut = text.copy()
    cut.truncate(width, overflow="ellipsis")
    return cut


def _pad(text: Text, width: int, justify: str | None) -> Text:
    space = width - cell_len(text.plain)
    if space <= 0:
        return text
    if justify == "right":
        return Text.assemble(" " * space, text)
    if justify == "center":
        left = space // 2
        return Text.assemble(" " * left, text, " " * (space - left))
    return Text.assemble(text, " " * space)
