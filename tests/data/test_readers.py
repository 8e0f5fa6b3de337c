from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from hti_tui.data.readers import header_key, read_csv, read_json, read_xlsx
from hti_tui.errors import DataError


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_xlsx_header_below_title_rows_and_footnotes(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "t.xlsx", [
        ["Vad tycker de äldre om äldreomsorgen? 2024"],
        ["SYNTETISKA DATA"],
        [],
        ["Kommunkod", "Kommun", "Andel"],
        ["0114", "Upplands Väsby", 91.5],
        ["0180", "Stockholm", ".."],
        [None, None, None],
        ["Anm: .. = färre än 30 svarande"],
    ])
    table = read_xlsx(path, ["Kommunkod", "Andel"])
    assert table.header_row == 4
    assert table.synthetic
    assert [r[0] for _, r in table.records(until_blank="Kommunkod")] == ["0114", "0180"]
    assert table.column("kommun") == 1  # case-insensitive


def test_xlsx_missing_column_names_file_row_column(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "t.xlsx", [["Title"], ["Kommunkod", "Kommun"], ["0114", "A"]])
    with pytest.raises(DataError) as info:
        read_xlsx(path, ["Kommunkod", "Andel positiva"], display="raw/t.xlsx")
    err = info.value
    assert err.file == "raw/t.xlsx" and err.row == 2 and err.column == "Andel positiva"


def test_truncated_xlsx_is_a_data_error(tmp_path: Path) -> None:
    good = _xlsx(tmp_path / "good.xlsx", [["Kommunkod"], ["0114"]])
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes()[:200])
    with pytest.raises(DataError, match=r"not a readable \.xlsx"):
        read_xlsx(bad, ["Kommunkod"])
    text = tmp_path / "text.xlsx"
    text.write_text("not a spreadsheet")
    with pytest.raises(DataError):
        read_xlsx(text, ["Kommunkod"])


def test_csv_encodings_and_delimiters(tmp_path: Path) -> None:
    path = tmp_path / "sa.csv"
    path.write_bytes("# syntetiska data\nKommunkod;Kommun;Antal\n1880;Örebro;1\u00a0234\n"
                     .encode("cp1252"))
    table = read_csv(path, ["Kommunkod", "Antal"])
    assert table.encoding == "cp1252"
    assert table.synthetic
    assert table.rows[0] == (3, ["1880", "Örebro", "1\u00a0234"])


def test_csv_ragged_row(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Kommunkod,Värde\n0114,1\n0180,2,3\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_csv(path, ["Kommunkod"])
    assert info.value.row == 3


def test_binary_where_text_expected(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00garbage")
    with pytest.raises(DataError, match="binary"):
        read_csv(path, ["Kommunkod"])


def test_json_syntax_error_names_line(tmp_path: Path) -> None:
    path = tmp_path / "k.json"
    path.write_text('{\n  "values": [\n    {"kpi": }\n  ]\n}', encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_json(path)
    assert info.value.row == 3


def test_header_key() -> None:
    assert header_key(" Kommun\u00a0kod ") == header_key("kommun kod")
    assert header_key("Andel – positiva") == header_key("andel - positiva")
