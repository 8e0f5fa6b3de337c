"""``hti sources``: every source file hti.toml names, by data year, with the provenance
its observations were built with (adapter, sha256, synthetic or not, rows)."""

from __future__ import annotations

import argparse
from typing import Any

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sources", help="source files by data year and their provenance")
    add_format(p)


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """A source row for CSV: the status counts as ``statuses.<status>`` columns."""
    out = {k: v for k, v in row.items() if k != "statuses"}
    out.update({f"statuses.{k}": v for k, v in row["statuses"].items()})
    return out


def run(ctx: CliContext) -> int:
    from hti_tui.facade import Facade

    f = Facade(ctx.project)  # what is built now; never builds
    rows = f.sources()

    def table() -> Table:
        t = Table(title="Sources", title_justify="left")
        for col in ("source", "period", "adapter", "file", "sha256", "synthetic", "rows",
                    "state"):
            t.add_column(col, justify="right" if col in ("period", "rows") else "left")
        for r in rows:
            if r["problem"]:
                state = f"[red]✗ {escape(r['problem'])}[/]"
            elif not r["exists"]:
                state = "[red]✗ file missing[/]"
            else:
                state = "[green]✓ built[/]" if r["built"] else "[yellow]○ not built[/]"
            synthetic = "–" if r["synthetic"] is None else ("yes" if r["synthetic"] else "no")
            t.add_row(escape(r["source"]), str(r["period"]), escape(r["adapter"]),
                      escape(r["file"] or "–"), r["sha256"] or "–", synthetic,
                      "–" if r["rows"] is None else str(r["rows"]), state)
        return t

    synthetic = any(r["synthetic"] for r in rows)
    emit(ctx, rows, [flat(r) for r in rows], synthetic, table)
    return 0
