"""``hti serve``: the same UI in a browser through textual-serve (localhost by default)."""

from __future__ import annotations

import shlex
import sys
from typing import TYPE_CHECKING

from hti_tui.cli.context import CliContext

if TYPE_CHECKING:
    from hti_tui.cli.output import Subparsers


def add_parser(sub: Subparsers) -> None:
    p = sub.add_parser("serve", help="serve the UI in a web browser (textual-serve)")
    p.add_argument("--host", default="localhost", help="interface to bind (default localhost)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--year", type=int, help="index year to open")
    p.add_argument("--no-token", action="store_true",
                   help="do not require the token printed at start (anyone who can reach the "
                        "port gets the UI)")
    p.add_argument("--max-sessions", type=int, default=4,
                   help="at most this many browser sessions at once (default 4; each runs "
                        "a process)")


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
    from rich.markup import escape

    from hti_tui.errors import UsageError
    from hti_tui.tui.serve import Guard, check_address, is_loopback, new_token, serve

    host, port = ctx.args.host, ctx.args.port
    if ctx.args.max_sessions < 1:
        raise UsageError("--max-sessions must be at least 1",
                         sv="--max-sessions måste vara minst 1")
    check_address(host, port)
    token = None if ctx.args.no_token else new_token()
    sv = ctx.project.config.ui.language == "sv"  # the project's language (it is served)
    if not is_loopback(host) and sv:
        ctx.err.print(f"[bold yellow]varning:[/] --host {escape(host)} visar gränssnittet för "
                      "varje dator som når den här porten" + (
                          ", och --no-token släpper in dem utan token" if token is None
                          else "; håll token hemlig"))
    elif not is_loopback(host):
        ctx.err.print(f"[bold yellow]warning:[/] --host {escape(host)} serves the UI to every "
                      "machine that can reach this port" + (
                          ", and --no-token lets them in without a token" if token is None
                          else "; keep the token secret"))
    elif token is None:
        ctx.err.print("[yellow]varning:[/] --no-token: varje lokal användare och varje program "
                      "på den här datorn kan öppna gränssnittet" if sv else
                      "[yellow]warning:[/] --no-token: every local user and any program on "
                      "this machine can open the UI")
    url = f"http://{host}:{port}/" + (f"?token={token}" if token else "")
    ctx.err.print(f"Serverar hti på {escape(url)} (högst {ctx.args.max_sessions} sessioner; "
                  "Ctrl-C stoppar)" if sv else
                  f"Serving hti on {escape(url)} (at most {ctx.args.max_sessions} sessions; "
                  "Ctrl-C stops)")
    serve(command(ctx), host, port, Guard(token, ctx.args.max_sessions, "sv" if sv else "en"))
    return 0
