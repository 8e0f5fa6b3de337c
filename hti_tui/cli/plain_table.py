"""A fast renderer for long tables (the ranking of 290 kommuner, or 10,000 units).

Rich measures and wraps every cell, which costs most of a second for 290 rows × 11
columns; ``hti rank`` should answer in well under that. Here each cell is measured once
as text and padded; styles (▲ in green, bold headers) are kept. When the table is
wider than a terminal, Rich's own layout (which wraps and shortens cells) is used; a
pipe or file gets the full-width lines, since nothing there wraps them.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

#: tables with fewer rows go through Rich: the saving is small and Rich handles edge cases
MIN_ROWS = 40
GAP = "  "


def _text(cell: object) -> Text:
    if isinstance(cell, Text):
        return cell.copy()
    if isinstance(cell, str):
        return Text.from_markup(cell) if "[" in cell else Text(cell)
    return Text(str(cell))


def render(table: Table, console: Console) -> Text | None:
    """The table as one Text, or None when Rich should lay it out."""
    if table.row_count < MIN_ROWS:
        return None
    columns = table.columns
    heads = [_text(c.header) for c in columns]
    cells = [[_text(v) for v in c._cells] for c in columns]
    widths = [max([cell_len(h.plain), *(cell_len(t.plain) for t in col)])
              for h, col in zip(heads, cells)]
    total = sum(widths) + len(GAP) * (len(widths) - 1)
    if total > console.width and console.is_terminal:
        return None
    if console.no_color or not console.is_terminal:  # a pipe keeps no styles: plain strings
        return _plain(table, heads, cells, widths, total)
    out = Text(no_wrap=True, overflow="ignore")
    if table.title:
        out.append_text(_text(table.title))
        out.stylize("bold")
        out.append("\n")
    line = Text(style="bold")
    for i, (head, column) in enumerate(zip(heads, columns)):
        line.append_text(_pad(head, widths[i], column.justify))
        line.append(GAP if i < len(columns) - 1 else "")
    out.append_text(line)
    out.append("\n" + "─" * total + "\n", style="dim")
    for r in range(table.row_count):
        for i, column in enumerate(columns):
            out.append_text(_pad(cells[i][r], widths[i], column.justify))
            if i < len(columns) - 1:
                out.append(GAP)
        out.append("\n")
    if table.caption:
        out.append_text(_text(table.caption))
    out.rstrip()
    return out


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


def _plain(table: Table, heads: list[Text], cells: list[list[Text]], widths: list[int],
           total: int) -> Text:
    justify = [c.justify for c in table.columns]

    def line(values: list[str]) -> str:
        return GAP.join(v.rjust(w) if j == "right" else v.ljust(w)
                        for v, w, j in zip(values, widths, justify)).rstrip()

    out = [_text(table.title).plain] if table.title else []
    out.append(line([h.plain for h in heads]))
    out.append("─" * total)
    out += [line([col[r].plain for col in cells]) for r in range(table.row_count)]
    if table.caption:
        out.append(_text(table.caption).plain)
    return Text("\n".join(out), no_wrap=True, overflow="ignore")
