"""Table cells the CLI and the terminal UI show alike.

A gain or loss is written with an arrow and a sign as well as a colour, so it reads in a
monochrome terminal, in a pipe and for a colour-blind user; names are plain text, never
Rich markup, so a kommun called "[bold]" is shown as written.
"""

from __future__ import annotations

from rich.text import Text

from hti_tui.i18n import number


def signed(value: float | None, lang: str, decimals: int = 2) -> Text:
    """Points with ▲/▼/= and a sign (right-justified); '–' when there is no value."""
    if value is None:
        return Text("–", justify="right")
    arrow = "▲" if value > 0 else "▼" if value < 0 else "="
    style = "green" if value > 0 else "red" if value < 0 else ""
    return Text(f"{arrow} {number(value, decimals, lang, sign=True)}", style=style,
                justify="right")


def right(value: str) -> Text:
    return Text(value, justify="right")


def name_text(name: str) -> Text:
    """A name as written (never markup), cut with … when its column is narrow."""
    return Text(name, overflow="ellipsis", no_wrap=True)


def bar(score: float | None, median: float | None, width: int) -> Text:
    """A 0–100 score as a text bar with the median marked '│' (shape, not colour, carries it)."""
    if score is None:
        return Text("–")
    filled = max(0, min(width, round(score / 100 * width)))
    chars = ["█"] * filled + ["·"] * (width - filled)
    if median is not None:
        chars[max(0, min(width - 1, int(median / 100 * width)))] = "│"
    line = "".join(chars)
    text = Text(line)
    mark = line.find("│")
    if mark >= 0:  # one span for the median mark, not one per character
        text.stylize("bold", mark, mark + 1)
    return text
