"""--format table|csv|json for every command that prints results."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from hti_tui.cli import plain_table
from hti_tui.cli.context import CliContext
from hti_tui.cli.render import banner, build_banner, print_json
from hti_tui.data.clean import strip_controls
from hti_tui.report.export import csv_text


def add_format(p: argparse.ArgumentParser, choices: tuple[str, ...] = ("table", "csv", "json")
               ) -> None:
    """``--format table|csv|json`` and ``--json`` as its alias, on every command."""
    p.add_argument("--format", choices=choices, default="table",
                   help="output format (default: table)")
    p.add_argument("--json", dest="format", action="store_const", const="json",
                   help="the same as --format json")


def print_tables(console: Any, items: Any) -> None:
    """Print tables (in the CLI's one table style) and any other renderables in order."""
    for item in items if isinstance(items, list) else [items]:
        if isinstance(item, Table):
            without_controls(item)
            console.print(plain_table.render(item, console), soft_wrap=True)
        else:
            console.print(item)


def write_csv(rows: list[dict[str, Any]], stream: Any = None) -> str:
    text = csv_text(rows)
    (stream or sys.stdout).write(text)
    return text


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, Text) and _CONTROL.search(value.plain):
        value.plain = strip_controls(value.plain)
    return value


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def without_controls(table: Table) -> Table:
    """No control character of a data text (an ANSI escape that clears the screen or sets
    a hyperlink) reaches the terminal, whichever cell it is in. Markup in data is escaped
    where the cell is made (``rich.markup.escape``), as every command does."""
    table.title = _clean(table.title)
    table.caption = _clean(table.caption)
    for column in table.columns:
        column.header = _clean(column.header)
        column.footer = _clean(column.footer)
        column._cells = [_clean(c) for c in column._cells]
    return table


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
        # stderr, as with json and csv: a table saved with `> file` still warns the user
        build_banner(ctx.err, warnings)
        banner(ctx.console, synthetic, language)
        print_tables(ctx.console, table())


if TYPE_CHECKING:
    #: what ``add_parser(sub)`` of every command receives
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]
