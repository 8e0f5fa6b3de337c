"""The review of each kommun's web site: is the information an older person needs
about hemtjänst there? ``Ja`` = 1, ``Delvis`` = 0,5, ``Nej`` = 0."""

from __future__ import annotations

from hti_tui import (
    AdapterSpec,
    Cell,
    ReadContext,
    SourceSpec,
    add_wide_rows,
    hookimpl,
    parse_yes_no,
    read_csv,
    required_headers,
)

__version__ = "1.1"

SOURCE = "webbgranskning"
UNIT = "Kommunkod"

COLUMNS: dict[str, str] = {
    "web_beskrivning": "Beskrivning av hemtjänst",
    "web_ansokan": "Hur man ansöker",
    "web_e_tjanst": "E-tjänst för ansökan",
    "web_kontakt": "Kontakt till biståndshandläggare",
    "web_avgifter": "Avgifter förklaras",
    "web_avgiftsexempel": "Räkneexempel avgift",
    "web_utforare": "Lista över utförare",
    "web_utforare_jamforelse": "Jämförelse av utförare",
    "web_kvalitetsresultat": "Kvalitetsresultat publiceras",
    "web_synpunkter": "Synpunkter och klagomål",
    "web_lattlast": "Lättläst svenska",
    "web_sprak": "Andra språk",
}


def _answer(cell: object) -> Cell:
    return parse_yes_no(cell)


def read_review(ctx: ReadContext) -> None:
    """Read one year's review table (UTF-8 or cp1252, comma or semicolon)."""
    sheet = read_csv(ctx.path, required_headers(UNIT, COLUMNS), display=ctx.display_path)
    add_wide_rows(ctx, sheet, unit=UNIT, measures=COLUMNS,
                  parsers=dict.fromkeys(COLUMNS, _answer))


@hookimpl
def hti_sources() -> list[SourceSpec]:
    return [SourceSpec(
        id=SOURCE, name="Granskning av kommunernas webbplatser", kind="review",
        publisher="hti (granskningsprotokoll)",
        description="Finns informationen om hemtjänst på kommunens webbplats? Ja/Delvis/Nej.",
        citation="Källa: webbgranskning")]


@hookimpl
def hti_adapters() -> list[AdapterSpec]:
    return [AdapterSpec(id="webbgranskning_csv", source=SOURCE, read=read_review,
                        path="{year}/webbgranskning_{year}.csv", formats=(2022, 2023, 2024),
                        version=__version__, options=(),  # only hti's own options
                        description="CSV, Ja/Delvis/Nej per item")]
