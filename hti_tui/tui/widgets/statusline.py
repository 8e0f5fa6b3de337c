"""The status line: which CLI command prints the numbers on this screen."""

from __future__ import annotations

import shlex

from textual.widgets import Static


def cli(*args: object, config: str | None = None) -> str:
    """The shell command line for hti with these arguments (quoted where needed)."""
    parts = ["hti"]
    if config:
        parts += ["--config", config]
    parts += [str(a) for a in args if a is not None and a != ""]
    return " ".join(shlex.quote(p) for p in parts)


def show_text(widget: Static, text: str, layout: bool = False) -> None:
    """Show ``text`` in ``widget`` if it is not what it shows already.

    For speed (issue #12): each ``Static.update`` repaints the widget, and by default
    asks for a layout of the screen, which a search keystroke paid for the title, the
    count and the status line every time. A widget whose size does not follow its text
    (a fixed width and height, as here) needs no layout: ``layout`` says when it does.
    """
    if widget.content != text:
        widget.update(text, layout=layout)


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine {
        width: 100%;
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False, id="status-line")

    def show_command(self, command: str, extra: str = "") -> None:
        text = f"CLI: {command}"
        show_text(self, f"{text}  ·  {extra}" if extra else text)  # one line, full width
