from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hti_tui.data.tokens import (
    INVALID,
    NOT_APPLICABLE,
    NOT_REPORTED,
    OK,
    SUPPRESSED,
    parse_cell,
    parse_yes_no,
)


@pytest.mark.parametrize(("cell", "value"), [
    ("12,5", 12.5), ("12.5", 12.5), ("1\u00a0234,5", 1234.5), ("1 234", 1234.0),
    ("1\u202f234,5", 1234.5), ("−3,2", -3.2), ("-3,2", -3.2), ("45 %", 45.0), ("45%", 45.0),
    ("1.234,5", 1234.5), ("1,234.5", 1234.5), (",5", 0.5), ("  7 ", 7.0), (3, 3.0),
    (2.5, 2.5), ("1e3", 1000.0), (True, 1.0),
])
def test_numbers(cell: object, value: float) -> None:
    parsed = parse_cell(cell)
    assert parsed.status == OK
    assert parsed.value == pytest.approx(value)


@pytest.mark.parametrize(("cell", "status"), [
    ("..", SUPPRESSED), ("-", SUPPRESSED), ("–", SUPPRESSED), ("x", SUPPRESSED),
    ("X", SUPPRESSED), ("*", SUPPRESSED), (".", NOT_APPLICABLE), ("", NOT_REPORTED),
    (None, NOT_REPORTED), ("  ", NOT_REPORTED), (float("nan"), NOT_REPORTED),
    ("abc", INVALID), ("12,5,3", INVALID), ("inf", INVALID), (float("inf"), INVALID),
    ("1 2 3,4,5", INVALID),
])
def test_tokens_keep_raw(cell: object, status: str) -> None:
    parsed = parse_cell(cell)
    assert parsed.status == status
    assert parsed.value is None
    if isinstance(cell, str):
        assert parsed.raw == cell


def test_yes_no() -> None:
    assert parse_yes_no("Ja").value == 1.0
    assert parse_yes_no(" nej ").value == 0.0
    assert parse_yes_no("Delvis").value == 0.5
    assert parse_yes_no("..").status == SUPPRESSED
    assert parse_yes_no("kanske").status == INVALID
    assert parse_yes_no(7).status == INVALID


@given(st.one_of(st.text(max_size=12), st.floats(allow_nan=True), st.integers(), st.none()))
def test_any_cell_is_a_number_or_a_status(cell: object) -> None:
    parsed = parse_cell(cell)
    if parsed.status == OK:
        assert parsed.value is not None and math.isfinite(parsed.value)
    else:
        assert parsed.value is None
    assert isinstance(parsed.raw, str)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
def test_swedish_notation_round_trips(x: float) -> None:
    text = f"{x:.3f}".replace(".", ",")
    assert parse_cell(text).value == pytest.approx(round(x, 3))
