"""--format table|csv|json for every command that prints results."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from rich.table import Table

from hti_tui.cli import plain_table
from hti_tui.cli.context import CliContext
from hti_tui.cli.render import banner, build_banner, print_json
from hti_tui.report.export import csv_text


def add_format(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format (default: table)")


def write_csv(rows: list[dict[str, Any]], stream: Any = None) -> str:
    text = csv_text(rows)
    (stream or sys.stdout).write(text)
    return text


def emit(ctx: CliContext, data: Any, rows: list[dict[str, Any]], synthetic: bool,
         table: Callable[[], Table | list[Any]]) -> None:
    """Print ``data`` as JSON, ``rows`` as CSV, or the rich ``table()`` renderables."""
    fmt = ctx.args.format
    warnings = ctx.build_warnings()
    if fmt == "json":
        build_banner(ctx.err, warnings)  # stderr: the JSON on stdout must stay parseable
        print_json(ctx.console, data)
    elif fmt == "csv":
        build_banner(ctx.err, warnings)
        write_csv(rows, ctx.console.file)
    else:
        language = ctx.project.config.ui.language
        build_banner(ctx.console, warnings)
        banner(ctx.console, synthetic, language)
        out = table()
        for item in out if isinstance(out, list) else [out]:
            fast = plain_table.render(item, ctx.console) if isinstance(item, Table) else None
            if fast is not None:
                ctx.console.print(fast, soft_wrap=True)
            else:
                ctx.console.print(item)
