"""``hti sources``: every source file hti.toml names, by data year, with the provenance
its observations were built with (adapter, sha256, synthetic or not, rows)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.cli.plain_table import identifier
from hti_tui.i18n import label
from hti_tui.query import project_info
from hti_tui.query.context import Index

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("sources", help="source files by data year and their provenance")
    add_format(p)


def flat(row: dict[str, Any]) -> dict[str, Any]:
    """A source row for CSV: the status counts as ``statuses.<status>`` columns."""
    out = {k: v for k, v in row.items() if k != "statuses"}
    out.update({f"statuses.{k}": v for k, v in row["statuses"].items()})
    return out


def run(ctx: CliContext) -> int:
    ix = Index(ctx.project)  # what is built now; never builds
    rows = project_info.sources(ix)

    lang = ctx.project.config.ui.language

    def table() -> Table:
        t = Table(title=label("sources", lang), title_justify="left")
        identifier(t, label("source", lang))
        t.add_column(label("period", lang), justify="right")
        identifier(t, label("adapter", lang))
        identifier(t, label("file", lang))  # a path the user opens
        for col in ("sha256", "synthetic_col"):
            t.add_column(label(col, lang))
        t.add_column(label("rows", lang), justify="right")
        t.add_column(label("state", lang))
        for r in rows:
            if r["problem"]:
                state = f"[red]✗ {escape(r['problem'])}[/]"
            elif not r["exists"]:
                state = f"[red]✗ {label('file_missing', lang)}[/]"
            else:
                state = (f"[green]✓ {label('built', lang)}[/]" if r["built"]
                         else f"[yellow]○ {label('not_built', lang)}[/]")
            synthetic = "–" if r["synthetic"] is None else label(
                "yes" if r["synthetic"] else "no", lang)
            t.add_row(escape(r["source"]), str(r["period"]), escape(r["adapter"]),
                      escape(r["file"] or "–"), r["sha256"] or "–", synthetic,
                      "–" if r["rows"] is None else str(r["rows"]), state)
        return t

    synthetic = any(r["synthetic"] for r in rows)
    emit(ctx, rows, [flat(r) for r in rows], synthetic, table)
    return 0
