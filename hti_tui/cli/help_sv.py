"""``hti --help`` in Swedish: every command's and option's help text, and argparse's own
words ("usage:", "options" …), for a project whose hti.toml says ``language = "sv"``.

The English texts stay where the commands declare them (``add_parser``); this table is
keyed by them, so a new option without a Swedish text is shown in English rather than not
at all (``tests/cli/test_help_words.py`` lists any that lack one).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

#: argparse's own words (it asks gettext for them)
ARGPARSE: dict[str, str] = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "the following arguments are required: %s": "de här argumenten krävs: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "invalid %(type)s value: %(value)r": "ogiltigt värde (%(type)s): %(value)r",
    "unrecognized arguments: %s": "okända argument: %s",
    "expected one argument": "väntade ett argument",
    "expected at least one argument": "väntade minst ett argument",
    "expected at most one argument": "väntade högst ett argument",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s":
        "tvetydig flagga: %(option)s kan vara %(matches)s",
    "one of the arguments %s is required": "ett av argumenten %s krävs",
    "not allowed with argument %s": "inte tillåtet med argumentet %s",
}

HELP: dict[str, str] = {
    "Öppet hemtjänstindex: build, rank, explain and compare (an open model in HTI's shape, "
    "not SPF Seniorerna's index; shipped data are synthetic).":
        "Öppet hemtjänstindex: bygg, rangordna, förklara och jämför (en öppen modell i HTI:s "
        "form, inte SPF Seniorernas index; medföljande data är syntetiska).",
    "hti.toml to use (default: found in this directory or a parent)":
        "hti.toml att använda (standard: den i den här katalogen eller en överordnad)",
    "do not load this plugin (repeatable)": "ladda inte detta plugin (kan upprepas)",
    "print hti's and each plugin's version": "skriv hti:s och varje plugins version",
    "read the raw sources and compute the index": "läs råkällorna och räkna ut index",
    "list loaded plugins and any that failed": "lista laddade plugins och de som inte fungerar",
    "check the project; exit 0 only when nothing is wrong":
        "kontrollera projektet; slutkod 0 bara när inget är fel",
    "generate the synthetic raw source files": "skapa de syntetiska råfilerna",
    "download raw data from an online source (Kolada)": "hämta rådata från en källa på nätet "
                                                        "(Kolada)",
    "a kommun's hemtjänst units (Kolada OU data), ranked within the kommun":
        "en kommuns hemtjänstenheter (Koladas OU-data), rangordnade inom kommunen",
    "print the ranking": "skriv rangordningen",
    "one kommun: scores, ranks and indicator contributions":
        "en kommun: poäng, rang och indikatorernas bidrag",
    "compare two to five kommuner at every level": "jämför två till fem kommuner på alla nivåer",
    "one kommun across all index years": "en kommun över alla indexår",
    "recompute the index with changed indicator values":
        "räkna om index med ändrade indikatorvärden",
    "attainable steps that buy the most index points":
        "nåbara steg som ger flest indexpoäng",
    "comparable kommuner and where they do better":
        "jämförbara kommuner och var de gör bättre",
    "rank uncertainty under weights, methods, sampling error and missing-data scenarios":
        "rangens osäkerhet under vikter, metoder, urvalsfel och scenarier för saknade data",
    "indicator statistics, correlations, Cronbach's alpha and effective influence":
        "indikatorstatistik, korrelationer, Cronbachs alfa och faktiskt inflytande",
    "one indicator: definition, distribution, best and worst, missing values":
        "en indikator: definition, fördelning, bäst och sämst, saknade värden",
    "source files by data year and their provenance": "källfiler per dataår och deras ursprung",
    "data-quality notes of the build": "byggets datakvalitetsanteckningar",
    "open the terminal UI (also: hti with no command)":
        "öppna terminalgränssnittet (också: hti utan kommando)",
    "serve the UI in a web browser (textual-serve)":
        "visa gränssnittet i en webbläsare (textual-serve)",
    "Read every raw source file under datasets/raw through its adapter, write observations "
    "and results as Parquet. Unchanged inputs are skipped.":
        "Läs varje råfil under datasets/raw genom sin adapter, skriv observationer och "
        "resultat som Parquet. Oförändrade indata hoppas över.",
    "rebuild even what is up to date": "bygg om även det som är aktuellt",
    "output format (default: table)": "utdataformat (standard: table)",
    "the same as --format json": "samma som --format json",
    "stop after the observations (skip the index computation)":
        "sluta efter observationerna (räkna inte index)",
    "print the build plan — what would be read, computed or skipped and why — and write "
    "nothing (with --format json: the plan as JSON)":
        "skriv byggplanen — vad som skulle läsas, räknas eller hoppas över och varför — och "
        "skriv inga filer (med --format json: planen som JSON)",
    "build without plugins that failed to load or raised (recorded in the results and shown "
    "as a banner); by default such a build fails and keeps the last good results":
        "bygg utan plugins som inte kunde laddas eller som kastade fel (antecknas i "
        "resultaten och visas i en banderoll); annars misslyckas bygget och de senaste goda "
        "resultaten behålls",
    "list every note, not only the first 50": "lista alla anteckningar, inte bara de 50 första",
    "warnings count as problems too": "varningar räknas också som problem",
    "also check every mapped Kolada KPI (title, unit, discontinued) against Kolada's metadata, "
    "cached in datasets/raw/kolada/ after the first fetch":
        "kontrollera också varje mappat Kolada-nyckeltal (titel, enhet, upphört) mot Koladas "
        "metadata, sparad i datasets/raw/kolada/ efter första hämtningen",
    "Kolada API root for --kolada (default: hti.toml [sources.kolada.options] base_url)":
        "Koladas API-rot för --kolada (standard: hti.toml [sources.kolada.options] base_url)",
    "Write synthetic raw files in the publishers' shapes for every source and data year. "
    "Byte-identical for the same seed.":
        "Skriv syntetiska råfiler i utgivarnas format för varje källa och dataår. Byte för "
        "byte lika för samma frö.",
    "seed (default: hti.toml [synthetic] seed)": "frö (standard: hti.toml [synthetic] seed)",
    "directory (default: hti.toml [paths] raw)": "katalog (standard: hti.toml [paths] raw)",
    "data years (default: hti.toml)": "dataår (standard: hti.toml)",
    "overwrite raw files even if they differ from SYNTHETIC.json's hashes":
        "skriv över råfiler även om de skiljer sig från SYNTHETIC.json:s kontrollsummor",
    "Ask Kolada's API v3 for the KPIs hti.toml maps (or --kpi) and save the answers byte for "
    "byte under datasets/raw/<year>/kolada/ with a provenance record (fetch.json). A fetch "
    "that brings nothing new changes no file. Then run hti build.":
        "Fråga Koladas API v3 efter nyckeltalen hti.toml mappar (eller --kpi) och spara "
        "svaren byte för byte under datasets/raw/<år>/kolada/ med en ursprungspost "
        "(fetch.json). En hämtning utan något nytt ändrar ingen fil. Kör sedan hti build.",
    "the source to fetch": "källan att hämta",
    "data year(s) to fetch (default: every data year the model's index years read from "
    "Kolada, lags included)":
        "dataår att hämta (standard: varje dataår modellens indexår läser från Kolada, "
        "eftersläpning medräknad)",
    "KPI ids (default: every KPI in hti.toml [sources.kolada.options.kpi_measures])":
        "nyckeltals-id (standard: alla i hti.toml [sources.kolada.options.kpi_measures])",
    "API root (default: hti.toml [sources.kolada.options] base_url, else "
    "https://api.kolada.se/v3)":
        "API-rot (standard: hti.toml [sources.kolada.options] base_url, annars "
        "https://api.kolada.se/v3)",
    "also fetch Kolada's municipality groups and write RKA's 'Liknande kommuner "
    "äldreomsorg' peers of each --year (default: of each index year)":
        "hämta också Koladas kommungrupper och skriv RKA:s 'Liknande kommuner äldreomsorg' "
        "för varje --year (standard: varje indexår)",
    "seconds per request (30)": "sekunder per anrop (30)",
    "retries after a 5xx or timeout (3)": "nya försök efter 5xx eller tidsgräns (3)",
    "Score each hemtjänst unit of a kommun on the model's indicators that Kolada publishes "
    "per unit (hti.toml [sources.kolada.options] ou_kpis; fetched by `hti fetch kolada`), "
    "with the model's goalposts, and rank the units within the kommun. Values Kolada did "
    "not publish (too few answers) stay suppressed.":
        "Poängsätt varje hemtjänstenhet i en kommun på de indikatorer Kolada publicerar per "
        "enhet (hti.toml [sources.kolada.options] ou_kpis; hämtade med `hti fetch kolada`), "
        "med modellens målstolpar, och rangordna enheterna inom kommunen. Värden Kolada inte "
        "publicerat (för få svar) förblir skyddade.",
    "name or code": "namn eller kod",
    "data year of the unit survey (default: the latest fetched)":
        "dataår för enhetsundersökningen (standard: det senast hämtade)",
    "index year (default: the latest)": "indexår (standard: det senaste)",
    "rank by one delindex (id or name)": "rangordna efter ett delindex (id eller namn)",
    "only kommuner in this län (name or code)": "bara kommuner i detta län (namn eller kod)",
    "only kommuner in this kommungrupp": "bara kommuner i denna kommungrupp",
    "only this result group": "bara denna resultatgrupp",
    "only kommuner whose name contains this (or code begins)":
        "bara kommuner vars namn innehåller detta (eller kod börjar så)",
    "order by rank, name, lan, index, group, change or a delindex id (default: rank; numbers "
    "best first, names A–Ö)":
        "sortera efter rank, name, lan, index, group, change eller ett delindex-id "
        "(standard: rank; tal bäst först, namn A–Ö)",
    "the other way round": "omvänd ordning",
    "only the first N": "bara de N första",
    "name (case- and accent-tolerant) or code":
        "namn (oavsett versaler och accenter) eller kod",
    "what gaps are taken against: the national median (default), the peers' median or the "
    "best quartile":
        "vad gapen tas mot: rikets median (standard), de jämförbaras median eller bästa "
        "kvartilen",
    "names or codes (2–5)": "namn eller koder (2–5)",
    "how deep to show the tree in the table (default: all)":
        "hur djupt trädet visas i tabellen (standard: allt)",
    "a new value (repeatable; 12,5 or 12.5)": "ett nytt värde (kan upprepas; 12,5 eller 12.5)",
    "numbers: reach the national median (default), the peers' median (the peers of `hti "
    "peers`) or the best quartile; then the next rung (best quartile, goal post); ja/nej "
    "items: the next category":
        "tal: nå rikets median (standard), de jämförbaras median (de från `hti peers`) eller "
        "bästa kvartilen; sedan nästa steg (bästa kvartil, målstolpe); ja/nej-frågor: nästa "
        "kategori",
    "show the first N (default 15)": "visa de N första (standard 15)",
    "show at most K peers of a results-profile fallback (hti.toml [peers] k)":
        "visa högst K jämförbara när resultatprofilen används (hti.toml [peers] k)",
    "Monte Carlo runs (default: hti.toml)": "Monte Carlo-körningar (standard: hti.toml)",
    "random seed (default: hti.toml)": "slumpfrö (standard: hti.toml)",
    "base runs of the variance-based indices, 0 = off (default: hti.toml saltelli_n)":
        "baskörningar för de variansbaserade indexen, 0 = av (standard: hti.toml saltelli_n)",
    "show only the first N kommuner": "visa bara de N första kommunerna",
    "CSV: which table (default all, with a 'table' column)":
        "CSV: vilken tabell (standard all, med en kolumn 'table')",
    "indicator id or name": "indikatorns id eller namn",
    "how many best and worst to print in the table (default: 10)":
        "hur många bästa och sämsta som skrivs i tabellen (standard: 10)",
    "only the notes feeding this index year": "bara anteckningarna som rör detta indexår",
    "only notes of this severity": "bara anteckningar på denna nivå",
    "index year to open (default: the latest)": "indexår att öppna (standard: det senaste)",
    "override hti.toml [ui] language": "välj språk i stället för hti.toml [ui] language",
    "a Textual theme, e.g. textual-light": "ett Textual-tema, t.ex. textual-light",
    "interface to bind (default localhost)": "gränssnitt att lyssna på (standard localhost)",
    "port (default 8000)": "port (standard 8000)",
    "index year to open": "indexår att öppna",
    "do not require the token printed at start (anyone who can reach the port gets the UI)":
        "kräv inte nyckeln som skrivs vid start (alla som når porten får gränssnittet)",
    "at most this many browser sessions at once (default 4; each runs a process)":
        "högst så här många webbläsarsessioner samtidigt (standard 4; var och en är en "
        "process)",
}


def language_of(argv: Sequence[str]) -> str:
    """The project's [ui] language, read cheaply before the arguments are parsed (``--config
    PATH`` or the hti.toml found from here); Swedish when none can be read."""
    config: Path | None = None
    args = list(argv)
    for i, arg in enumerate(args):
        if arg == "--config" and i + 1 < len(args):
            config = Path(args[i + 1])
        elif arg.startswith("--config="):
            config = Path(arg.split("=", 1)[1])
    try:
        if config is None:
            from hti_tui.project.config import find_config

            config = find_config()
        ui = tomllib.loads(config.read_text(encoding="utf-8")).get("ui", {})
    except Exception:  # an unreadable hti.toml is reported by the command; help still shows
        return "sv"
    language = ui.get("language", "sv") if isinstance(ui, dict) else "sv"
    return language if language in ("sv", "en") else "sv"


def _gettext(text: str) -> str:
    return ARGPARSE.get(text, text)


def use(language: str) -> None:
    """argparse's own words in ``language`` from now on (argparse looks them up through
    its module's ``_`` as it builds a parser and as it prints; set back for English)."""
    import gettext

    argparse._ = _gettext if language == "sv" else gettext.gettext  # type: ignore[attr-defined]


def translate(parser: argparse.ArgumentParser, language: str) -> None:
    """In Swedish: every help text of ``parser`` and its subcommands."""
    if language == "sv":
        _walk(parser)


def untranslated(parser: argparse.ArgumentParser) -> list[str]:
    """Help texts of ``parser`` without a Swedish text (for the test)."""
    out: list[str] = []
    _walk(parser, out)
    return out


def _walk(parser: argparse.ArgumentParser, missing: list[str] | None = None) -> None:
    def swap(text: str | None) -> str | None:
        if not text or text == argparse.SUPPRESS:
            return text
        if text not in HELP and text not in ARGPARSE and missing is not None:
            missing.append(text)
        return HELP.get(text) or ARGPARSE.get(text) or text

    if missing is None:
        parser.description = swap(parser.description)
        for group in parser._action_groups:  # titled when the parser was made
            group.title = ARGPARSE.get(group.title or "", group.title)
    else:
        swap(parser.description)
    for action in parser._actions:
        if missing is None:
            action.help = swap(action.help)
        else:
            swap(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if missing is None:
                    choice.help = swap(choice.help)
                else:
                    swap(choice.help)
            for sub in action.choices.values():
                _walk(sub, missing)
