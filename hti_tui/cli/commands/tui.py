"""``hti tui`` (and ``hti`` alone): the terminal UI."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hti_tui.cli.context import CliContext

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("tui", help="open the terminal UI (also: hti with no command)")
    p.add_argument("--year", type=int, help="index year to open (default: the latest)")
    p.add_argument("--language", choices=("sv", "en"), help="override hti.toml [ui] language")
    p.add_argument("--theme", help="a Textual theme, e.g. textual-light")


def run(ctx: CliContext) -> int:
    from hti_tui.project.config import load_config
    from hti_tui.tui.app import HtiApp

    args = ctx.args
    load_config(args.config)  # no project or a broken hti.toml: say so here, not in a UI
    app = HtiApp(args.config, year=getattr(args, "year", None),
                 disable=tuple(args.disable_plugin or ()),
                 language=getattr(args, "language", None), theme=getattr(args, "theme", None))
    app.run()
    return int(app.return_code or 0)
