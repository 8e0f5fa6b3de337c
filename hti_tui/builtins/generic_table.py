"""A generic wide table as a source: one row per unit, one column per indicator.

This is how a non-HTI index gets its data in (for example COINr's ASEM example):
hti.toml names the file, and options say which column holds the unit code and,
for a panel, which holds the period. Every other column becomes a measure under
its own header name; cells are read with the same tokens as any publisher's.

Options (``[sources.<id>.options]``): ``unit_column`` (required), ``period_column``,
``skip_columns`` (list of headers that are not measures, e.g. names and groups).
"""

from __future__ import annotations

from pathlib import Path

from hti_tui.data.observations import ReadContext
from hti_tui.data.readers import read_csv
from hti_tui.hookspecs import hookimpl
from hti_tui.specs import AdapterSpec, SourceSpec

__version__ = "1.0"


def _rows(ctx: ReadContext, unit_column: str) -> tuple[list[str], list[tuple[int, list[object]]]]:
    if ctx.path.suffix == ".parquet":
        from hti_tui.data.parquet_store import read_table

        table = read_table(ctx.path)
        header = table.column_names
        if unit_column not in header:
            raise ctx.error(f"missing column '{unit_column}'", column=unit_column)
        cols = [table.column(c).to_pylist() for c in header]
        return header, [(i + 1, list(r)) for i, r in enumerate(zip(*cols))]
    sheet = read_csv(Path(ctx.path), [unit_column], display=ctx.display_path)
    if sheet.synthetic:
        ctx.mark_synthetic()
    return sheet.header, sheet.rows


def read_generic(ctx: ReadContext) -> None:
    unit_column = ctx.options.get("unit_column")
    if not isinstance(unit_column, str):
        raise ctx.error("the generic table needs options.unit_column in hti.toml")
    period_column = ctx.options.get("period_column")
    skip = set(ctx.options.get("skip_columns", []) or [])  # type: ignore[arg-type]
    header, rows = _rows(ctx, unit_column)
    u = header.index(unit_column)
    p = header.index(period_column) if isinstance(period_column, str) and period_column in header \
        else None
    if period_column and p is None:
        raise ctx.error(f"missing column '{period_column}'", row=1, column=str(period_column))
    measures = [(i, h) for i, h in enumerate(header)
                if i not in (u, p) and h not in skip and str(h).strip()]
    for rownum, row in rows:
        if not any(v not in (None, "") for v in row):
            continue
        unit = ctx.obs.unit(row[u], row=rownum, column=unit_column)
        if unit is None:
            continue
        period = ctx.period
        if p is not None:
            try:
                period = int(float(str(row[p]).replace(",", ".")))
            except ValueError:
                raise ctx.error(f"period '{row[p]}' is not a year", row=rownum,
                                column=str(period_column)) from None
        for i, measure in measures:
            ctx.obs.add(unit, str(measure), row[i] if i < len(row) else None, row=rownum,
                        column=str(measure), period=period)


@hookimpl
def hti_sources() -> list[SourceSpec]:
    return [SourceSpec(id="generic_table", name="Generic wide table", kind="table",
                       description="Any table of units × indicators named in hti.toml.")]


@hookimpl
def hti_adapters() -> list[AdapterSpec]:
    return [AdapterSpec(id="generic_table", source="*", read=read_generic,
                        path="{source}_{year}.csv", version=__version__,
                        description="Wide CSV or Parquet: a unit column, one column per measure.")]
