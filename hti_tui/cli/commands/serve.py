"""``hti serve``: the same UI in a browser through textual-serve (localhost by default)."""

from __future__ import annotations

import argparse
import shlex
import sys

from hti_tui.cli.context import CliContext


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the UI in a web browser (textual-serve)")
    p.add_argument("--host", default="localhost", help="interface to bind (default localhost)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--year", type=int, help="index year to open")


def command(ctx: CliContext) -> str:
    """The command textual-serve runs for each browser session."""
    args = [sys.executable, "-m", "hti_tui"]
    if ctx.args.config:
        args += ["--config", str(ctx.args.config.resolve())]
    for name in ctx.args.disable_plugin or ():
        args += ["--disable-plugin", name]
    args.append("tui")
    if ctx.args.year:
        args += ["--year", str(ctx.args.year)]
    return shlex.join(args)


def run(ctx: CliContext) -> int:
    from hti_tui.tui.serve import serve

    ctx.err.print(f"Serving hti on http://{ctx.args.host}:{ctx.args.port} (Ctrl-C stops)")
    serve(command(ctx), ctx.args.host, ctx.args.port)
    return 0
