"""``hti notes``: the data-quality notes the build kept (suppressed cells, unknown codes,
renamed columns …), worst first, so nothing the build handled is silently dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, emit
from hti_tui.cli.plain_table import identifier
from hti_tui.errors import place
from hti_tui.i18n import label, term
from hti_tui.query import project_info
from hti_tui.query.context import Index
from hti_tui.query.project_info import SEVERITIES

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers

COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("notes", help="data-quality notes of the build")
    p.add_argument("--year", type=int, help="only the notes feeding this index year")
    p.add_argument("--severity", choices=SEVERITIES, help="only notes of this severity")
    add_format(p)


def run(ctx: CliContext) -> int:
    ix = Index(ctx.project)  # what is built now; never builds
    rows = project_info.notes(ix, ctx.args.year, ctx.args.severity)

    lang = ctx.project.config.ui.language

    def table() -> Table:
        t = Table(title=label("notes_title", lang), title_justify="left",
                  caption=label("notes_count", lang).format(n=len(rows)), caption_justify="left")
        t.add_column(label("severity", lang))
        identifier(t, label("source", lang))
        t.add_column(label("period", lang), justify="right")
        identifier(t, label("file", lang))
        t.add_column(label("row", lang), justify="right")
        t.add_column(label("column", lang))
        t.add_column(label("message", lang))
        for n in rows:
            colour = COLOURS.get(n["severity"], "white")
            t.add_row(f"[{colour}]{term('sev', n['severity'], lang)}[/]", escape(n["source"]),
                      str(n["period"]), escape(place(n["file"] or "", lang)),
                      "" if n["row"] is None else str(n["row"]), escape(n["column"] or ""),
                      escape(n["message_sv"] if lang == "sv" else n["message"]))
        return t

    emit(ctx, rows, rows, False, table)
    return 0
