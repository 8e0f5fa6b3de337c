"""``hti validate``: check hti.toml, plugins, raw files, the registry and built files."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format
from hti_tui.cli.render import print_json, print_notes
from hti_tui.errors import HtiError, Note

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("validate", help="check the project; exit 0 only when nothing is wrong")
    add_format(p, ("table", "json"))
    p.add_argument("--all", action="store_true", help="list every note, not only the first 50")
    p.add_argument("--strict", action="store_true", help="warnings count as problems too")
    p.add_argument("--kolada", action="store_true", help="also check every mapped Kolada KPI "
                   "(title, unit, discontinued) against Kolada's metadata, cached in "
                   "datasets/raw/kolada/ after the first fetch")
    p.add_argument("--base-url", metavar="URL", help="Kolada API root for --kolada (default: "
                   "hti.toml [sources.kolada.options] base_url)")


def run(ctx: CliContext) -> int:
    from hti_tui.pipeline.validate import validate

    try:
        project = ctx.project
    except HtiError as exc:  # hti.toml itself is broken: that is the finding
        notes = [Note(exc.file or "hti.toml", getattr(exc, "line", None), None,
                      exc.describe(), "error", "config", exc.describe("sv"))]
    else:
        notes = validate(project)
        if ctx.args.kolada:
            from hti_tui.kolada.check_model import kolada_notes

            notes += kolada_notes(project, ctx.args.base_url)
    kinds = Counter(n.severity for n in notes)
    failing = kinds["error"] + (kinds["warning"] if ctx.args.strict else 0)
    if ctx.args.format == "json":
        print_json(ctx.console, {"ok": failing == 0, "counts": dict(kinds), "notes": [
            {"file": n.file, "row": n.row, "column": n.column, "severity": n.severity,
             "code": n.code, "message": n.message, "message_sv": n.text("sv")} for n in notes]})
        return 1 if failing else 0
    lang = ctx.language
    print_notes(ctx.console, notes, limit=len(notes) if ctx.args.all else 50, language=lang)
    summary = (f"{kinds['error']} problem, {kinds['warning']} varningar, "
               f"{kinds['info']} informationsanteckningar" if lang == "sv" else
               f"{kinds['error']} problem(s), {kinds['warning']} warning(s), "
               f"{kinds['info']} info note(s)")
    if failing:
        ctx.console.print(f"[bold red]✗[/] {summary}")
        return 1
    ctx.console.print(f"[bold green]✓[/] {'giltig' if lang == 'sv' else 'valid'} — {summary}")
    return 0
