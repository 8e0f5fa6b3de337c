"""Export rows (the dicts the CLI's ``--format json`` prints) to CSV or Parquet.

The TUI's ``e`` and the CLI's ``--format csv`` write through here, so a file exported
from a screen has the same numbers as the command the status line names.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from hti_tui.data.parquet_store import write_table
from hti_tui.errors import UsageError

FORMATS = ("csv", "parquet")


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


def csv_text(rows: Sequence[dict[str, Any]]) -> str:
    """Rows as CSV with a header; numbers with a decimal point, missing as empty."""
    flat = [flatten(r) for r in rows]
    columns = list(dict.fromkeys(k for r in flat for k in r))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for r in flat:
        writer.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return buf.getvalue()


def export_rows(rows: Sequence[dict[str, Any]], path: Path, *, synthetic: bool,
                view: str) -> Path:
    """Write rows to ``path`` (.csv or .parquet); a ``synthetic`` column/flag travels along."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UsageError(f"cannot export to '.{fmt}'", hint="use a .csv or .parquet file name")
    rows = [{**r, "synthetic": synthetic} if "synthetic" not in r else r for r in rows]
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        path.write_text(csv_text(rows), encoding="utf-8")
    else:
        flat = [flatten(r) for r in rows]
        columns = list(dict.fromkeys(k for r in flat for k in r))
        table = pa.table({c: [r.get(c) for r in flat] for c in columns})
        write_table(table, path, {"kind": "export", "view": view, "synthetic": synthetic})
    return path
