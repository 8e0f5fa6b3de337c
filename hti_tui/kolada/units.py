"""The hemtjänst-unit level: Kolada's organisational units (OU) ranked within a kommun.

Kolada publishes the user survey's items per hemtjänst unit too (``/v3/oudata``), and
``/v3/ou`` says which kommun each unit belongs to. A unit is scored like a kommun on
the same indicators — the model's fixed goalposts and directions, so a unit's 80 and a
kommun's 80 mean the same — and its score is the mean of the indicator scores it has,
re-weighted among present ones when at least ``min_coverage`` of them are there.
Units are ranked only against the other units of their kommun (ties share the best
rank). A value Kolada did not publish (too few answers) stays suppressed: it is never
imputed, and a unit with too little published is listed, unranked, as suppressed.
Pure functions: the pages are read by :func:`load` in ``units_data``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from hti_tui.engine.normalise import goalposts
from hti_tui.engine.stats import rank_desc


@dataclass(frozen=True)
class UnitIndicator:
    """An indicator of the model that an OU KPI feeds."""

    id: str
    name: str
    kpi: str
    low: float
    high: float
    direction: int  # +1 higher is better, -1 lower


@dataclass
class UnitRow:
    ou: str
    name: str
    kommun: str
    values: dict[str, float | None] = field(default_factory=dict)  # indicator → raw
    scores: dict[str, float | None] = field(default_factory=dict)
    score: float | None = None
    coverage: float = 0.0
    rank: int | None = None
    status: str = "ok"  # ok | suppressed


def unit_names(ou_meta: Iterable[Any]) -> dict[str, tuple[str, str]]:
    """OU id → (name, kommun code), from ``/v3/ou`` rows."""
    out = {}
    for v in ou_meta:
        if isinstance(v, Mapping) and "id" in v:
            out[str(v["id"])] = (str(v.get("title", v["id"])), str(v.get("municipality", "")))
    return out


def total_values(rows: Iterable[Any]) -> dict[tuple[str, str], float | None]:
    """(ou, kpi) → the published total (gender T) or None where not published."""
    out: dict[tuple[str, str], float | None] = {}
    for r in rows:
        if not isinstance(r, Mapping):
            continue
        for v in r.get("values") or []:
            if isinstance(v, Mapping) and v.get("gender", "T") == "T":
                value = v.get("value")
                out[(str(r["ou"]), str(r["kpi"]))] = float(value) if value is not None else None
    return out


def rank_units(kommun: str, oudata: Iterable[Any], ou_meta: Iterable[Any],
               indicators: list[UnitIndicator], min_coverage: float = 0.5) -> list[UnitRow]:
    """The units of ``kommun`` scored and ranked among themselves, best first."""
    names = unit_names(ou_meta)
    values = total_values(oudata)
    ous = sorted({ou for ou, _ in values if names.get(ou, ("", ""))[1] == kommun})
    rows = [UnitRow(ou, names[ou][0], kommun) for ou in ous]
    if not rows or not indicators:
        return rows
    raw = np.array([[np.nan if values.get((r.ou, i.kpi)) is None else values[(r.ou, i.kpi)]
                     for i in indicators] for r in rows], dtype=float)
    low = np.array([i.low for i in indicators])
    high = np.array([i.high for i in indicators])
    direction = np.array([i.direction for i in indicators], dtype=float)
    scores = goalposts(raw, low, high, direction)  # NaN stays NaN
    present = ~np.isnan(raw)
    coverage = present.mean(axis=1)
    with np.errstate(invalid="ignore"):
        mean = np.nansum(scores, axis=1) / present.sum(axis=1)
    score = np.where(coverage >= min_coverage, mean, np.nan)
    ranks = rank_desc(score)
    for k, r in enumerate(rows):
        r.values = {i.id: (None if np.isnan(raw[k, j]) else float(raw[k, j]))
                    for j, i in enumerate(indicators)}
        r.scores = {i.id: (None if np.isnan(scores[k, j]) else float(scores[k, j]))
                    for j, i in enumerate(indicators)}
        r.coverage = float(coverage[k])
        r.score = None if np.isnan(score[k]) else float(score[k])
        r.rank = int(ranks[k]) if ranks[k] > 0 else None
        r.status = "ok" if r.score is not None else "suppressed"
    return sorted(rows, key=lambda r: (r.rank is None, r.rank or 0, r.name))


__all__ = ["UnitIndicator", "UnitRow", "rank_units", "total_values", "unit_names"]
