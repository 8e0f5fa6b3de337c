"""Reading publishers' tables: title rows above the header, footnotes below.

Published spreadsheets are made for people: a few title lines, then the header, the
data, and notes at the bottom. :func:`read_xlsx` and :func:`read_csv` find the header
row by the columns the adapter asks for, so a title line more or less does not
break an adapter, and :class:`SheetTable` names file, row and column in every error.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hti_tui.errors import DataError

SYNTHETIC_MARK = re.compile(r"syntetisk|synthetic", re.IGNORECASE)


def header_key(text: object) -> str:
    """Compare headers loosely: case, spacing, non-breaking spaces and dashes."""
    t = "" if text is None else str(text)
    t = t.replace("\u00a0", " ").replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", t).strip().casefold()


_NOTE_START = re.compile(
    r"^\s*(källa|kalla|source|anm|not\b|notes?:|fotnot|förklaring|teckenförklaring|"
    r"uppgifterna|\.\.\s*=|[-x*–]\s*=|syntetisk|synthetic|publicerad)", re.IGNORECASE)
_CODE_LIKE = re.compile(r"[\d\s\u00a0.,:;%+-]*")


def _filled(row: Sequence[Any]) -> list[Any]:
    return [v for v in row if v not in (None, "") and not (isinstance(v, str) and not v.strip())]


def is_blank(row: Sequence[Any]) -> bool:
    return not _filled(row)


def is_note(row: Sequence[Any]) -> bool:
    """A footnote or title line rather than data: its first filled cell starts like a note
    ("Källa:", "Anm.", ".. = färre än …"), or it is one cell of text that is not a code or
    a number. A data row has a unit code and values in several cells."""
    filled = _filled(row)
    if not filled:
        return False
    first = filled[0]
    if isinstance(first, str) and _NOTE_START.match(first):
        return True
    return len(filled) == 1 and isinstance(first, str) and not _CODE_LIKE.fullmatch(first)


@dataclass
class SheetTable:
    """A table read from a published file; rows keep their 1-based row number in the file."""

    file: str
    header_row: int
    header: list[str]
    rows: list[tuple[int, list[Any]]]
    above: list[str] = field(default_factory=list)
    synthetic: bool = False
    encoding: str = "utf-8"

    def column(self, *names: str, required: bool = True) -> int | None:
        """Index of the header matching one of ``names`` (a column's names over the years).

        A header that appears twice is an error: taking the first match silently read
        the wrong column (all zeros) in a file with a duplicated header.
        """
        keys = [header_key(h) for h in self.header]
        for name in names:
            key = header_key(name)
            if key in keys:
                where = [i for i, k in enumerate(keys) if k == key]
                if len(where) > 1:
                    cols = " and ".join(_letter(i) for i in where)
                    raise DataError(f"the header '{self.header[where[0]]}' appears "
                                    f"{len(where)} times (columns {cols}); which one holds "
                                    "the values is not known", file=self.file,
                                    row=self.header_row, column=self.header[where[0]],
                                    sv=f"rubriken '{self.header[where[0]]}' står {len(where)} "
                                       f"gånger (kolumn {cols.replace(' and ', ' och ')}); "
                                       "vilken som har värdena går inte att veta")
                return where[0]
        if required:
            found = ", ".join(f"'{h}'" for h in self.header if str(h).strip())
            wanted = " / ".join(repr(n) for n in names)
            raise DataError(f"missing column {wanted} (header has {found})",
                            file=self.file, row=self.header_row, column=names[0],
                            sv=f"kolumnen {wanted} saknas (rubrikraden har {found})")
        return None

    def columns(self, spec: Mapping[str, str | Sequence[str]], *,
                optional: Sequence[str] = ()) -> dict[str, int]:
        """Indices for a mapping of field → header name(s); missing required ones raise."""
        out: dict[str, int] = {}
        for key, names in spec.items():
            alts = (names,) if isinstance(names, str) else tuple(names)
            idx = self.column(*alts, required=key not in optional)
            if idx is not None:
                out[key] = idx
        return out

    def records(self, until_blank: str | None = None) -> Iterator[tuple[int, list[Any]]]:
        """The data rows, wherever they are in the sheet.

        Footnotes are recognised by their content (:func:`is_note`: one cell of prose, or
        a row starting "Källa", "Anm", ".. =" …), never by position: a blank row in the
        middle of a table is skipped, and the kommuner after it are still read. With
        ``until_blank``, a row whose that column is empty is not data either.
        """
        stop = self.column(until_blank) if until_blank else None
        for rownum, row in self.rows:
            if is_blank(row) or is_note(row):
                continue
            if stop is not None and (stop >= len(row) or row[stop] in (None, "")):
                continue
            yield rownum, row

    def cell(self, row: list[Any], index: int) -> Any:
        return row[index] if index < len(row) else None


def _letter(index: int) -> str:
    """Spreadsheet column letter of a 0-based index (A, B, …, AA)."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _find_header(file: str, rows: list[tuple[int, list[Any]]], required: Sequence[Sequence[str]],
                 scan: int = 30) -> int:
    """Position in ``rows`` of the first row that holds every required column."""
    wanted = [{header_key(n) for n in alts} for alts in required]
    best: tuple[int, int] = (-1, -1)
    for pos, (_, row) in enumerate(rows[:scan]):
        keys = {header_key(v) for v in row}
        hits = sum(1 for w in wanted if w & keys)
        if hits == len(wanted):
            return pos
        if hits > best[1]:
            best = (pos, hits)
    shown = [repr(next(iter(alts))) for alts in required]
    names = " and ".join(shown[:3]) + (f" and {len(shown) - 3} more" if len(shown) > 3 else "")
    if best[1] > 0:
        rownum, row = rows[best[0]]
        keys = {header_key(v) for v in row}
        missing = [alts[0] for alts, w in zip(required, wanted) if not w & keys]
        absent = " / ".join(repr(m) for m in missing)
        raise DataError(f"missing column {absent} in the header",
                        file=file, row=rownum, column=missing[0],
                        sv=f"kolumnen {absent} saknas i rubrikraden")
    namn = " och ".join(shown[:3]) + (f" och {len(shown) - 3} till" if len(shown) > 3 else "")
    raise DataError(f"no header row with {names} in the first {scan} rows", file=file,
                    sv=f"ingen rubrikrad med {namn} bland de första {scan} raderna")


def _alts(required: Sequence[str | Sequence[str]]) -> list[tuple[str, ...]]:
    return [(r,) if isinstance(r, str) else tuple(r) for r in required]


def _table(file: str, rows: list[tuple[int, list[Any]]], required: Sequence[str | Sequence[str]],
           encoding: str = "utf-8") -> SheetTable:
    if not rows:
        raise DataError("the file has no rows", file=file, sv="filen har inga rader")
    pos = _find_header(file, rows, _alts(required))
    header_row, header = rows[pos]
    above = [" ".join(str(v) for v in r if v not in (None, "")) for _, r in rows[:pos]]
    below = rows[pos + 1:]
    text = " ".join(above) + " " + " ".join(
        str(v) for _, r in below[-15:] for v in r if isinstance(v, str))
    return SheetTable(file=file, header_row=header_row,
                      header=["" if h is None else str(h).strip() for h in header],
                      rows=below, above=above, synthetic=bool(SYNTHETIC_MARK.search(text)),
                      encoding=encoding)


def read_xlsx(path: Path, required: Sequence[str | Sequence[str]], *, sheet: str | None = None,
              display: str | None = None) -> SheetTable:
    """Read a sheet of an .xlsx file (first sheet unless named) as a :class:`SheetTable`."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    file = display or str(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DataError(f"not a readable .xlsx file ({type(exc).__name__}: {exc})",
                        file=file,
                        sv=f"ingen läsbar .xlsx-fil ({type(exc).__name__}: {exc})") from None
    try:
        if sheet is not None and sheet not in wb.sheetnames:
            raise DataError(f"no sheet named '{sheet}' (sheets: {', '.join(wb.sheetnames)})",
                            file=file, sv=f"inget blad heter '{sheet}' (blad: "
                                          f"{', '.join(wb.sheetnames)})")
        ws = wb[sheet] if sheet else wb.worksheets[0]
        rows = _sheet_rows(ws, file)
        worksheet_path = getattr(ws, "_worksheet_path", None)
    finally:
        wb.close()
    if worksheet_path:
        _check_formulas(path, worksheet_path, sheet, rows, file)
    return _table(file, rows, required)


MAX_ROWS = 500_000  # rows with content; a publisher's table has a few thousand


def _sheet_rows(ws: Any, file: str) -> list[tuple[int, list[Any]]]:
    """The rows that hold something, bounded by the sheet's real extent.

    A sheet may declare a huge extent (one stray cell at XFD1048576, 37 KB on disk):
    read as declared, every row is padded to 16 384 cells and the reader needs gigabytes.
    So the declared dimensions are ignored, empty rows are dropped (each kept row keeps
    its row number in the file) and trailing empty cells are trimmed.
    """
    ws.reset_dimensions()
    rows: list[tuple[int, list[Any]]] = []
    for i, r in enumerate(ws.iter_rows(values_only=True), start=1):
        if not r:
            continue
        values = list(r)
        while values and values[-1] in (None, ""):
            values.pop()
        if values:
            rows.append((i, values))
            if len(rows) > MAX_ROWS:
                raise DataError(f"more than {MAX_ROWS:,} rows with content; not a "
                                "publisher's table", file=file, row=i,
                                sv=f"mer än {MAX_ROWS:,} rader med innehåll; ingen "
                                   "publicerad tabell".replace(",", " "))
    return rows


def _check_formulas(path: Path, worksheet_path: str, sheet: str | None,
                    rows: list[tuple[int, list[Any]]], file: str) -> None:
    """A formula cell whose value was never saved reads as blank — a kommun would become
    ``not_reported`` without a word. Such a file is an error naming the cells."""
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read(worksheet_path.lstrip("/"))
    except (KeyError, OSError, zipfile.BadZipFile):
        return
    if b"<f>" not in xml and b"<f " not in xml:
        return
    values = {i: r for i, r in rows}
    wb = load_workbook(path, read_only=True, data_only=False)
    try:
        ws = wb[sheet] if sheet else wb.worksheets[0]
        ws.reset_dimensions()
        missing = []
        for i, r in enumerate(ws.iter_rows(values_only=True), start=1):
            saved = values.get(i, [])
            for j, cell in enumerate(r or ()):
                if isinstance(cell, str) and cell.startswith("=") and (
                        j >= len(saved) or saved[j] in (None, "")):
                    missing.append(f"{get_column_letter(j + 1)}{i}")
    finally:
        wb.close()
    if missing:
        more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        mer = f" och {len(missing) - 5} till" if len(missing) > 5 else ""
        raise DataError(f"{len(missing)} formula cell(s) have no saved value "
                        f"({', '.join(missing[:5])}{more}): they would read as blank",
                        file=file, hint="open the file in Excel or LibreOffice and save it, "
                        "so the computed values are stored",
                        sv=f"{len(missing)} formelcell(er) saknar sparat värde "
                           f"({', '.join(missing[:5])}{mer}): de skulle läsas som tomma",
                        sv_hint="öppna filen i Excel eller LibreOffice och spara den, så att "
                                "de uträknade värdena lagras")


def decode_text(data: bytes, file: str, encodings: Sequence[str] = ("utf-8-sig", "cp1252")
                ) -> tuple[str, str]:
    """Decode with the first encoding that fits; report the position if none does."""
    first_error: UnicodeDecodeError | None = None
    for enc in encodings:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
    assert first_error is not None
    line = data[: first_error.start].count(b"\n") + 1
    raise DataError(f"cannot decode the text as {' or '.join(encodings)} "
                    f"(byte {first_error.start})", file=file, row=line,
                    sv=f"texten kan inte avkodas som {' eller '.join(encodings)} "
                       f"(byte {first_error.start})")


def read_csv(path: Path, required: Sequence[str | Sequence[str]], *,
             delimiter: str | None = None, display: str | None = None,
             encodings: Sequence[str] = ("utf-8-sig", "cp1252")) -> SheetTable:
    """Read a delimited text file; ``#`` lines before the header are kept as title text."""
    file = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror}", file=file,
                        sv=f"filen kan inte läsas: {exc.strerror}") from None
    if b"\x00" in data[:4096]:
        raise DataError("binary data where a text file was expected", file=file,
                        sv="binära data där en textfil väntades")
    text, enc = decode_text(data, file, encodings)
    lines = text.splitlines()
    if delimiter is None:
        sample = "\n".join(ln for ln in lines[:40] if not ln.startswith("#"))
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    comments = [(i, [ln.lstrip("# ")]) for i, ln in enumerate(lines, start=1) if ln.startswith("#")]
    body_start = len(comments) if all(i == k + 1 for k, (i, _) in enumerate(comments)) else 0
    reader = csv.reader(io.StringIO("\n".join(lines[body_start:])), delimiter=delimiter)
    try:
        body = [(i, row) for i, row in enumerate(reader, start=body_start + 1)]
    except csv.Error as exc:
        raise DataError(f"malformed CSV: {exc}", file=file,
                        sv=f"felformad CSV: {exc}") from None
    table = _table(file, comments[:body_start] + body, required, enc)
    for rownum, row in table.rows:
        if row and any(v.strip() for v in row) and len(row) != len(table.header):
            raise DataError(f"expected {len(table.header)} fields, found {len(row)}",
                            file=file, row=rownum,
                            sv=f"väntade {len(table.header)} fält, fann {len(row)}")
    return table


def read_json(path: Path, display: str | None = None) -> Any:
    """Parse a JSON file, naming line and column of a syntax error."""
    file = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cannot read the file: {exc.strerror}", file=file,
                        sv=f"filen kan inte läsas: {exc.strerror}") from None
    text, _ = decode_text(data, file, ("utf-8-sig",))
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"invalid JSON: {exc.msg} (column {exc.colno})", file=file,
                        row=exc.lineno,
                        sv=f"ogiltig JSON: {exc.msg} (kolumn {exc.colno})") from None
