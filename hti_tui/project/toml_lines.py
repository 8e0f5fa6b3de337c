"""Where each key of a TOML file is, so errors can name its line.

``tomllib`` gives values but no positions. This scanner follows table headers and
``key = value`` lines well enough to point at the line of any key in a config file
(inline-table keys point at their line too). Unknown constructs simply have no
line; callers then fall back to the nearest enclosing key.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_KEY = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")
_INLINE_KEY = re.compile(r"""[{,]\s*([A-Za-z0-9_-]+|"[^"]*"|'[^']*')\s*=""")


def _split(dotted: str) -> list[str]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", dotted)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def key_lines(text: str) -> dict[str, int]:
    """Map dotted key paths (``sources.kolada.lag``) to 1-based line numbers."""
    lines: dict[str, int] = {}
    prefix: list[str] = []
    arrays: dict[str, int] = {}
    depth = 0  # open brackets of a multi-line array value
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            if in_string in line:
                in_string = None
            continue
        if depth > 0:
            depth += line.count("[") - line.count("]")
            continue
        m = _HEADER.match(line)
        if m and "=" not in m.group(2):
            prefix = _split(m.group(2))
            if m.group(1) == "[[":
                joined = ".".join(prefix)
                arrays[joined] = arrays.get(joined, -1) + 1
                prefix = [*prefix, str(arrays[joined])]
            lines.setdefault(".".join(prefix), number)
            continue
        m = _KEY.match(line)
        if not m:
            continue
        path = [*prefix, *_split(m.group(1))]
        lines.setdefault(".".join(path), number)
        rest = line[m.end():]
        for inner in _INLINE_KEY.finditer(rest):
            lines.setdefault(".".join([*path, *_split(inner.group(1))]), number)
        value = rest.split("#", 1)[0]
        for quote in ('"""', "'''"):
            if value.count(quote) == 1:
                in_string = quote
        if not in_string:
            depth = max(0, value.count("[") - value.count("]"))
    return lines


def line_of(lines: dict[str, int], key: str) -> int | None:
    """Line of ``key`` or of its nearest enclosing key that has one."""
    parts = key.split(".")
    while parts:
        joined = ".".join(parts)
        if joined in lines:
            return lines[joined]
        parts.pop()
    return None
