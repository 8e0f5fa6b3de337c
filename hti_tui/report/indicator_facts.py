"""What ``hti indicator`` and the indicator screen say about one indicator, as (label,
value) lines: one list, so the CLI's table and the screen's text cannot drift apart.

A ja/nej item's spread is how many kommuner answered Ja, Delvis and Nej — the published
words — not a minimum of 0,50 and quartiles of 1,00 that nobody reported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hti_tui.i18n import choose, label, number, percent
from hti_tui.report.cells import WORD_UNITS, raw_words

#: the statuses a value can have, in the order the missing values are listed
STATUSES = ("ok", "suppressed", "not_reported", "not_applicable", "invalid")

WORDS: dict[str, tuple[str, str]] = {
    "declared": ("Vikt (angiven)", "Weight (declared)"),
    "share_of_area": ("Andel av kvalitetsområdet", "Share of its quality area"),
    "share_of_index": ("Andel av index (median)", "Share of the index (median)"),
    "goalposts": ("Målstolpar", "Goalposts"),
    "values": ("Med värde", "With a value"),
    "min": ("min", "min"), "q25": ("25 %", "25 %"), "median": ("median", "median"),
    "mean": ("medel", "mean"), "q75": ("75 %", "75 %"), "max": ("max", "max"),
}

#: the answers of a ja/nej item, best first, with their raw values
ANSWERS = (("yes", 1.0), ("partly", 0.5), ("no", 0.0))


def word(key: str, lang: str) -> str:
    return choose(WORDS, key, lang)


def is_answer(unit: str) -> bool:
    """A ja/nej (or ja/delvis/nej) item: its values are words, not numbers."""
    return unit.casefold() in WORD_UNITS


def about_lines(view: Any, weight: dict[str, float | None], node_name: Callable[[str], str],
                lang: str) -> list[tuple[str, str]]:
    """Where the indicator sits, its source, direction, unit, weights and goalposts."""
    lines = [(label("kvalitetsomrade", lang), node_name(view.area)),
             (label("delindex", lang), node_name(view.delindex)),
             (label("source", lang), view.source),
             (label("direction", lang), label(view.direction, lang)),
             (label("unit", lang), view.unit or "–"),
             (word("declared", lang), number(weight.get("declared"), 2, lang)),
             (word("share_of_area", lang), percent(weight.get("share_of_area"), 1, lang)),
             (word("share_of_index", lang), percent(weight.get("share_of_index"), 2, lang))]
    if view.goalposts:
        low, high = view.goalposts
        lines.append((word("goalposts", lang), f"{raw_words(low, view.unit, lang, decimals=2)}"
                      f" – {raw_words(high, view.unit, lang, decimals=2)}"))
    return lines


def shown_answers(view: Any) -> list[tuple[str, float]]:
    """The answers a ja/nej item's spread lists: Ja and Nej always, Delvis when the unit
    has it or some kommun answered it."""
    counts = view.answers or {}
    return [(key, value) for key, value in ANSWERS
            if key != "partly" or counts.get(key) or "delvis" in view.unit.casefold()]


def spread_lines(view: Any, lang: str) -> list[tuple[str, str]]:
    """How many kommuner have a value, then either how many answered each word (a ja/nej
    item) or the min, quartiles, mean and max."""
    lines = [(word("values", lang),
              f"{number(view.stats.get('n'), 0, lang)} {label('of', lang)} {len(view.values)}")]
    if is_answer(view.unit):
        counts = view.answers or {}
        return lines + [(raw_words(value, view.unit, lang), str(counts.get(key, 0)))
                        for key, value in shown_answers(view)]
    return lines + [(word(key, lang), number(view.stats[key], 2, lang))
                    for key in ("min", "q25", "median", "mean", "q75", "max")
                    if key in view.stats]


def missing_lines(view: Any, lang: str) -> list[tuple[str, int]]:
    """How many values have each status (ok, suppressed, not reported …)."""
    return [(label(status, lang), view.counts.get(status, 0)) for status in STATUSES]


def value_text(value: dict[str, Any], unit: str, lang: str) -> str:
    """One kommun's value in a table: its word, its number, or the source's own text."""
    return raw_words(value["raw"], unit, lang, value["raw_text"], decimals=2)
