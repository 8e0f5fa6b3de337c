"""xlsx faults of issue #13: each is a named error, or read correctly within bounds."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from hti_tui.data.readers import read_xlsx
from hti_tui.errors import DataError


def _book(path: Path, rows: list[list[object]], extra: dict[str, object] | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for ref, value in (extra or {}).items():
        ws[ref] = value
    wb.save(path)
    return path


def test_formula_without_a_saved_value_is_an_error(tmp_path: Path) -> None:
    # openpyxl saves formulas without their values, as a script-made file would be
    path = _book(tmp_path / "f.xlsx", [["Kommunkod", "Andel"], ["0114", 50], ["0180", "=B2*2"]])
    with pytest.raises(DataError) as info:
        read_xlsx(path, ["Kommunkod", "Andel"], display="raw/f.xlsx")
    message = info.value.describe()
    assert "raw/f.xlsx" in message and "B3" in message and "no saved value" in message


def test_duplicated_header_is_an_error_naming_both_columns(tmp_path: Path) -> None:
    path = _book(tmp_path / "d.xlsx", [["Kommunkod", "Andel", "Andel"], ["0114", 0, 91.5]])
    table = read_xlsx(path, ["Kommunkod"], display="raw/d.xlsx")
    with pytest.raises(DataError) as info:
        table.column("Andel")
    assert "B and C" in str(info.value) and info.value.row == 1


def test_huge_declared_extent_is_read_within_the_real_extent(tmp_path: Path) -> None:
    """One stray cell at XFD1048576 (a 5 KB file): before, 10,6 GB and a MemoryError."""
    path = _book(tmp_path / "h.xlsx", [["Kommunkod", "Andel"], ["0114", 91.5]],
                 {"XFD1048576": "x"})
    assert path.stat().st_size < 20_000
    table = read_xlsx(path, ["Kommunkod", "Andel"])
    assert [r[:2] for _, r in table.records()] == [["0114", 91.5]]
    assert max(len(r) for _, r in table.rows) <= 16_384 and len(table.rows) == 2
