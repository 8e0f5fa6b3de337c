"""The generic wide-table adapter: row numbers, duplicates, unknown units, odd cells."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from hti_tui.builtins.generic_table import read_generic
from hti_tui.data.observations import ReadContext
from hti_tui.data.registry import registry_from_ids
from hti_tui.errors import DataError

UNITS = registry_from_ids(["AUT", "BEL", "CHN"], ["Austria", "Belgium", "China"])


def read(path: Path, **options) -> tuple[pa.Table, ReadContext]:
    ctx = ReadContext(path=path, source="t", adapter="generic_table", period=2024, units=UNITS,
                      display_path=path.name,
                      options={"unit_column": "code", "skip_columns": ["name"], **options})
    read_generic(ctx)
    return ctx.obs.finish(), ctx


def rows(table: pa.Table) -> dict[tuple[str, str], tuple]:
    return {(r["unit_id"], r["measure"]): (r["value"], r["status"], r["raw"])
            for r in table.to_pylist()}


def test_semicolons_decimal_commas_tokens_and_synthetic_comment(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text("# SYNTETISKA DATA\ncode;name;a;b\nAUT;Austria;1,5;..\nBEL;Belgium;;x\n"
                 "CHN;China;1 234;7\n", encoding="utf-8")
    table, ctx = read(f)
    got = rows(table)
    assert got["AUT", "a"] == (1.5, "ok", "1,5")
    assert got["AUT", "b"] == (None, "suppressed", "..")
    assert got["BEL", "a"] == (None, "not_reported", "")
    assert got["CHN", "a"][0] == 1234.0
    assert ctx.synthetic and table.num_rows == 6


def test_invalid_cell_and_unknown_unit_are_noted_with_file_rows(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text("# note\ncode,name,a\nAUT,Austria,abc\nXXX,Nowhere,1\nBEL,Belgium,2\n",
                 encoding="utf-8")
    table, ctx = read(f)
    (invalid,) = [n for n in ctx.notes if n.code == "invalid_value"]
    assert (invalid.row, invalid.column) == (3, "a")
    (unknown,) = [n for n in ctx.notes if n.code == "unknown_unit"]
    assert (unknown.row, unknown.column) == (4, "code")
    assert set(table.column("unit_id").to_pylist()) == {"AUT", "BEL"}


def test_duplicate_unit_is_an_error_naming_both_rows(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text("code,name,a\nAUT,Austria,1\nBEL,Belgium,2\nAUT,Austria,3\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read(f)
    assert err.value.row == 4 and "first on row 2" in err.value.message


def test_blank_lines_keep_row_numbers_exact(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text("code,name,a\nAUT,Austria,1\n\nBEL,Belgium,zz\n", encoding="utf-8")
    _table, ctx = read(f)
    (invalid,) = [n for n in ctx.notes if n.code == "invalid_value"]
    assert invalid.row == 4


def test_ragged_row_names_its_row(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text("code,name,a\nAUT,Austria,1\nBEL,Belgium\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read(f)
    assert err.value.row == 3


def test_missing_unit_column(tmp_path: Path) -> None:
    f = tmp_path / "t.csv"
    f.write_text("kod,name,a\nAUT,Austria,1\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        read(f)
    assert err.value.column == "code" and err.value.row == 1


def test_parquet_with_typed_columns(tmp_path: Path) -> None:
    f = tmp_path / "t.parquet"
    pq.write_table(pa.table({"code": ["AUT", "BEL"], "name": ["Austria", "Belgium"],
                             "a": [1.5, None], "b": [3, 4]}), f)
    table, _ = read(f)
    got = rows(table)
    assert got["AUT", "a"] == (1.5, "ok", "1.5")
    assert got["BEL", "a"][1] == "not_reported"
    assert got["BEL", "b"] == (4.0, "ok", "4")
