"""Markers and footnotes for unranked, imputed, re-weighted and penalised values, in text.

Every surface (CLI table, TUI ranking, kommun screen) marks a value the same way and explains
the marker in a footnote, so the flag reads in a monochrome terminal and in a pipe — never a
colour alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

UNRANKED = "*"
IMPUTED = "†"
REWEIGHTED = "~"
PENALISED = "!"
CONTEXT = "°"

_WORDS = {
    "sv": {UNRANKED: "ej rankad", IMPUTED: "innehåller imputerade värden",
           REWEIGHTED: "omviktat: värden saknas, vikten fördelas på de övriga",
           PENALISED: "straffat: värde saknas och poängsätts lågt"},
    "en": {UNRANKED: "not ranked", IMPUTED: "contains imputed values",
           REWEIGHTED: "re-weighted: values missing, their weight goes to the others",
           PENALISED: "penalised: value missing and scored low"},
}


def node_marker(node: str, row: Any) -> str:
    """The markers of one delindex of a rank row (``RankRow`` or its dict)."""
    get = row.get if isinstance(row, dict) else lambda k: getattr(row, k)
    out = ""
    if node in (get("imputed") or ()):
        out += IMPUTED
    if node in (get("penalised") or ()):
        out += PENALISED
    if node in (get("reweighted") or ()):
        out += REWEIGHTED
    return out


def rank_text(rank: int | None, ranked: bool) -> str:
    """'12', or '–*' for a unit that is not ranked."""
    return str(rank) if rank is not None and ranked else ("–" if ranked else f"–{UNRANKED}")


def footnotes(rows: Sequence[Any], lang: str = "sv") -> list[str]:
    """One line per marker that occurs in ``rows``; unranked with each reason and a count."""
    words = _WORDS.get(lang, _WORDS["sv"])
    get = [(r.get if isinstance(r, dict) else (lambda k, r=r: getattr(r, k))) for r in rows]
    lines = []
    reasons = Counter(g("unranked_reason") or words[UNRANKED] for g in get if not g("ranked"))
    for reason, count in reasons.most_common():
        lines.append(f"{UNRANKED} {reason} ({count})")
    for mark, key in ((IMPUTED, "imputed"), (PENALISED, "penalised"),
                      (REWEIGHTED, "reweighted")):
        if any(g(key) for g in get):
            lines.append(f"{mark} {words[mark]}")
    return lines


#: one indicator's marker in words, for the footnote under an indicator list
_INDICATOR_WORDS = {
    "sv": {IMPUTED: "imputerat värde (metoden står i statuskolumnen)",
           PENALISED: "straffat: värdet saknas (ej rapporterat) och poängsätts lågt",
           REWEIGHTED: "omviktat: värdet saknas (skyddat eller ej observerat), vikten "
                       "fördelas på de övriga",
           CONTEXT: "kontext: visas men vägs aldrig in i index"},
    "en": {IMPUTED: "imputed value (the method is in the status column)",
           PENALISED: "penalised: value missing (not reported) and scored low",
           REWEIGHTED: "re-weighted: value missing (suppressed or not observed), its weight "
                       "goes to the others",
           CONTEXT: "context: shown, never weighted into the index"},
}


def indicator_marker(row: Any) -> str:
    """The marker of one indicator row (``IndicatorRow``): context, imputed, penalised or
    re-weighted (an index indicator without a score: its weight went to the others, so the
    row's weight is 0); '' for an observed value."""
    if getattr(row, "role", "index") == "context":
        return CONTEXT
    if row.imputation:
        return IMPUTED
    if row.penalty:
        return PENALISED
    if row.score is None:
        return REWEIGHTED
    return ""


def indicator_footnotes(rows: Sequence[Any], lang: str = "sv",
                        names: bool = True) -> list[str]:
    """One line per indicator marker that occurs in ``rows``, naming the indicators (unless
    ``names`` is False: a narrow screen, where the marked rows say which)."""
    words = _INDICATOR_WORDS.get(lang, _INDICATOR_WORDS["sv"])
    lines = []
    for mark in (IMPUTED, PENALISED, REWEIGHTED, CONTEXT):
        hit = [r.name for r in rows if indicator_marker(r) == mark]
        if hit:
            lines.append(f"{mark} {words[mark]}" + (f": {', '.join(hit)}" if names else ""))
    return lines


def mark_words(marks: str, lang: str = "sv") -> str:
    """A node's markers in words ("omviktat, straffat"), '' for none: for a CSV cell, where
    a glyph alone would say nothing."""
    short = {"sv": {IMPUTED: "imputerat", PENALISED: "straffat", REWEIGHTED: "omviktat",
                    CONTEXT: "kontext"},
             "en": {IMPUTED: "imputed", PENALISED: "penalised", REWEIGHTED: "re-weighted",
                    CONTEXT: "context"}}[lang if lang in ("sv", "en") else "sv"]
    return ", ".join(short[m] for m in marks if m in short)


def mark_footnotes(marks: Sequence[str], lang: str = "sv",
                   kinds: str = IMPUTED + PENALISED + REWEIGHTED + CONTEXT) -> list[str]:
    """One line per marker of ``kinds`` that occurs in ``marks`` (each a node's markers, as
    ``query.flags.node_marks`` gives them), in the order of :func:`footnotes`; ``kinds``
    narrows it where the other lines are said already (by the delindex' footnotes)."""
    words = _WORDS.get(lang, _WORDS["sv"])
    context = _INDICATOR_WORDS.get(lang, _INDICATOR_WORDS["sv"])[CONTEXT]
    seen = set("".join(marks))
    return [f"{mark} {words[mark] if mark != CONTEXT else context}"
            for mark in kinds if mark in seen]


def compare_footnotes(kommuner: Sequence[Any], nodes: Sequence[dict[str, Any]],
                      lang: str = "sv") -> list[str]:
    """What a comparison's markers mean: unranked kommuner with the reason, then the
    nodes' markers (``hti compare`` and the compare screen say the same lines)."""
    return [*footnotes(kommuner, lang),
            *mark_footnotes([m for n in nodes for m in n["marks"]], lang)]


def coverage_text(coverage: float, observed: float, lang: str = "sv") -> str:
    """'täckning 60 %, observerat 60 %' (percent of the index's weight)."""
    if lang == "sv":
        return f"täckning {coverage * 100:.0f} %, observerat {observed * 100:.0f} %"
    return f"coverage {coverage * 100:.0f} %, observed {observed * 100:.0f} %"
