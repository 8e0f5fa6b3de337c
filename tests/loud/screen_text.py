"""What a user sees: the text of the screen as rendered (from Textual's SVG screenshot)."""

from __future__ import annotations

import html
import re


def screen_text(app: object) -> str:
    """Every text run of the rendered screen, in order, spaces as spaces.

    The SVG draws a line as several runs; they are joined without a separator within a
    line, so a phrase split over runs is still found whole.
    """
    svg = app.export_screenshot()  # type: ignore[attr-defined]
    lines: dict[str, list[str]] = {}
    for y, run in re.findall(r'<text[^>]*\by="([\d.]+)"[^>]*>(.*?)</text>', svg, flags=re.S):
        lines.setdefault(y, []).append(html.unescape(re.sub(r"<[^>]+>", "", run)))
    text = "\n".join("".join(runs) for _, runs in sorted(lines.items(),
                                                           key=lambda kv: float(kv[0])))
    return text.replace("\u00a0", " ")
