"""Per-unit flags every surface shows: ranked or not (and why), coverage, what was imputed,
re-weighted or penalised — read from the stored results, so the CLI and the UI agree."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from hti_tui.pipeline.reasons import unranked_reasons

if TYPE_CHECKING:
    from hti_tui.engine.tree import Tree
    from hti_tui.query.context import Index
    from hti_tui.query.yeardata import YearData


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


def _weighted_masks(data: YearData, tree: Tree, rows: slice | np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(imputed, penalised, missing) of the units at ``rows`` × indicators, weighted
    indicators only (context never counts): what :func:`flags` sums per delindex and
    :func:`node_marks` per node."""
    n_ind = tree.n_indicators
    weighted = (tree.path_weight > 0)[None, :]
    status = data.status[rows, :n_ind]
    imputed = (status == "imputed") & weighted
    penalised = np.asarray([[p is not None for p in row] for row in data.penalty[rows, :n_ind]],
                           dtype=bool).reshape(status.shape) & weighted
    missing = np.isnan(data.score[rows, :n_ind]) & weighted
    return imputed, penalised, missing


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
    imputed, penalised, missing = _weighted_masks(data, tree, slice(None))
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

    tree = ix.model.tree
    member = tree.membership  # (I, N)
    masks = _weighted_masks(ix.data(year), tree, np.asarray(positions, dtype=int))
    hits = [(mark, (mask.astype(float) @ member) > 0)
            for mark, mask in zip((IMPUTED, PENALISED, REWEIGHTED), masks)]  # (P, N) each
    context = ((tree.path_weight > 0).astype(float) @ member) == 0  # (N,)
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
