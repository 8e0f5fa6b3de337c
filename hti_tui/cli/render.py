"""Shared rendering helpers for the CLI: the synthetic banner, JSON, notes."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.markup import escape

from hti_tui.data.clean import strip_controls
from hti_tui.errors import Note
from hti_tui.i18n import label


def banner(console: Console, synthetic: bool, language: str = "sv") -> None:
    """The synthetic-data warning, printed above anything that shows generated values."""
    if synthetic:
        console.print(f"[bold black on yellow] {escape(label('synthetic', language))} [/]")


def build_banner(console: Console, lines: Iterable[str]) -> None:
    """The "last build failed / built without a plugin / stale" lines, loud and first."""
    for line in lines:
        console.print(f"[bold white on red] ⚠ {escape(strip_controls(line))} [/]")


def print_json(console: Console, data: Any) -> None:
    console.print_json(json.dumps(data, ensure_ascii=False, default=str))


def print_notes(console: Console, notes: Iterable[Note], limit: int = 20,
                language: str = "en") -> int:
    """Print notes worst first, in ``language`` (a note without a Swedish text, e.g. a
    plugin's own, in English); returns how many there were."""
    from hti_tui.i18n import term

    sv = language == "sv"
    order = {"error": 0, "warning": 1, "info": 2}
    notes = sorted(notes, key=lambda n: (order.get(n.severity, 3), n.file, n.row or 0))
    colour = {"error": "red", "warning": "yellow", "info": "cyan"}
    for note in notes[:limit]:
        console.print(f"  [{colour.get(note.severity, 'white')}]"
                      f"{term('sev', note.severity, language)}[/] "
                      f"{escape(strip_controls(note.describe(language)))}")
    if len(notes) > limit:
        more = len(notes) - limit
        console.print(f"  … och {more} till (se `hti validate --all`)" if sv
                      else f"  … and {more} more (see `hti validate --all`)")
    return len(notes)
