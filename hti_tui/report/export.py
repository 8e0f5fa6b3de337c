"""Export rows (the dicts the CLI's ``--format json`` prints) to CSV, Excel or Parquet.

The TUI's ``e`` and the CLI's ``--format csv`` write through here, so a file exported
from a screen has the same numbers as the command the status line names.

Every text cell is *formula-safe*: a cell that starts with ``= + - @`` (or a tab or
carriage return) is opened by Excel and LibreOffice as a formula, so a kommun or plugin
name like ``=HYPERLINK(…)`` would run; such a cell gets a leading apostrophe (OWASP's
advice for CSV injection). Numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from hti_tui.data.parquet_store import write_table
from hti_tui.errors import UsageError

#: format id → file extension. "excel" is CSV the way Swedish Excel opens it by double
#: click: semicolons, decimal commas and a UTF-8 byte-order mark (else å ä ö break).
FORMATS: dict[str, str] = {"csv": ".csv", "excel": ".csv", "xlsx": ".xlsx",
                           "parquet": ".parquet"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made inert ("'=1+1")."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted columns (``delindex.utforande``); lists are joined by |."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}."))
        elif isinstance(value, (list, tuple)):
            out[name] = "|".join("" if v is None else str(v) for v in value)
        else:
            out[name] = value
    return out


def _grid(rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """Column names (first appearance order) and formula-safe values, None for missing."""
    flat = [flatten(r) for r in rows]
    columns = list(dict.fromkeys(k for r in flat for k in r))
    return ([formula_safe(c) for c in columns],
            [[formula_safe(r.get(c)) for c in columns] for r in flat])


def _swedish(value: Any) -> Any:
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return value


def csv_text(rows: Sequence[dict[str, Any]], *, excel: bool = False) -> str:
    """Rows as CSV with a header, missing as empty. ``excel``: semicolons, decimal commas."""
    columns, values = _grid(rows)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if excel else ",", lineterminator="\n")
    writer.writerow(columns)
    for line in values:
        writer.writerow(["" if v is None else (_swedish(v) if excel else v) for v in line])
    return buf.getvalue()


def _write_xlsx(rows: Sequence[dict[str, Any]], path: Path, synthetic: bool, view: str
                ) -> None:
    from openpyxl import Workbook

    columns, values = _grid(rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(view[:31] or "hti")
    sheet.append(columns)
    for line in values:
        sheet.append(line)
    about = book.create_sheet("om")
    about.append(["view", view])
    about.append(["synthetic", synthetic])
    if synthetic:
        about.append(["note", "SYNTETISKA DATA / SYNTHETIC DATA: generated values, not "
                              "published ones. Open model, not SPF Seniorerna's index."])
    book.save(path)


def check_target(path: Path, protected: Iterable[Path]) -> None:
    """Refuse to write over the model or inside the project's data (a user typing a path
    in the export dialog must not replace ``datasets/reference/kommuner.csv``)."""
    target = path.expanduser().resolve()
    for place in protected:
        place = place.resolve()
        if target == place or (place.is_dir() and place in target.parents):
            raise UsageError(f"will not export to '{path}': it is part of the project "
                             f"({place})", hint="choose a file outside datasets/ and the "
                             "model (hti.toml, plugin directories)",
                             sv=f"exporterar inte till '{path}': den hör till projektet "
                                f"({place})", sv_hint="välj en fil utanför datasets/ och "
                             "modellen (hti.toml, pluginkataloger)")


def export_rows(rows: Sequence[dict[str, Any]], path: Path, *, synthetic: bool,
                view: str, fmt: str | None = None, protected: Iterable[Path] = ()) -> Path:
    """Write rows to ``path``; ``fmt`` (csv, excel, xlsx, parquet) defaults to the
    extension. A ``synthetic`` column travels along so the file says what it holds."""
    fmt = fmt or path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UsageError(f"cannot export to '{path.suffix or path.name}'",
                         hint="use a .csv, .xlsx or .parquet file name",
                         sv=f"kan inte exportera till '{path.suffix or path.name}'",
                         sv_hint="ange ett filnamn som slutar på .csv, .xlsx eller .parquet")
    check_target(path, protected)
    rows = [{**r, "synthetic": synthetic} if "synthetic" not in r else r for r in rows]
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        path.write_text(csv_text(rows), encoding="utf-8")
    elif fmt == "excel":
        path.write_text(csv_text(rows, excel=True), encoding="utf-8-sig")
    elif fmt == "xlsx":
        _write_xlsx(rows, path, synthetic, view)
    else:
        flat = [flatten(r) for r in rows]
        columns = list(dict.fromkeys(k for r in flat for k in r))
        table = pa.table({c: [formula_safe(r.get(c)) for r in flat] for c in columns})
        write_table(table, path, {"kind": "export", "view": view, "synthetic": synthetic})
    return path


def protected_paths(config: Any) -> list[Path]:
    """What an export must never replace: the model, its data and its plugins."""
    places = [config.path, config.root / "datasets", config.paths.raw,
              config.paths.observations, config.paths.results, config.paths.quality,
              config.units.registry, *config.plugins.directories]
    if config.units.code_changes is not None:
        places.append(config.units.code_changes)
    return [Path(p) for p in places]
