"""What the values typed on the what-if screen come to: the changes the engine accepts,
the entries it refuses (and why), and the result of the accepted ones.

Free of Textual: :func:`settle` runs in the screen's worker thread (each engine run is a
few ms; the UI stays responsive while it computes) and returns data; the screen words
the refusals in the user's language. The order of the entries is the order they were
typed, so when one value is refused the ones typed before it still count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hti_tui.errors import HtiError
from hti_tui.query import parse_cell
from hti_tui.query.analyses import whatif
from hti_tui.query.rows import IndicatorRow, WhatIfView
from hti_tui.report.cells import WORD_UNITS, answer_value

if TYPE_CHECKING:
    from hti_tui.query.context import Index


@dataclass(frozen=True)
class Refusal:
    """An entry that is not a change: ``value`` None when the text is not a number,
    otherwise the engine refused the value (``message``, in the user's language)."""

    text: str
    value: float | None = None
    message: str = ""


@dataclass(frozen=True)
class Settled:
    """The accepted changes (indicator → value), the refused entries, and the what-if of
    the changes (None when there are none)."""

    changes: dict[str, float] = field(default_factory=dict)
    refused: dict[str, Refusal] = field(default_factory=dict)
    result: WhatIfView | None = None


def entry_value(text: str, row: IndicatorRow | None) -> float | None:
    """The number typed ("12,5", "12.5"), or for a ja/nej item its word ("Ja", "Delvis",
    "Nej"); None when it is neither."""
    cell = parse_cell(text)
    answer = answer_value(text) if row and row.unit.casefold() in WORD_UNITS else None
    if answer is not None:
        cell = parse_cell(str(answer))
    return cell.value


def settle(ix: Index, unit: str, year: int, rows: list[IndicatorRow],
           entries: dict[str, str], lang: str) -> Settled:
    """Every entry checked by the engine as if typed in this order.

    The usual case is one engine run: all the numbers together. Only when the engine
    refuses that set is each value tried on top of those accepted before it, so the
    refusal is named at the entry that caused it and the others stay in force."""
    by_id = {r.id: r for r in rows}
    refused: dict[str, Refusal] = {}
    values: dict[str, float] = {}
    for ident, text in entries.items():
        value = entry_value(text, by_id.get(ident))
        if value is None:
            refused[ident] = Refusal(text)
        else:
            values[ident] = value
    if not values:
        return Settled({}, refused, None)
    try:
        return Settled(dict(values), refused, whatif(ix, unit, values, year))
    except HtiError:
        pass  # some value is refused: find which, one at a time
    changes: dict[str, float] = {}
    result = None
    for ident, value in values.items():
        candidate = {**changes, ident: value}
        try:
            result = whatif(ix, unit, candidate, year)
        except HtiError as exc:
            refused[ident] = Refusal(entries[ident], value, exc.describe(lang))
        else:
            changes = candidate
    return Settled(changes, refused, result if changes else None)
