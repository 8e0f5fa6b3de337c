"""What every adapter of a published wide table does, written once.

Publishers' tables share a shape: one row per kommun (plus aggregate rows for the
whole country and each län), one column per question. An adapter only says which
header holds which measure; :func:`add_wide_rows` does the careful part — skip the
aggregates, resolve the code, keep respondent counts, parse every cell — so that
the five source plugins stay declarations a maintainer can swap each year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from hti_tui.data.observations import CellParser, ReadContext
from hti_tui.data.readers import SheetTable

#: header name(s) per measure; a tuple lists a column's names over the years
Columns = Mapping[str, str | Sequence[str]]


def is_aggregate_code(code: object) -> bool:
    """Riket (``00``/``0000``), a län (``01``–``25``) or a Kolada region (``0001``–``0025``).

    Real kommun codes have four digits and never start with ``00``; aggregate rows are
    the publishers' own sums and are skipped on purpose, not reported as unknown.
    """
    if code is None:
        return False
    if isinstance(code, float) and code.is_integer():
        code = int(code)
    text = str(code).strip().replace("\u00a0", "")
    if not text.isdigit():
        return False
    return len(text) <= 2 or (len(text) == 4 and text.startswith("00"))


def add_wide_rows(ctx: ReadContext, sheet: SheetTable, *, unit: str | Sequence[str],
                  measures: Columns, count: str | Sequence[str] | None = None,
                  count_measure: str | None = None,
                  parsers: Mapping[str, CellParser] | None = None) -> int:
    """Add one observation per (kommun row, measure column); returns kommun rows read.

    ``count`` names the respondents column: its value becomes ``n`` of every value of
    the row and, with ``count_measure``, a measure of its own. A missing column raises
    a :class:`DataError` naming file, header row and column. A row without a code is
    noted and skipped.
    """
    unit_names = (unit,) if isinstance(unit, str) else tuple(unit)
    u = sheet.column(*unit_names)
    assert u is not None
    unit_header = sheet.header[u]
    cols = sheet.columns(measures)
    c = sheet.column(*((count,) if isinstance(count, str) else tuple(count))) \
        if count is not None else None
    parsers = parsers or {}
    kommuner = 0
    for rownum, row in sheet.records():
        code = sheet.cell(row, u)
        if code in (None, "") or (isinstance(code, str) and not code.strip()):
            ctx.note("a row without a kommun code; skipped", row=rownum, column=unit_header,
                     code="no_unit", sv="en rad utan kommunkod; hoppas över")
            continue
        if is_aggregate_code(code):
            continue
        kommun = ctx.obs.unit(code, row=rownum, column=unit_header)
        if kommun is None:
            continue
        kommuner += 1
        n = sheet.cell(row, c) if c is not None else None
        if c is not None and count_measure:
            ctx.obs.add(kommun, count_measure, n, row=rownum, column=sheet.header[c], n=n)
        for measure, index in cols.items():
            ctx.obs.add(kommun, measure, sheet.cell(row, index), row=rownum,
                        column=sheet.header[index], n=n, parser=parsers.get(measure))
    if sheet.synthetic:
        ctx.mark_synthetic()
    return kommuner


def sheet_option(ctx: ReadContext) -> str | None:
    """The sheet hti.toml names in ``options.sheet``; None reads the first sheet.

    Anything but a sheet name is an error, never "no sheet given": reading the first
    sheet instead of the one meant would give the wrong numbers without a word.
    """
    name = ctx.options.get("sheet")
    if name is None:
        return None
    if not isinstance(name, str) or not name.strip():
        raise ctx.error(f"hti.toml [sources.{ctx.source}.options] sheet must be the name of a "
                        f"sheet of the workbook, not {name!r}",
                        sv=f"hti.toml [sources.{ctx.source}.options] sheet måste vara namnet på "
                           f"ett blad i arbetsboken, inte {name!r}")
    return name


def required_headers(unit: str | Sequence[str], measures: Columns) -> list[str | Sequence[str]]:
    """The headers a reader must find to accept a row as the header row."""
    return [unit, *measures.values()]
