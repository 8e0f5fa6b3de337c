"""The kommun screen's Enheter tab: the kommun's hemtjänst units, as ``hti units`` prints them.

The numbers come from the query layer (``hti_tui.query.units``); this module only lays them out. A
project without unit-level (Kolada OU) data says so in words and how to get it.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable, Static

from hti_tui.i18n import choose, number

UNIT_WORDS: dict[str, tuple[str, str]] = {
    "units": ("Enheter", "Units"),
    "none": ("Projektet har inga data per hemtjänstenhet: {why}. Hämta dem med "
             "`hti fetch kolada` och ou_kpis i hti.toml (se docs/KOLADA.md).",
             "The project has no data per hemtjänst unit: {why}. Fetch them with "
             "`hti fetch kolada` and ou_kpis in hti.toml (see docs/KOLADA.md)."),
    "method": ("{n} enheter i {kommun} {year} · rangordnade inom kommunen · Källa: Kolada · "
               "ej publicerade värden förblir skyddade",
               "{n} units in {kommun} {year} · ranked within the kommun · Källa: Kolada · "
               "unpublished values stay suppressed"),
    "unranked": ("ej rankad — för lite publicerat", "not ranked — too little published"),
}
COLUMNS = (("rank", ("Rang", "Rank")), ("name", ("Enhet", "Unit")),
           ("score", ("Poäng", "Score")), ("coverage", ("Täckning", "Coverage")),
           ("status", ("Status", "Status")))


def unit_word(key: str, lang: str, **values: object) -> str:
    return choose(UNIT_WORDS, key, lang, **values)


def fill_units(table: DataTable[Any], caption: Static, units: dict[str, Any] | str | None,
               lang: str) -> None:
    """Rows of ``hti units``, or the sentence that says why there are none."""
    table.clear(columns=True)
    if not isinstance(units, dict):
        caption.update(unit_word("none", lang, why=units or "–"))
        return
    caption.update(unit_word("method", lang, n=len(units["units"]),
                             kommun=units["kommun_namn"], year=units["year"]))
    for key, words in COLUMNS:
        table.add_column(words[0] if lang == "sv" else words[1], key=key)
    for row in units["units"]:
        ranked = row["rank"] is not None
        table.add_row(Text(str(row["rank"]) if ranked else "–", justify="right"), Text(row["name"]),
                      Text(number(row["score"], 1, lang), justify="right"),
                      Text(f"{row['coverage']:.0%}" if row["coverage"] is not None else "–",
                           justify="right"),
                      Text(str(row["status"]) if ranked else
                           f"{row['status']} · {unit_word('unranked', lang)}"))
