"""What the presentation layers show, as plain data: one view per question a user asks.

The CLI prints these as tables, CSV or JSON; the TUI renders the same objects, so a
number on screen is always the number ``hti <command> --format json`` prints.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = [
    "AuditView",
    "CompareView",
    "IndicatorRow",
    "IndicatorView",
    "KommunView",
    "NodeRow",
    "PeersView",
    "PriorityView",
    "RankRow",
    "SensitivityView",
    "TrendView",
    "View",
    "WhatIfView",
    "num",
    "rank_or_none",
]


def _clean(value: Any) -> Any:
    """NaN → None, recursively, so JSON output has null instead of NaN."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    return value


def num(x: float) -> float | None:
    """A float for JSON and display: NaN (no value) becomes None."""
    return None if x != x else float(x)


def rank_or_none(x: int) -> int | None:
    """A stored rank: 0 means "no rank" and becomes None."""
    return int(x) if x > 0 else None


class View:
    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _clean(asdict(self))  # type: ignore[call-overload]
        return out


@dataclass(frozen=True)
class RankRow(View):
    rank: int | None
    kommun_kod: str
    kommun_namn: str
    lan: str | None
    kommungrupp: str | None
    index: float | None
    resultatgrupp: str | None
    group: int
    delindex: dict[str, float | None]
    delindex_rank: dict[str, int | None]
    change: float | None  # index points since the previous year
    rank_change: int | None  # positive = climbed
    coverage: float  # the share of the index's weight with a score (what min_coverage tests)
    synthetic: bool
    ranked: bool = True  # False: keeps its scores, no rank, no result group
    unranked_reason: str | None = None  # e.g. "ej rankad — för få svar i brukarundersökningen"
    observed_share: float = 1.0  # share of the index's weight with observed data
    imputed: list[str] = field(default_factory=list)  # delindex with imputed indicators
    reweighted: list[str] = field(default_factory=list)  # delindex with re-weighted (missing)
    penalised: list[str] = field(default_factory=list)  # delindex with penalised indicators


@dataclass(frozen=True)
class NodeRow(View):
    id: str
    name: str
    level: int
    parent: str | None
    score: float | None
    rank: int | None
    median: float | None
    coverage: float
    weight: float
    contribution: float | None
    vs_median: float | None  # score − the national median score of this node ("–" = None)
    reference_score: float | None = None  # the chosen reference's score of this node
    gap: float | None = None  # score − reference_score (None: no data on either side)
    parts: dict[str, float] = field(default_factory=dict)  # indicator → its part of ``gap``
    observed_share: float = 1.0
    #: report.flags markers: † imputed, ! penalised, ~ re-weighted under this node, or °
    #: context only (no weighted indicator under it: shown, never counted)
    marks: str = ""


@dataclass(frozen=True)
class IndicatorRow(View):
    id: str
    name: str
    area: str
    delindex: str
    unit: str
    direction: str
    source: str
    raw: float | None
    raw_text: str | None
    status: str
    n: float | None
    score: float | None
    median_score: float | None
    weight: float
    contribution: float | None
    vs_median: float | None  # its part of (index − national median index), index points
    gap: float | None = None  # its part of (index − the chosen reference index)
    imputation: str | None = None  # the method, where the value was imputed
    penalty: str | None = None  # the penalty, where the missing value was penalised
    role: str = "index"  # "context": shown, never weighted


@dataclass(frozen=True)
class KommunView(View):
    kommun_kod: str
    kommun_namn: str
    lan: str | None
    kommungrupp: str | None
    year: int
    index: float | None
    rank: int | None
    ranked: int
    resultatgrupp: str | None
    delindex: list[NodeRow]
    areas: list[NodeRow]
    indicators: list[IndicatorRow]
    strengths: list[str]
    weaknesses: list[str]
    rank_interval: tuple[int, int] | None
    synthetic: bool
    reference: str = "median"  # median | peers | quartile
    reference_method: str = ""  # which units the reference is taken over, in words
    index_median: float | None = None  # national median index (ranked kommuner)
    index_vs_median: float | None = None  # index − index_median
    index_reference: float | None = None  # the chosen reference's index
    index_gap: float | None = None  # index − index_reference
    is_ranked: bool = True
    unranked_reason: str | None = None
    coverage: float = 1.0
    observed_share: float = 1.0
    imputed: list[str] = field(default_factory=list)
    reweighted: list[str] = field(default_factory=list)
    penalised: list[str] = field(default_factory=list)
    penalty_cost: float | None = None  # index points the penalties cost vs re-weighting


@dataclass(frozen=True)
class CompareView(View):
    year: int
    kommuner: list[dict[str, Any]]  # kod, namn, index, rank, resultatgrupp
    nodes: list[dict[str, Any]]  # id, name, level, scores: [..], diff (first − others)
    gap: list[dict[str, Any]]  # indicators explaining the gap between the first two
    synthetic: bool


@dataclass(frozen=True)
class TrendView(View):
    kommun_kod: str
    kommun_namn: str
    years: list[dict[str, Any]]  # year, index, rank, resultatgrupp, delindex{}
    synthetic: bool


@dataclass(frozen=True)
class WhatIfView(View):
    kommun_kod: str
    kommun_namn: str
    year: int
    changes: list[dict[str, Any]]  # indicator, name, before, after
    before: dict[str, Any]  # index, rank, resultatgrupp, delindex
    after: dict[str, Any]
    synthetic: bool


@dataclass(frozen=True)
class PriorityView(View):
    kommun_kod: str
    kommun_namn: str
    year: int
    target: str
    peers_method: str  # the reference the targets come from, in words
    items: list[dict[str, Any]]
    synthetic: bool
    blocked: bool = False  # the first step unblocks a required node
    ranked: bool = True


@dataclass(frozen=True)
class PeersView(View):
    kommun_kod: str
    kommun_namn: str
    year: int
    method: str
    peers: list[dict[str, Any]]
    better: list[dict[str, Any]]
    synthetic: bool
    method_key: str = ""  # liknande | kommungrupp | storleksklass | profile
    structural: bool = True  # False: "liknande resultatprofil" (chosen by results)


@dataclass(frozen=True)
class SensitivityView(View):
    year: int
    runs: int
    seconds: float
    assumptions: dict[str, Any]
    factors: list[dict[str, Any]]  # which assumption moves ranks most (OAT and Saltelli)
    kommuner: list[dict[str, Any]]  # kod, namn, rank, median_rank, low, high, per scenario
    synthetic: bool
    scenarios: list[dict[str, Any]] = field(default_factory=list)  # side by side


@dataclass(frozen=True)
class AuditView(View):
    year: int
    indicators: list[dict[str, Any]]
    correlations: list[dict[str, Any]]
    alpha: list[dict[str, Any]]  # node, over (children | indicators), alpha, n (complete rows)
    synthetic: bool
    influence: list[dict[str, Any]] = field(default_factory=list)  # variance share vs weight


@dataclass(frozen=True)
class IndicatorView(View):
    id: str
    name: str
    name_en: str
    description: str
    area: str
    delindex: str
    source: str
    unit: str
    direction: str
    goalposts: tuple[float, float] | None
    year: int
    values: list[dict[str, Any]] = field(default_factory=list)  # kod, namn, raw, status, score
    counts: dict[str, int] = field(default_factory=dict)  # status → count
    stats: dict[str, float | None] = field(default_factory=dict)
    synthetic: bool = False
    #: a ja/nej item's answers: yes / partly / no → how many kommuner (None for numbers)
    answers: dict[str, int] | None = None
