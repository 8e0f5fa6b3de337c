"""Parsing whole columns of published cells at once, for wide tables with many units.

:func:`hti_tui.data.tokens.parse_cell` reads one cell; a table of 100,000 units × 70
indicators has seven million of them, too many for a Python call each. Here Arrow
kernels do the common cases (plain numbers with a decimal comma or point, the
publisher tokens) and only the rare rest — thousands separators with dots, a trailing
``%``, a Unicode minus, text that is no number — goes through ``parse_cell`` itself,
so both paths give the same value, status and raw token for every cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from hti_tui.data.tokens import DEFAULT_TOKENS, INVALID, OK, parse_cell

_TRIM = " \u00a0\u202f\t\r\n"
_SPACES = r"[ \t\x{00a0}\x{202f}\x{2009}\x{2007}]"
_PLAIN = r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$"


@dataclass(frozen=True)
class ParsedColumn:
    values: pa.Array[Any]  # float64, null where missing
    status: pa.Array[Any]  # string
    raw: pa.Array[Any]  # string, the cell as published
    invalid: npt.NDArray[np.intp]  # positions of cells that are not numbers


def parse_column(cells: pa.Array[Any], tokens: Mapping[str, str] = DEFAULT_TOKENS) -> ParsedColumn:
    """Parse a column of cells exactly as :func:`parse_cell` would, cell by cell."""
    import pyarrow.compute as pc  # here, not at import: reading results never needs it

    if pa.types.is_integer(cells.type) or pa.types.is_floating(cells.type) \
            or pa.types.is_null(cells.type):
        return _numeric(cells, tokens)
    # the stubs type fill_null's result as array, scalar or chunked array: an array here
    text = cast("pa.StringArray", pc.fill_null(pc.cast(cells, pa.string()), pa.scalar("")))
    key = pc.utf8_trim(text, characters=_TRIM)
    token_keys = pa.array(list(tokens), pa.string())
    token_pos = pc.index_in(key, value_set=token_keys)
    is_token = pc.is_valid(token_pos)
    compact = pc.replace_substring_regex(key, _SPACES, "")
    plain = pc.and_(pc.invert(is_token), pc.match_substring_regex(compact, _PLAIN))
    pointed: pa.StringArray = pc.if_else(plain, pc.replace_substring(compact, ",", "."), None)
    numbers = pc.cast(pointed, pa.float64())
    finite = cast("pa.BooleanArray", pc.fill_null(pc.is_finite(numbers), pa.scalar(False)))
    ok = pc.and_(plain, finite)
    token_status = pc.take(pa.array(list(tokens.values()), pa.string()), token_pos)
    status: pa.StringArray = pc.if_else(ok, OK, token_status)
    values = np.where(np.asarray(ok.to_numpy(zero_copy_only=False), dtype=bool),
                      numbers.to_numpy(zero_copy_only=False), np.nan)
    status_np = np.asarray(status.to_numpy(zero_copy_only=False), dtype=object)
    rest = np.flatnonzero(pc.is_null(status).to_numpy(zero_copy_only=False))
    raw_np = np.asarray(cells.to_pylist() if len(rest) else [], dtype=object)
    for i in rest:  # the rare cells Arrow's fast path does not decide
        cell = parse_cell(raw_np[i], tokens)
        values[i] = np.nan if cell.value is None else cell.value
        status_np[i] = cell.status
    invalid = np.flatnonzero(status_np == INVALID)
    return ParsedColumn(pa.array(values, mask=np.isnan(values)),
                        pa.array(status_np, pa.string()), text, invalid)


def _numeric(cells: pa.Array[Any], tokens: Mapping[str, str]) -> ParsedColumn:
    """A typed column (Parquet): a value is a number; a null is an empty cell."""
    import pyarrow.compute as pc

    values = pc.cast(cells, pa.float64()).to_numpy(zero_copy_only=False).astype(float)
    bad = np.isinf(values)
    missing = np.isnan(values)
    status = np.full(len(values), OK, dtype=object)
    status[missing] = tokens.get("", "not_reported")
    status[bad] = INVALID
    clean = np.where(bad, np.nan, values)
    show = str if pa.types.is_integer(cells.type) else repr
    raw = [("" if v is None else show(v)) for v in cells.to_pylist()]
    return ParsedColumn(pa.array(clean, mask=np.isnan(clean)), pa.array(status, pa.string()),
                        pa.array(raw, pa.string()), np.flatnonzero(bad))
