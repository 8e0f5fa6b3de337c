"""``hti plugins``: every plugin, where it came from, its version, hooks and status."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from hti_tui.cli.context import CliContext
from hti_tui.cli.output import add_format, print_tables
from hti_tui.cli.plain_table import identifier
from hti_tui.cli.render import print_json
from hti_tui.i18n import choose, label, term

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers

#: what a plugin declares, one and many; its origin and status (JSON keeps the ids)
WORDS = {
    "loaded": ("laddad", "loaded"), "disabled": ("avstängd", "disabled"),
    "failed": ("fungerar inte", "failed"),
    "n_failed": ("{n} plugin fungerar inte; de andra används.",
                 "{n} plugin(s) failed; the others are in use."),
    "error": ("fel", "error"),
}


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("plugins", help="list loaded plugins and any that failed")
    add_format(p, ("table", "json"))


def run(ctx: CliContext) -> int:
    from hti_tui.hookspecs import HOOKSPEC_VERSION
    from hti_tui.query.project_info import registered_methods

    project = ctx.project
    declared, problems = project.plugins.declared_by(project.config.ui.language)
    records = list(project.plugins.records.values())
    if ctx.args.format == "json":
        print_json(ctx.console, {
            "hookspec_version": HOOKSPEC_VERSION,
            "plugins": [{**r.as_dict(), "declares": declared.get(r.name, [])} for r in records],
            "methods": registered_methods(project),
            "problems": problems})
        return 1 if problems or project.plugins.failures() else 0
    lang = project.config.ui.language
    table = Table(title=label("plugins_title", lang).format(version=HOOKSPEC_VERSION),
                  title_justify="left")
    identifier(table, label("name", lang))  # typed back: --disable-plugin NAME
    identifier(table, label("origin", lang))  # a plugin file's path
    for col in ("version", "hooks", "declares", "status"):
        table.add_column(label(col, lang))
    for r in records:
        kinds: dict[str, int] = {}
        for d in declared.get(r.name, []):
            k = d.split(":", 1)[0]
            kinds[k] = kinds.get(k, 0) + 1
        what = ", ".join(f"{n} {term('kind', k + 's' if n > 1 else k, lang)}"
                         for k, n in kinds.items()) or "–"
        if r.status == "loaded" and not r.hook_errors:
            status = f"[green]{choose(WORDS, 'loaded', lang)}[/]"
        elif r.status == "disabled":
            status = f"[dim]{choose(WORDS, 'disabled', lang)}[/]"
        else:
            status = f"[red]{choose(WORDS, 'failed', lang)}[/] " + escape(r.reasons(lang))
        hooks = ", ".join(h.removeprefix("hti_") for h in r.hooks) or "–"
        shown = escape(term("origin", r.origin, lang))
        origin = f"{shown} ({escape(project.config.rel(Path(r.location)))})" \
            if r.origin == "directory" else shown
        table.add_row(escape(r.name), origin, escape(r.version), hooks, what, status)
    print_tables(ctx.console, table)
    for p in problems:
        ctx.console.print(f"[bold red]{choose(WORDS, 'error', lang)}:[/] {escape(p)}")
    failed = project.plugins.failures()
    if failed:
        ctx.console.print(f"[red]{choose(WORDS, 'n_failed', lang, n=len(failed))}[/]")
    return 1 if problems or failed else 0
