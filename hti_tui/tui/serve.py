"""The UI in a web browser: textual-serve runs ``hti tui`` once per browser session."""

from __future__ import annotations


def serve(command: str, host: str, port: int) -> None:
    """Serve until Ctrl-C; ``host`` defaults to localhost in the CLI so nothing is exposed."""
    from textual_serve.server import Server

    Server(command, host=host, port=port, title="hti — öppet hemtjänstindex").serve()
