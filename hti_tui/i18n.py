"""Words and numbers as the users read them: Swedish by default, English on request.

Labels are looked up by key so the CLI and the TUI say the same thing; numbers get
a decimal comma in Swedish; names sort the Swedish way (Å, Ä, Ö after Z).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

LABELS: dict[str, tuple[str, str]] = {
    # key: (svenska, English)
    "rank": ("Rang", "Rank"),
    "imputed": ("imputerat", "imputed"),
    "penalty": ("straff", "penalty"),
    "context": ("kontext, vägs inte in", "context, not weighted"),
    "kommun": ("Kommun", "Municipality"),
    "kommuner": ("kommuner", "municipalities"),
    "lan": ("Län", "County"),
    "kommungrupp": ("Kommungrupp", "Municipality group"),
    "index": ("Index", "Index"),
    "delindex": ("Delindex", "Sub-index"),
    "kvalitetsomrade": ("Kvalitetsområde", "Quality area"),
    "indikator": ("Indikator", "Indicator"),
    "resultatgrupp": ("Resultatgrupp", "Result group"),
    "change": ("Förändring", "Change"),
    "change_short": ("Δ", "Δ"),
    "score": ("Poäng", "Score"),
    "raw": ("Värde", "Value"),
    "status": ("Status", "Status"),
    "weight": ("Vikt", "Weight"),
    "contribution": ("Bidrag", "Contribution"),
    "vs_median": ("Mot median", "Vs median"),
    "median": ("Median", "Median"),
    "year": ("År", "Year"),
    "source": ("Källa", "Source"),
    "description": ("Definition", "Definition"),
    "unit": ("Enhet", "Unit"),
    "direction": ("Riktning", "Direction"),
    "higher": ("högre är bättre", "higher is better"),
    "lower": ("lägre är bättre", "lower is better"),
    "strengths": ("Styrkor", "Strengths"),
    "weaknesses": ("Utvecklingsområden", "Areas to develop"),
    "peers": ("Jämförbara kommuner", "Peers"),
    "priorities": ("Prioriteringar", "Priorities"),
    "trend": ("Utveckling över tid", "Trend"),
    "rank_interval": ("Rangintervall", "Rank interval"),
    "of": ("av", "of"),
    "now": ("Nu", "Now"),
    "target": ("Mål", "Target"),
    "plus_points": ("+ indexpoäng", "+ index points"),
    "index_points": ("indexpoäng", "index points"),
    "new_index": ("Nytt index", "New index"),
    "new_rank": ("Ny rang", "New rank"),
    "to_median": ("nå de jämförbaras median", "reach the peers' median"),
    "to_quartile": ("nå de jämförbaras bästa kvartil", "reach the peers' best quartile"),
    "coverage": ("Täckning", "Coverage"),
    "respondents": ("Antal svar", "Respondents"),
    "ok": ("ok", "ok"),
    "suppressed": ("skyddad (för få svar)", "suppressed (too few answers)"),
    "not_reported": ("ej rapporterad", "not reported"),
    "not_applicable": ("ej tillämplig", "not applicable"),
    "invalid": ("ogiltig", "invalid"),
    "missing": ("saknas", "missing"),
    # CLI headings and column names
    "whatif": ("tänk om", "what if"),
    "factors_title": ("Vilket antagande flyttar rangen mest (medel |rangförskjutning|, ett i "
                      "taget)", "Which assumption moves ranks most (mean |rank shift|, one at "
                      "a time)"),
    "assumption": ("Antagande", "Assumption"),
    "mean_rank_shift": ("Medel rangförskjutning", "Mean rank shift"),
    "low": ("Lägst", "Low"),
    "high": ("Högst", "High"),
    "moved_most_by": ("Flyttas mest av", "Moved most by"),
    "runs_in": ("{runs} körningar på {seconds} s · vikter ±{spread} %",
                "{runs} runs in {seconds} s · weights ±{spread} %"),
    "sources": ("Källor", "Sources"),
    "period": ("Period", "Period"),
    "adapter": ("Adapter", "Adapter"),
    "file": ("Fil", "File"),
    "synthetic_col": ("Syntetisk", "Synthetic"),
    "rows": ("Rader", "Rows"),
    "state": ("Läge", "State"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "built": ("byggd", "built"),
    "not_built": ("inte byggd", "not built"),
    "file_missing": ("filen saknas", "file missing"),
    "notes_title": ("Datakvalitet", "Data-quality notes"),
    "notes_count": ("{n} anteckningar", "{n} notes"),
    "severity": ("Nivå", "Severity"),
    "row": ("Rad", "Row"),
    "column": ("Kolumn", "Column"),
    "message": ("Meddelande", "Message"),
    "plugins_title": ("Plugins (hook-API {version})", "Plugins (hook API {version})"),
    "name": ("Namn", "Name"),
    "origin": ("Ursprung", "Origin"),
    "version": ("Version", "Version"),
    "hooks": ("Hooks", "Hooks"),
    "declares": ("Deklarerar", "Declares"),
    "audit_outlier": ("extremvärde: |skevhet| > 2 och kurtosis > 3,5 (JRC/OECD)",
                      "outlier: |skew| > 2 and kurtosis > 3.5 (JRC/OECD rule)"),
    "node": ("Nod", "Node"),
    "synth_title": ("Syntetiska råfiler", "Synthetic raw files"),
    "bytes": ("Byte", "Bytes"),
    "observations": ("Observationer", "Observations"),
    # what a plugin declares (one, many) and where it came from (hti plugins, the UI)
    "kind_source": ("källa", "source"), "kind_sources": ("källor", "sources"),
    "kind_adapter": ("adapter", "adapter"), "kind_adapters": ("adaptrar", "adapters"),
    "kind_indicator": ("indikator", "indicator"),
    "kind_indicators": ("indikatorer", "indicators"),
    "kind_method": ("metod", "method"), "kind_methods": ("metoder", "methods"),
    "origin_built-in": ("inbyggd", "built-in"), "origin_directory": ("katalog", "directory"),
    "origin_entry point": ("installerat paket", "entry point"),
    "origin_in memory": ("i minnet", "in memory"),
    "sev_error": ("fel", "error"),
    "sev_warning": ("varning", "warning"),
    "sev_info": ("info", "info"),
    # where a priority's target comes from (hti priorities' "Mål från", the kommun screen)
    "target_from": ("Mål från", "Target from"),
    "basis_next_category": ("nästa kategori", "next category"),
    "basis_category": ("rapportera (referensens kategori)", "report (the reference's category)"),
    "basis_median": ("median (riket)", "national median"),
    "basis_peers": ("jämförbaras median", "peers' median"),
    "basis_quartile": ("bästa kvartil", "best quartile"),
    "basis_goalpost": ("målstolpe", "goal post"),
    "basis_unblock": ("gör kommunen rankad", "makes the kommun ranked"),
    # names of the sensitivity analysis' factors and missing-data scenarios (JSON keeps ids)
    "factor_weights": ("vikter", "weights"),
    "factor_normalisation": ("normalisering", "normalisation"),
    "factor_aggregation": ("aggregering", "aggregation"),
    "factor_sampling": ("urvalsfel", "sampling error"),
    "factor_missing": ("saknade data", "missing data"),
    "level_areas": ("kvalitetsområden", "areas"),
    "level_delindex": ("delindex", "delindex"),
    "level_indicators": ("indikatorer", "indicators"),
    "scenario_reweight": ("omviktning", "reweight"),
    "scenario_penalise": ("straff för saknat", "penalise"),
    "scenario_impute": ("imputering", "impute"),
    "synthetic": ("SYNTETISKA DATA — genererade värden, inte publicerade. Öppen modell, inte "
                  "SPF Seniorernas Hemtjänstindex.",
                  "SYNTHETIC DATA — generated values, not published ones. Open model, not "
                  "SPF Seniorerna's Hemtjänstindex."),
}


#: compact column headers for long node names (a table at 120 columns shows every delindex)
SHORT: dict[str, str] = {
    "Information": "Info",
    "Biståndshandläggning": "Bistånd",
    "Stöd och utveckling": "Stöd",
    "Needs assessment": "Assessment",
    "Delivery of care": "Delivery",
    "Support and development": "Support",
}


def short_name(name: str, width: int = 10) -> str:
    """A compact header for a node name: a known short form, else its first word.

    Headers are for reading, not for typing back: the full name stays in the title,
    the help and the CLI's ``--format json``.
    """
    if name in SHORT:
        return SHORT[name]
    if len(name) <= width:
        return name
    first = name.split()[0]
    return first if len(first) <= width else first[:width - 1] + "…"


def choose(words: Mapping[str, tuple[str, str]], key: str, language: str,
           **fmt: object) -> str:
    """A screen's own word from its (svenska, English) table, else a shared label.

    ``fmt`` fills ``{name}`` placeholders. An unknown key is shown as itself, so a
    missing translation is visible instead of fatal.
    """
    pair = words.get(key) or LABELS.get(key)
    if pair is None:
        return key
    text = pair[0] if language == "sv" else pair[1]
    return text.format(**fmt) if fmt else text


def term(kind: str, name: str, language: str) -> str:
    """A factor's or scenario's name (``term("factor", "weights", "sv")`` → "vikter"); an
    unknown one (a plugin's method, say) is shown as its id."""
    return label(f"{kind}_{name}", language) if f"{kind}_{name}" in LABELS else name


def label(key: str, language: str = "sv") -> str:
    """A shared label (:data:`LABELS`) in the language; the key itself when unknown."""
    return choose({}, key, language)


def number(value: float | None, decimals: int = 1, language: str = "sv", sign: bool = False
           ) -> str:
    """'63,4' in Swedish, '63.4' in English, '–' when missing; ``sign`` adds '+'."""
    if value is None or value != value:
        return "–"
    text = f"{value:+.{decimals}f}" if sign else f"{value:.{decimals}f}"
    text = text.replace("-", "−")  # a real minus sign reads better than a hyphen
    return text.replace(".", ",") if language == "sv" else text


def percent(share: float | None, decimals: int = 1, language: str = "sv") -> str:
    """A share (0–1) as '12,5 %' (the number as :func:`number` writes it, then ' %')."""
    return f"{number(None if share is None else 100 * share, decimals, language)} %"


_ORDER = "abcdefghijklmnopqrstuvwxyzåäö"
_RANK = {c: i for i, c in enumerate(_ORDER)}


def swedish_key(text: str) -> tuple[int, ...]:
    """Sort key in Swedish alphabetical order: … X, Y, Z, Å, Ä, Ö; é as e, ü as y."""
    out: list[int] = []
    for ch in text.casefold():
        if ch in _RANK:
            out.append(_RANK[ch])
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        if ch in "üű":
            base = "y"
        if ch in "æ":
            base = "ä"
        if ch in "øœ":
            base = "ö"
        out.append(_RANK.get(base, 100 + ord(base) if base.isalnum() else -1))
    return tuple(out)
