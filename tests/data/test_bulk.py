"""The column-at-a-time parser gives exactly what the cell-by-cell parser gives."""

from __future__ import annotations

import math

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from hti_tui.data.bulk import parse_column
from hti_tui.data.tokens import parse_cell

CELLS = st.one_of(
    st.sampled_from(["..", ".", "-", "–", "x", "*", "", " ", "1 234", "1\u00a0234,5", "12,5",
                     "12.5", "-3", "+3", "1e3", "1e400", "NaN", "inf", "Ja", ",5", "1.",
                     "1.234,5", "1,234.5", "7%", "\u22123", " 4 ", "0012"]),
    st.text(alphabet="0123456789,.-+e %\u00a0x*", max_size=7),
    st.text(max_size=5),
    st.none(),
)


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-12) or a == b


@settings(max_examples=300, deadline=None)
@given(st.lists(CELLS, min_size=1, max_size=20))
def test_text_column_matches_parse_cell(cells: list[str | None]) -> None:
    parsed = parse_column(pa.array(cells, pa.string()))
    values = parsed.values.to_pylist()
    for i, cell in enumerate(cells):
        one = parse_cell("" if cell is None else cell)
        assert parsed.status[i].as_py() == one.status, cell
        assert same(values[i], one.value), cell
        assert parsed.raw[i].as_py() == one.raw
    assert sorted(parsed.invalid.tolist()) == [i for i, c in enumerate(cells)
                                              if parse_cell("" if c is None else c).status
                                              == "invalid"]


def test_typed_columns_from_parquet() -> None:
    parsed = parse_column(pa.array([1.5, None, float("inf")]))
    assert parsed.values.to_pylist() == [1.5, None, None]
    assert parsed.status.to_pylist() == ["ok", "not_reported", "invalid"]
    assert parse_column(pa.array([3, None])).raw.to_pylist() == ["3", ""]
