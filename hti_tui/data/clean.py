"""Text from data and configuration, made safe to show on a terminal.

A kommun name in a registry, a node name in hti.toml or an indicator name from a plugin
is shown in a terminal and in the UI. An ANSI escape in it would move the cursor, clear
the screen (hiding the SYNTETISKA DATA banner) or set a hyperlink; so control
characters are stripped on the way in (the registry, hti.toml names, plugin
declarations) and again before the CLI prints data as text. Rich markup in data is
never interpreted: data cells are printed as literal text (see ``cli.output``).
"""

from __future__ import annotations

import re

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clear screen
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: titles, hyperlinks
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """``text`` without escape sequences and control characters (tab and newline kept)."""
    if not isinstance(text, str):
        return text
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub("", _ESCAPES.sub("", text))
