"""Why a unit is not ranked, in words, derived from the statuses of its missing cells.

A unit is unranked when a required node (Utförande in the shipped model) lacks observed
data. The reason names what is missing and where it comes from: among the unobserved cells of
the failing node, the status and source carrying the most weight. So a kommun whose survey
was suppressed reads "ej rankad — för få svar i brukarundersökningen", one that did not report
reads "ej rankad — uppgifter saknas i …" — nothing is hard-coded to a source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from hti_tui.engine.aggregate import COVERAGE_EPS
from hti_tui.engine.computed import Computed

_PREFIX = {"sv": "ej rankad", "en": "not ranked"}
_PHRASES = {
    "sv": {"survey_suppressed": "för få svar i {src}",
           "suppressed": "för litet underlag i {src} (uppgiften visas inte)",
           "not_reported": "uppgifter saknas i {src} (inte rapporterat)",
           "not_applicable": "inga uppgifter i {src} för året",
           "invalid": "ogiltiga uppgifter i {src}",
           "no_index": "för lite data för ett index"},
    "en": {"survey_suppressed": "too few answers in {src}",
           "suppressed": "too little data in {src} (value not published)",
           "not_reported": "no data in {src} (not reported)",
           "not_applicable": "no data in {src} for the year",
           "invalid": "invalid data in {src}",
           "no_index": "too little data for an index"},
}


@dataclass(frozen=True)
class SourceLabel:
    """How a reason names a source: a short name and whether it is a survey."""

    name: str
    survey: bool = False


def reason_phrase(status: str, source: SourceLabel, lang: str = "sv") -> str:
    phrases = _PHRASES.get(lang, _PHRASES["sv"])
    key = "survey_suppressed" if status == "suppressed" and source.survey else status
    return phrases.get(key, phrases["not_reported"]).format(src=source.name)


def unranked_reasons(c: Computed, source_status: np.ndarray, indicator_source: Sequence[str],
                     sources: Mapping[str, SourceLabel], lang: str = "sv") -> list[str | None]:
    """(U,) the reason per unit (None where ranked).

    ``source_status`` (U, I) the status as read; ``indicator_source`` the source id of each
    indicator (its first measure's).
    """
    tree = c.tree
    prefix = _PREFIX.get(lang, _PREFIX["sv"])
    out: list[str | None] = [None] * c.n_units
    need = tree.thresholds(c.methods.min_coverage)
    required = np.flatnonzero(tree.required)
    missing = ~(~np.isnan(c.raw) & ~c.imputed)  # not observed
    weight = tree.path_weight
    for u in np.flatnonzero(~c.ranked):  # the unranked units only (tens, not hundreds)
        failing = [k for k in required if not c.observed[u, k] >= need[k] - COVERAGE_EPS
                   or c.observed[u, k] <= 0]
        cols = (tree.membership[:, failing].sum(axis=1) > 0) if failing else \
            np.ones(tree.n_indicators, dtype=bool)
        cand = np.flatnonzero(cols & missing[u] & (weight > 0))
        if cand.size == 0:
            out[u] = f"{prefix} — {_PHRASES.get(lang, _PHRASES['sv'])['no_index']}"
            continue
        totals: dict[tuple[str, str], float] = {}
        for i in map(int, cand):
            key = (str(source_status[u, i]), indicator_source[i])
            totals[key] = totals.get(key, 0.0) + float(weight[i])
        (status, source), _ = max(totals.items(), key=lambda kv: kv[1])
        label = sources.get(source, SourceLabel(source))
        out[u] = f"{prefix} — {reason_phrase(status, label, lang)}"
    return out
