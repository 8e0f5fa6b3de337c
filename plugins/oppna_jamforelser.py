"""Socialstyrelsen's Öppna jämförelser, vård och omsorg om äldre (hemtjänst).

The kommuner answer an enkät; a kommun that did not answer has ``-`` in every enkät
column, which here means *not reported* (HTI scores it as 0, see hti.toml
``penalise_statuses``), not "too few answers" as in the user survey. ``x`` marks a
share suppressed because there were too few decisions. Routines are ``Ja``/``Nej``.
"""

from __future__ import annotations

from hti_tui import (
    DEFAULT_TOKENS,
    NOT_REPORTED,
    AdapterOption,
    AdapterSpec,
    Cell,
    ReadContext,
    SourceSpec,
    add_wide_rows,
    hookimpl,
    parse_yes_no,
    read_xlsx,
    required_headers,
    sheet_option,
)

__version__ = "1.1"

SOURCE = "oppna_jamforelser"
UNIT = "Kommunkod"

#: the [sources.oppna_jamforelser.options] it reads (with hti's own, see docs/PLUGINS.md)
OPTIONS = (AdapterOption("sheet", str, description="the workbook sheet to read; default: the "
                                                    "first sheet"),)

#: measure → header; numbers
NUMBERS: dict[str, str] = {
    "oj_handlaggningstid": "Handläggningstid, median antal dagar",
    "oj_ibic": "Beslut enligt IBIC, andel (%)",
    "oj_mal": "Beslut med tydliga mål, andel (%)",
    "oj_uppfoljning": "Beslut uppföljda inom 12 månader, andel (%)",
    "oj_genomforandeplan_delaktig": "Brukaren delaktig i genomförandeplanen, andel (%)",
}

#: measure → header; Ja/Nej routines read as 1/0
ROUTINES: dict[str, str] = {
    "oj_kontaktperson": "Namngiven kontaktperson",
    "oj_kompetensplan": "Plan för kompetensutveckling",
    "oj_nattillsyn": "Digital nattillsyn",
    "oj_trygghetslarm": "Digitala trygghetslarm",
    "oj_sip": "Rutin för SIP med regionen",
    "oj_kvalitetsuppfoljning": "Systematisk kvalitetsuppföljning",
    "oj_valfardsteknik_plan": "Plan för välfärdsteknik",
}

#: In this source "-" means the kommun did not answer the enkät.
TOKENS = {**DEFAULT_TOKENS, "-": NOT_REPORTED, "–": NOT_REPORTED}


def _yes_no(cell: object) -> Cell:
    return parse_yes_no(cell, TOKENS)


def read_xlsx_format(ctx: ReadContext) -> None:
    """Read the yearly Öppna jämförelser workbook (same format 2022–2024)."""
    columns = {**NUMBERS, **ROUTINES}
    sheet = read_xlsx(ctx.path, required_headers(UNIT, columns), display=ctx.display_path,
                      sheet=sheet_option(ctx))
    ctx.obs.tokens = TOKENS
    add_wide_rows(ctx, sheet, unit=UNIT, measures=columns,
                  parsers=dict.fromkeys(ROUTINES, _yes_no))


@hookimpl
def hti_sources() -> list[SourceSpec]:
    return [SourceSpec(
        id=SOURCE, name="Öppna jämförelser – vård och omsorg om äldre",
        publisher="Socialstyrelsen", kind="register",
        url="https://www.socialstyrelsen.se/statistik-och-data/oppna-jamforelser/",
        description="Kommunernas svar på Socialstyrelsens enkät och registeruppgifter.",
        citation="Källa: Socialstyrelsen, Öppna jämförelser")]


@hookimpl
def hti_adapters() -> list[AdapterSpec]:
    return [AdapterSpec(id="oppna_jamforelser_xlsx", source=SOURCE, read=read_xlsx_format,
                        path="{year}/oppna_jamforelser_aldreomsorg_{year}.xlsx",
                        formats=(2022, 2023, 2024), version=__version__,
                        options=OPTIONS,
                        description="xlsx; '-' = did not answer the enkät, 'x' = suppressed")]
