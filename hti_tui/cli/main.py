"""Entry point of ``hti``: parse options, run one command, turn errors into one line.

No user error ever ends in a traceback: an :class:`HtiError` is printed with its
location and the exit code says what happened (0 ok, 1 problems found, 2 error,
130 interrupted).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path

from rich.console import Console

from hti_tui import __version__
from hti_tui.cli.context import CliContext
from hti_tui.errors import HtiError

#: command name → module in hti_tui.cli.commands (imported only when used)
COMMANDS: dict[str, str] = {
    "build": "build",
    "plugins": "plugins",
    "validate": "validate",
    "synth": "synth",
    "fetch": "fetch",
    "units": "units",
    "rank": "rank",
    "show": "show",
    "compare": "compare",
    "trend": "trend",
    "whatif": "whatif",
    "priorities": "priorities",
    "peers": "peers",
    "sensitivity": "sensitivity",
    "audit": "audit",
    "indicator": "indicator",
    "sources": "sources",
    "notes": "notes",
    "tui": "tui",
    "serve": "serve",
}

EXIT_OK, EXIT_PROBLEMS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hti", description="Öppet hemtjänstindex: build, rank, explain and compare "
        "(an open model in HTI's shape, not SPF Seniorerna's index; shipped data are synthetic).")
    p.add_argument("--config", type=Path, metavar="PATH",
                   help="hti.toml to use (default: found in this directory or a parent)")
    p.add_argument("--disable-plugin", action="append", metavar="NAME",
                   help="do not load this plugin (repeatable)")
    p.add_argument("--version", action="store_true", help="print hti's and each plugin's version")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS.values():
        import_module(f"hti_tui.cli.commands.{module}").add_parser(sub)
    return p


def _version(ctx: CliContext) -> int:
    ctx.console.print(f"hti {__version__}", highlight=False)
    try:
        project = ctx.project
    except HtiError as exc:
        sv = ctx.language == "sv"
        ctx.console.print(f"({'inga projektplugins' if sv else 'no project plugins'}: "
                          f"{exc.describe(ctx.language)})", highlight=False, markup=False)
        return EXIT_OK
    for record in project.plugins.records.values():
        ctx.console.print(f"  {record.name} {record.version} ({record.origin}, {record.status})",
                          highlight=False, markup=False)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # Ctrl-C while starting up (parsing, importing)
        Console(stderr=True).print("[yellow]interrupted[/]")
        return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None) -> int:
    from hti_tui.cli.help_sv import language_of, translate, use

    language = language_of(sys.argv[1:] if argv is None else argv)
    use(language)  # argparse's own words, before the parser is made
    p = parser()
    translate(p, language)  # every help text: --help in Swedish
    args = p.parse_args(argv)
    console = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    ctx = CliContext(args, console, err)
    try:
        if args.version:
            return _version(ctx)
        if args.command is None:
            return _default(ctx)
        module = import_module(f"hti_tui.cli.commands.{COMMANDS[args.command]}")
        return int(module.run(ctx) or 0)
    except HtiError as exc:
        lang = ctx.language
        err.print(f"[bold red]{'fel' if lang == 'sv' else 'error'}:[/] "
                  f"{_escape(exc.describe(lang))}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.print("[yellow]avbrutet[/] — filer som redan skrivits är hela; ofärdiga skrevs "
                  "inte (de tidigare versionerna finns kvar)." if ctx.language == "sv" else
                  "[yellow]interrupted[/] — files already written are complete; "
                  "unfinished ones were not written (the previous versions are intact).")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # disk full, read-only datasets/, a file where a folder should be
        where = f" ({exc.filename})" if exc.filename else ""
        sv = ctx.language == "sv"
        err.print(f"[bold red]{'fel' if sv else 'error'}:[/] "
                  f"{_escape((exc.strerror or str(exc)) + where)} — "
                  + ("filer som redan skrivits är hela; ofärdiga har kvar sina tidigare "
                     "versioner" if sv else "files already written are complete; the "
                     "previous versions of unfinished ones are intact"))
        return EXIT_ERROR


def _default(ctx: CliContext) -> int:
    """``hti`` alone opens the terminal UI (building what is missing first)."""
    try:
        tui = import_module("hti_tui.cli.commands.tui")
    except ModuleNotFoundError:
        parser().print_help()
        return EXIT_OK
    return int(tui.run(ctx) or 0)


def _escape(text: str) -> str:
    """Error messages quote data and config (names, cells): never markup, never escapes."""
    from rich.markup import escape

    from hti_tui.data.clean import strip_controls

    return escape(strip_controls(text))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
