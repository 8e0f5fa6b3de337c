"""A generic wide table as a source: one row per unit, one column per indicator.

This is how a non-HTI index gets its data in (for example COINr's ASEM example):
hti.toml names the file, and options say which column holds the unit code and,
for a panel, which holds the period. Every other column becomes a measure under
its own header name; cells are read with the same tokens as any publisher's.

Such tables can be large (100,000 units × 70 indicators), so cells are parsed a
column at a time with Arrow (:mod:`hti_tui.data.bulk`); only units, periods and
the rare odd cell are handled one by one.

Options (``[sources.<id>.options]``): ``unit_column`` (required), ``period_column``,
``skip_columns`` (list of headers that are not measures, e.g. names and groups).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, cast

import numpy as np
import pyarrow as pa

from hti_tui.data.bulk import parse_column
from hti_tui.data.observations import ReadContext
from hti_tui.data.readers import SYNTHETIC_MARK, decode_text, read_csv
from hti_tui.errors import DataError
from hti_tui.hookspecs import hookimpl
from hti_tui.specs import AdapterOption, AdapterSpec, SourceSpec

__version__ = "1.2"

#: the [sources.<id>.options] it reads
OPTIONS = (
    AdapterOption("unit_column", str, description="the header of the unit code column "
                                                  "(required)"),
    AdapterOption("period_column", str, description="the header of the period column, "
                                                    "for a panel"),
    AdapterOption("skip_columns", list, items=str,
                  description="headers that are not measures (names, groups)"),
)


class _Wide:
    """A wide table as Arrow columns, with the file row number of each data row."""

    def __init__(self, header: list[str], columns: Sequence[pa.Array[Any]], first_row: int,
                 rows: list[int] | None = None) -> None:
        self.header = header
        self.columns = columns
        self.first_row = first_row
        self.rows = rows

    def row(self, i: int) -> int:
        return self.rows[i] if self.rows is not None else self.first_row + i


def _read_parquet(ctx: ReadContext) -> _Wide:
    from hti_tui.data.parquet_store import read_table

    table = read_table(ctx.path)
    return _Wide(table.column_names, [c.combine_chunks() for c in table.columns], 2)


def _read_text(ctx: ReadContext, unit_column: str) -> _Wide:
    """Read with Arrow's CSV reader; fall back to the row-by-row reader for its errors."""
    import pyarrow.csv as pacsv

    try:
        data = ctx.path.read_bytes()
    except OSError as exc:
        raise ctx.error(f"cannot read the file: {exc.strerror}",
                        sv=f"filen kan inte läsas: {exc.strerror}") from None
    if b"\x00" in data[:4096]:
        raise ctx.error("binary data where a text file was expected",
                        sv="binära data där en textfil väntades")
    text, _enc = decode_text(data, ctx.display_path)
    lines = text.split("\n", 64)
    skip = next((i for i, ln in enumerate(lines) if not ln.startswith("#")), len(lines))
    if any(SYNTHETIC_MARK.search(ln) for ln in lines[:skip]):
        ctx.mark_synthetic()
    body = text.split("\n", skip)[-1] if skip else text
    sample = "\n".join(body.split("\n", 40)[:40])
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    header = next(csv.reader(io.StringIO(body.split("\n", 1)[0].rstrip("\r")),
                             delimiter=delimiter), [])
    if unit_column not in header:
        raise ctx.error(f"missing column '{unit_column}' (header has "
                        f"{', '.join(repr(h) for h in header)})", row=skip + 1,
                        column=unit_column,
                        sv=f"kolumnen '{unit_column}' saknas (rubrikraden har "
                           f"{', '.join(repr(h) for h in header)})")
    if "\n\n" in body.strip("\n") or len(set(header)) != len(header):
        return _slow(ctx, unit_column)  # keeps file row numbers exact around blank lines
    try:
        table = pacsv.read_csv(
            io.BytesIO(body.encode("utf-8")),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()), strings_can_be_null=False))
    except pa.ArrowInvalid:
        return _slow(ctx, unit_column)  # its error names the row
    return _Wide(header, [c.combine_chunks() for c in table.columns], skip + 2)


def _slow(ctx: ReadContext, unit_column: str) -> _Wide:
    sheet = read_csv(Path(ctx.path), [unit_column], display=ctx.display_path)
    if sheet.synthetic:
        ctx.mark_synthetic()
    data = [(n, r) for n, r in sheet.rows if any(str(v).strip() for v in r)]
    cols = [pa.array([r[j] if j < len(r) else None for _, r in data], pa.string())
            for j in range(len(sheet.header))]
    return _Wide(sheet.header, cols, sheet.header_row + 1, [n for n, _ in data])


def _periods(ctx: ReadContext, wide: _Wide, p: int | None, column: str | None) -> list[int]:
    if p is None:
        return [ctx.period] * len(wide.columns[0]) if wide.columns else []
    out = []
    for i, value in enumerate(wide.columns[p].to_pylist()):
        try:
            out.append(int(float(str(value).replace(",", "."))))
        except ValueError:
            raise ctx.error(f"period '{value}' is not a year", row=wide.row(i),
                            column=str(column), sv=f"perioden '{value}' är inget år") from None
    return out


def read_generic(ctx: ReadContext) -> None:
    unit_column = ctx.options.get("unit_column")
    if not isinstance(unit_column, str):
        raise ctx.error("the generic table needs options.unit_column in hti.toml",
                        sv="den generiska tabellen behöver options.unit_column i hti.toml")
    period_column = ctx.options.get("period_column")
    # options.skip_columns: hti.toml's list of column names
    skip = set(cast("Iterable[object]", ctx.options.get("skip_columns", []) or []))
    wide = _read_parquet(ctx) if ctx.path.suffix == ".parquet" else _read_text(ctx, unit_column)
    header = wide.header
    if unit_column not in header:
        raise ctx.error(f"missing column '{unit_column}'", row=1, column=unit_column,
                        sv=f"kolumnen '{unit_column}' saknas")
    u = header.index(unit_column)
    p = header.index(period_column) if isinstance(period_column, str) \
        and period_column in header else None
    if period_column and p is None:
        raise ctx.error(f"missing column '{period_column}'", row=1, column=str(period_column),
                        sv=f"kolumnen '{period_column}' saknas")
    periods = _periods(ctx, wide, p, period_column if isinstance(period_column, str) else None)
    keep: list[int] = []
    units: list[str] = []
    seen: dict[tuple[str, int], int] = {}
    for i, code in enumerate(wide.columns[u].to_pylist()):
        if code is None or not str(code).strip():
            ctx.note("a row without a unit code; skipped", row=wide.row(i), column=unit_column,
                     code="no_unit", sv="en rad utan enhetskod; hoppas över")
            continue
        unit = ctx.obs.unit(code, row=wide.row(i), column=unit_column)
        if unit is None:
            continue
        key = (unit, periods[i])
        if key in seen:
            raise DataError(f"unit {unit} appears twice for period {periods[i]} (first on row "
                            f"{seen[key]})", file=ctx.display_path, row=wide.row(i),
                            column=unit_column,
                            sv=f"enheten {unit} står två gånger för perioden {periods[i]} "
                               f"(först på rad {seen[key]})")
        seen[key] = wide.row(i)
        keep.append(i)
        units.append(unit)
    take = pa.array(np.asarray(keep, dtype=np.int64), pa.int64())
    unit_arr = pa.array(units, pa.string())
    period_arr = pa.array([periods[i] for i in keep], pa.int32())
    n = len(keep)
    for j, measure in enumerate(header):
        if j in (u, p) or measure in skip or not str(measure).strip():
            continue
        parsed = parse_column(wide.columns[j].take(take), ctx.obs.tokens)
        for k in parsed.invalid:
            raw = parsed.raw[int(k)].as_py()
            ctx.note(f"'{raw}' is not a number; kept as invalid", row=wide.row(keep[int(k)]),
                     column=str(measure), code="invalid_value",
                     sv=f"'{raw}' är inget tal; sparas som ogiltigt")
        ctx.obs.extend(pa.table({
            "unit_id": unit_arr, "period": period_arr,
            "source": pa.array([ctx.source] * n, pa.string()),
            "measure": pa.array([str(measure)] * n, pa.string()),
            "value": parsed.values, "status": parsed.status,
            "n": pa.nulls(n, pa.int32()), "raw": parsed.raw,
            "gender": pa.array(["T"] * n, pa.string())}))


@hookimpl
def hti_sources() -> list[SourceSpec]:
    return [SourceSpec(id="generic_table", name="Generic wide table", kind="table",
                       description="Any table of units × indicators named in hti.toml.")]


@hookimpl
def hti_adapters() -> list[AdapterSpec]:
    return [AdapterSpec(id="generic_table", source="*", read=read_generic,
                        path="{source}_{year}.csv", version=__version__,
                        options=OPTIONS,
                        description="Wide CSV or Parquet: a unit column, one column per measure.")]
