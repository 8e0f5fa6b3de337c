"""Socialstyrelsen's user survey *Vad tycker de äldre om äldreomsorgen?* (hemtjänst).

Two yearly formats: 2022–2023 and 2024, when the publisher renamed and reordered the
columns, added title rows and wrote the shares as text with decimal commas. Each
format is one adapter, a table of header → measure; hti.toml says which adapter
reads which data year, so next year's change is a new table here and one line there.
See datasets/raw/FORMATS.md for the files.
"""

from __future__ import annotations

from collections.abc import Sequence

from hti_tui import (
    AdapterOption,
    AdapterSpec,
    DataError,
    ReadContext,
    SourceSpec,
    add_wide_rows,
    hookimpl,
    read_xlsx,
    required_headers,
    sheet_option,
)

__version__ = "1.1"

SOURCE = "brukarundersokning"
COUNT_MEASURE = "bu_antal_svarande"

#: the [sources.brukarundersokning.options] it reads (with hti's own, see docs/PLUGINS.md)
OPTIONS = (AdapterOption("sheet", str, description="the workbook sheet to read; default: the "
                                                    "first sheet"),)

#: measure → header in the 2022 and 2023 files
COLUMNS_2022: dict[str, str] = {
    "bu_handlaggare_kontakt": "Lätt att få kontakt med biståndshandläggaren",
    "bu_handlaggare_hansyn": "Handläggaren tog hänsyn till dina synpunkter",
    "bu_bemotande": "Personalen bemöter dig på ett bra sätt",
    "bu_fortroende": "Förtroende för personalen",
    "bu_respekt": "Personalen visar respekt för ditt hem",
    "bu_asikter": "Personalen tar hänsyn till dina åsikter och önskemål",
    "bu_paverka_tider": "Möjlighet att påverka tiderna",
    "bu_tid": "Personalen har tillräckligt med tid",
    "bu_avtalad_tid": "Personalen kommer på avtalad tid",
    "bu_forandringar": "Informeras om tillfälliga förändringar",
    "bu_trygg": "Trygg att bo hemma med stöd från hemtjänsten",
    "bu_klagomal": "Vet vart man vänder sig med synpunkter och klagomål",
    "bu_ensamhet": "Besväras av ensamhet",
    "bu_halsa": "Mycket gott eller gott allmänt hälsotillstånd",
    "bu_angslan": "Besväras av ängslan, oro eller ångest",
}

#: measure → header in the 2024 file (renamed and reordered by the publisher)
COLUMNS_2024: dict[str, str] = {
    "bu_bemotande": "Gott bemötande från personalen",
    "bu_fortroende": "Känner förtroende för personalen",
    "bu_respekt": "Personalen respekterar ditt hem",
    "bu_asikter": "Hänsyn till åsikter och önskemål",
    "bu_paverka_tider": "Kan påverka tiderna för hjälpen",
    "bu_tid": "Personalen har tillräckligt med tid för att utföra arbetet",
    "bu_avtalad_tid": "Personalen kommer på den tid som avtalats",
    "bu_forandringar": "Får information om tillfälliga förändringar",
    "bu_trygg": "Känner sig trygg hemma med hemtjänst",
    "bu_klagomal": "Vet vart man vänder sig med klagomål",
    "bu_handlaggare_kontakt": "Lätt att kontakta biståndshandläggaren",
    "bu_handlaggare_hansyn": "Biståndshandläggaren tog hänsyn till synpunkter",
    "bu_ensamhet": "Besvär av ensamhet",
    "bu_angslan": "Besvär av ängslan, oro eller ångest",
    "bu_halsa": "Gott eller mycket gott hälsotillstånd",
}

FORMATS: dict[str, tuple[str, str, dict[str, str]]] = {
    # adapter id: (unit header, respondents header, columns)
    "brukarundersokning_2022": ("Kommunkod", "Antal svarande", COLUMNS_2022),
    "brukarundersokning_2024": ("Kod", "Antal svar", COLUMNS_2024),
}


def _other_format(ctx: ReadContext, this: str) -> str | None:
    """Which other known format the file is in, to tell the maintainer what to change."""
    for adapter, (unit, _count, columns) in FORMATS.items():
        if adapter == this:
            continue
        try:
            read_xlsx(ctx.path, required_headers(unit, columns), display=ctx.display_path,
                      sheet=sheet_option(ctx))
        except DataError:
            continue
        return adapter
    return None


def _reader(adapter: str):
    unit, count, columns = FORMATS[adapter]

    def read(ctx: ReadContext) -> None:
        required: Sequence[str | Sequence[str]] = [*required_headers(unit, columns), count]
        try:
            sheet = read_xlsx(ctx.path, required, display=ctx.display_path,
                              sheet=sheet_option(ctx))
        except DataError as exc:
            header_problem = exc.row is None or "missing column" in exc.message
            other = _other_format(ctx, adapter) if header_problem else None
            if other is None:
                raise
            raise DataError(exc.message, file=exc.file, row=exc.row, column=exc.column,
                            hint=f"the file is in the format of adapter '{other}'; set "
                                 f"it for this year in hti.toml [sources.{SOURCE}] adapters",
                            sv=exc.sv,
                            sv_hint=f"filen har formatet för adaptern '{other}'; ange den för "
                                    f"det här året i hti.toml [sources.{SOURCE}] adapters"
                            ) from None
        add_wide_rows(ctx, sheet, unit=unit, measures=columns, count=count,
                      count_measure=COUNT_MEASURE)

    read.__doc__ = f"Read a {adapter} file (header '{unit}', respondents '{count}')."
    return read


@hookimpl
def hti_sources() -> list[SourceSpec]:
    return [SourceSpec(
        id=SOURCE, name="Vad tycker de äldre om äldreomsorgen? – hemtjänst",
        publisher="Socialstyrelsen", kind="survey", short_name="brukarundersökningen",
        url="https://www.socialstyrelsen.se/statistik-och-data/oppna-jamforelser/",
        description="Socialstyrelsens brukarundersökning: andel positiva svar per kommun.",
        citation="Källa: Socialstyrelsen, Vad tycker de äldre om äldreomsorgen?")]


@hookimpl
def hti_adapters() -> list[AdapterSpec]:
    return [
        AdapterSpec(id="brukarundersokning_2022", source=SOURCE,
                    read=_reader("brukarundersokning_2022"),
                    path="{year}/brukarundersokning_hemtjanst_{year}.xlsx", formats=(2022, 2023),
                    version=__version__, options=OPTIONS,
                    description="xlsx, header 'Kommunkod … Antal svarande', numbers as numbers"),
        AdapterSpec(id="brukarundersokning_2024", source=SOURCE,
                    read=_reader("brukarundersokning_2024"),
                    path="{year}/brukarundersokning_hemtjanst_{year}.xlsx", formats=(2024,),
                    version=__version__, options=OPTIONS,
                    description="xlsx, renamed columns 'Län, Kommun, Kod, Antal svar …', "
                                "shares as text with decimal commas"),
    ]
