"""Write small variants of publishers' files for bad-input tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook, load_workbook

Row = list[object]


def rewrite_xlsx(src: Path, dest: Path, change: Callable[[list[Row]], list[Row]]) -> Path:
    """Copy the first sheet's values through ``change`` into a new workbook."""
    wb = load_workbook(src, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    title = ws.title
    wb.close()
    out = Workbook()
    sheet = out.active
    sheet.title = title
    for row in change(rows):
        sheet.append(row)
    out.save(dest)
    return dest


def header_index(rows: list[Row], name: str) -> tuple[int, int]:
    """(row position, column position) of a header cell."""
    for i, row in enumerate(rows):
        if name in row:
            return i, row.index(name)
    raise AssertionError(f"no header {name!r}")


def row_of(rows: list[Row], code: str) -> int:
    for i, row in enumerate(rows):
        if code in row:
            return i
    raise AssertionError(f"no row for {code}")
