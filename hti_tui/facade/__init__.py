"""The old facade: the query layer's questions as methods, while callers move.

New code asks :mod:`hti_tui.query` directly — a plain, typed function per question over
an :class:`~hti_tui.query.context.Index`. :class:`Facade` *is* that Index with one
delegating method per question, so the screens and commands that still say
``facade.kommun(...)`` keep working; it holds no logic of its own (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from hti_tui.analysis.gaps import Gaps
from hti_tui.analysis.peers import PeerSet
from hti_tui.query import (
    analyses,
    compare,
    flags,
    indicator,
    kommun,
    peers,
    project_info,
    ranking,
    units,
)
from hti_tui.query.context import Index, YearContext
from hti_tui.query.ranking import RankQuery
from hti_tui.query.rows import (
    AuditView,
    CompareView,
    IndicatorView,
    KommunView,
    PeersView,
    PriorityView,
    RankRow,
    SensitivityView,
    TrendView,
    WhatIfView,
)

if TYPE_CHECKING:
    from hti_tui.kolada.units import UnitIndicator
    from hti_tui.query.flags import UnitFlags

#: the older name of a year's context
YearState = YearContext

__all__ = ["Facade", "Index", "YearState"]


class Facade(Index):
    """Every question the CLI and the TUI ask about an index (delegates to hti_tui.query)."""

    # -- ranking, kommun, compare, trend, indicator ------------------------------------
    def rank(self, query: RankQuery) -> list[RankRow]:
        return ranking.rank(self, query)

    def ranking(self, year: int | None = None, *, delindex: str | None = None,
                lan: str | None = None, top: int | None = None, group: str | None = None,
                kommungrupp: str | None = None) -> list[RankRow]:
        return ranking.rank(self, RankQuery(year=year, delindex=delindex, lan=lan, top=top,
                                            group=group, kommungrupp=kommungrupp))

    def kommun(self, query: str, year: int | None = None,
               reference: str = "median") -> KommunView:
        return kommun.kommun(self, query, year, reference)

    def compare(self, queries: list[str], year: int | None = None,
                top: int = 10) -> CompareView:
        return compare.compare(self, queries, year, top)

    def trend(self, query: str) -> TrendView:
        return compare.trend(self, query)

    def indicator(self, query: str, year: int | None = None) -> IndicatorView:
        return indicator.indicator(self, query, year)

    # -- analyses --------------------------------------------------------------------
    def whatif(self, query: str, changes: dict[str, float],
               year: int | None = None) -> WhatIfView:
        return analyses.whatif(self, query, changes, year)

    def indicator_bounds(self, query: str) -> tuple[float | None, float | None]:
        return analyses.indicator_bounds(self, query)

    @staticmethod
    def whatif_delta(view: WhatIfView) -> dict[str, Any]:
        return analyses.whatif_delta(view)

    def peer_info(self, year: int, u: int) -> PeerSet:
        return peers.peer_info(self, year, u)

    def peer_set(self, year: int, u: int, k: int | None = None) -> tuple[np.ndarray, str]:
        return peers.peer_set(self, year, u, k)

    def reference_method(self, year: int, u: int, reference: str) -> str:
        return peers.reference_method(self, year, u, reference)

    def node_gaps(self, year: int, u: int, reference: str = "median") -> tuple[Gaps, str]:
        return peers.node_gaps(self, year, u, reference)

    def peers(self, query: str, year: int | None = None, k: int | None = None) -> PeersView:
        return peers.peers(self, query, year, k)

    def priorities(self, query: str, year: int | None = None, target: str = "median",
                   k: int | None = None) -> PriorityView:
        return peers.priorities(self, query, year, target, k)

    def survey_inputs(self, year: int) -> tuple[np.ndarray, np.ndarray]:
        return analyses.survey_inputs(self, year)

    def sensitivity(self, year: int | None = None, runs: int | None = None,
                    seed: int | None = None, saltelli_n: int | None = None
                    ) -> tuple[SensitivityView, Any]:
        return analyses.sensitivity(self, year, runs, seed, saltelli_n)

    def rank_interval(self, unit: str, year: int) -> tuple[int, int] | None:
        return analyses.rank_interval(self, unit, year)

    def audit(self, year: int | None = None) -> AuditView:
        return analyses.audit(self, year)

    # -- the project: plugins, sources, notes, weights -----------------------------------
    def plugin_declarations(self) -> tuple[dict[str, list[str]], list[str]]:
        return project_info.plugin_declarations(self)

    def plugins(self) -> list[dict[str, Any]]:
        return project_info.plugins(self)

    def sources(self) -> list[dict[str, Any]]:
        return project_info.sources(self)

    def notes(self, year: int | None = None, severity: str | None = None
              ) -> list[dict[str, Any]]:
        return project_info.notes(self, year, severity)

    def indicator_weight(self, ident: str, year: int) -> dict[str, float | None]:
        return project_info.indicator_weight(self, ident, year)

    # -- flags in words: ranked, imputed, re-weighted, penalised ------------------------
    def flags(self, year: int) -> UnitFlags:
        return flags.flags(self, year)

    def penalty_costs(self, year: int) -> np.ndarray:
        return flags.penalty_costs(self, year)

    def source_labels(self) -> Any:
        return flags.source_labels(self)

    # -- the hemtjänst-unit level (Kolada OU data) --------------------------------------
    def unit_indicators(self) -> list[UnitIndicator]:
        return units.unit_indicators(self)

    def unit_years(self) -> list[int]:
        return units.unit_years(self)

    def units(self, query: str, year: int | None = None) -> dict[str, Any]:
        return units.units(self, query, year)
