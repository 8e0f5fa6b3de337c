"""Per-unit flags every surface shows: ranked or not (and why), coverage, what was imputed,
re-weighted or penalised — read from the stored results, so the CLI and the UI agree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from hti_tui.pipeline.reasons import unranked_reasons

if TYPE_CHECKING:
    from hti_tui.query.context import Index


@dataclass(frozen=True)
class UnitFlags:
    """(U,)-indexed flags of one year. ``imputed[u]`` / ``reweighted[u]`` / ``penalised[u]``
    list the delindex ids with at least one such indicator (weighted indicators only)."""

    ranked: np.ndarray
    reason: list[str | None]
    coverage: np.ndarray  # root: the share min_coverage tests
    observed_share: np.ndarray  # root: the share of weight with observed data
    imputed: list[list[str]]
    reweighted: list[list[str]]
    penalised: list[list[str]]


def _by_delindex(mask: np.ndarray, member: np.ndarray, dels: list[str]) -> list[list[str]]:
    hit = (mask.astype(float) @ member) > 0  # (U, D)
    return [[d for d, h in zip(dels, row) if h] for row in hit]


def flags(ix: Index, year: int) -> UnitFlags:
    """The flags of ``year`` (cached with the year's results)."""
    cache = ix.cache("flags")
    if year in cache:
        cached: UnitFlags = cache[year]
        return cached
    data = ix.data(year)
    tree = ix.model.tree
    n_ind = tree.n_indicators
    dels = ix.delindex_ids()
    member = tree.membership[:, [tree.index_of(d) for d in dels]]
    weighted = (tree.path_weight > 0)[None, :]
    status = data.status[:, :n_ind]
    imputed = (status == "imputed") & weighted
    penalised = np.asarray([[p is not None for p in row] for row in data.penalty[:, :n_ind]],
                           dtype=bool).reshape(status.shape) & weighted
    missing = np.isnan(data.score[:, :n_ind]) & weighted
    if ix.language == "sv":
        reason = [None if r is None else str(r) for r in data.unranked_reason]
    else:
        model = ix.model
        src = [model.indicators[i].source_ids[0] for i in tree.indicator_ids]
        reason = unranked_reasons(ix.computed(year), data.source_status[:, :n_ind], src,
                                  source_labels(ix), ix.language)
    out = UnitFlags(data.ranked.copy(), reason, data.coverage[:, data.root].copy(),
                    data.observed[:, data.root].copy(), _by_delindex(imputed, member, dels),
                    _by_delindex(missing, member, dels), _by_delindex(penalised, member, dels))
    cache[year] = out
    return out


def node_marks(ix: Index, year: int, positions: list[int]) -> list[list[str]]:
    """Each node's markers (``report.flags``) for the units at ``positions``: ``out[k][i]``
    marks node ``k`` of unit ``positions[i]`` with † (a weighted indicator under it is
    imputed), ! (penalised), ~ (missing, its weight went to the others) — in that order, as
    :func:`hti_tui.report.flags.node_marker` — or ° for a node that is context only (no
    weighted indicator under it). One matrix product per kind over all nodes."""
    from hti_tui.report.flags import CONTEXT, IMPUTED, PENALISED, REWEIGHTED

    data = ix.data(year)
    tree = ix.model.tree
    n_ind = tree.n_indicators
    pos = np.asarray(positions, dtype=int)
    weighted = tree.path_weight > 0
    member = tree.membership  # (I, N)
    status = data.status[pos, :n_ind]
    kinds = (
        (IMPUTED, status == "imputed"),
        (PENALISED, np.asarray([[p is not None for p in row] for row in data.penalty[pos, :n_ind]],
                               dtype=bool).reshape(status.shape)),
        (REWEIGHTED, np.isnan(data.score[pos, :n_ind])),
    )
    hits = [(mark, ((mask & weighted[None, :]).astype(float) @ member) > 0)
            for mark, mask in kinds]  # (P, N) each
    context = (weighted.astype(float) @ member) == 0  # (N,)
    out: list[list[str]] = []
    for k in range(tree.n_nodes):
        if context[k]:
            out.append([CONTEXT] * len(positions))
            continue
        out.append(["".join(mark for mark, hit in hits if hit[i, k])
                    for i in range(len(positions))])
    return out


def penalty_costs(ix: Index, year: int) -> np.ndarray:
    """(U,) index points each kommun's penalties cost against re-weighting them (one
    engine run for the whole year, kept: each kommun's view reads its own entry)."""
    from hti_tui.pipeline.inputs import penalty_cost

    cache = ix.cache("penalty_costs")
    if year not in cache:
        st = ix.year(year)
        m = ix.model
        cache[year] = penalty_cost(m.tree, st.values, m.params, m.methods, st.penalise,
                                   st.imputed, st.computed)
    cost: np.ndarray = cache[year]
    return cost


def source_labels(ix: Index) -> Any:
    """The sources' names for the reasons in words (``pipeline.results.source_labels``)."""
    from hti_tui.pipeline.results import source_labels as labels

    return labels(ix.project)
