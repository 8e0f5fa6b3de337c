"""--format table|csv|json for every command that prints results."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable
from typing import Any

from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.render import banner, print_json


def add_format(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format (default: table)")


def flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted columns (delindex.utforande) for CSV."""
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


def write_csv(rows: list[dict[str, Any]], stream: Any = None) -> str:
    """Rows as CSV with a header; numbers with a decimal point, missing as empty."""
    flat = [flatten(r) for r in rows]
    columns = list(dict.fromkeys(k for r in flat for k in r))
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for r in flat:
        writer.writerow({k: ("" if v is None else v) for k, v in r.items()})
    text = buf.getvalue()
    (stream or sys.stdout).write(text)
    return text


def emit(ctx: CliContext, data: Any, rows: list[dict[str, Any]], synthetic: bool,
         table: Callable[[], Table | list[Any]]) -> None:
    """Print ``data`` as JSON, ``rows`` as CSV, or the rich ``table()`` renderables."""
    fmt = ctx.args.format
    if fmt == "json":
        print_json(ctx.console, data)
    elif fmt == "csv":
        write_csv(rows, ctx.console.file)
    else:
        language = ctx.project.config.ui.language
        banner(ctx.console, synthetic, language)
        out = table()
        for item in out if isinstance(out, list) else [out]:
            ctx.console.print(item)
