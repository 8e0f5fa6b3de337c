"""One kommun: score, rank, every delindex, area and indicator, and why.

Contributions are index points (they add up to the index). Gaps follow
``analysis.gaps``: a node's gap is its score minus the reference's score (the national
median, the peers' median or the best quartile), and an indicator's part is its share of
the index's gap, taken against the reference unit, so the parts add up to the index gap
exactly and a node's sign is always the sign of score − reference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from hti_tui.query.analyses import rank_interval
from hti_tui.query.flags import flags, node_marks, penalty_costs
from hti_tui.query.peers import node_gaps, reference_method
from hti_tui.query.rows import IndicatorRow, KommunView, NodeRow
from hti_tui.query.rows import num as _num
from hti_tui.query.rows import rank_or_none as _rank
from hti_tui.report.flags import CONTEXT

if TYPE_CHECKING:
    from hti_tui.query.context import Index



def kommun(ix: Index, query: str, year: int | None = None,
           reference: str = "median") -> KommunView:
    """One kommun; ``reference`` (median | peers | quartile) chooses what ``gap`` and
    ``parts`` are taken against (``vs_median`` is always the national median)."""
    year = ix.default_year(year)
    unit = ix.resolve(query)
    data = ix.data(year)
    u = data.unit(unit)
    model = ix.model
    tree = model.tree
    national, _ = node_gaps(ix, year, u, "median")
    chosen, method = (national, reference_method(ix, year, u, "median"))
    if reference != "median":
        chosen, method = node_gaps(ix, year, u, reference)
    medians = national.reference
    ref_scores = chosen.reference
    ids = tree.indicator_ids
    marks = node_marks(ix, year, [u])

    def node_row(node: str) -> NodeRow:
        k = data.node(node)
        parent = tree.path(node)[1] if len(tree.path(node)) > 1 else None
        parts = chosen.node_parts(tree, k)[0]
        inside = np.flatnonzero(tree.membership[:, k] > 0)
        return NodeRow(node, ix.node_name(node), int(data.level[k]), parent,
                       _num(data.score[u, k]), _rank(data.rank[u, k]), _num(medians[k]),
                       float(data.coverage[u, k]), float(data.weight[u, k]),
                       _num(data.contribution[u, k]), _num(national.gap[0, k]),
                       reference_score=_num(ref_scores[k]), gap=_num(chosen.gap[0, k]),
                       parts={} if np.isnan(chosen.gap[0, k])
                       else {ids[i]: float(parts[i]) for i in inside},
                       observed_share=float(data.observed[u, k]), marks=marks[k][0])

    root_k = tree.n_nodes - 1
    gains = national.node_parts(tree, root_k)[0]
    gains_ref = chosen.node_parts(tree, root_k)[0]
    no_index = bool(np.isnan(national.gap[0, root_k]))
    no_ref = bool(np.isnan(chosen.gap[0, root_k]))

    delindex = [node_row(d) for d in ix.delindex_ids()]
    areas = [node_row(a) for a in ix.area_ids()]
    indicators = []
    for ident in tree.indicator_ids:
        spec = model.indicators[ident]
        k = data.node(ident)
        raw_text = data.raw_text[u, k]
        indicators.append(IndicatorRow(
            id=ident, name=ix.node_name(ident), area=spec.area,
            delindex=ix.delindex_of(ident), unit=spec.unit,
            direction="higher" if spec.direction > 0 else "lower",
            source=", ".join(spec.source_ids), raw=_num(data.raw[u, k]),
            raw_text=None if raw_text is None else str(raw_text),
            status=str(data.status[u, k]), n=_num(data.n[u, k]),
            score=_num(data.score[u, k]), median_score=_num(medians[k]),
            weight=float(data.weight[u, k]), contribution=_num(data.contribution[u, k]),
            vs_median=None if no_index else _num(gains[k]),
            gap=None if no_ref else _num(gains_ref[k]), imputation=data.imputation[u, k],
            penalty=data.penalty[u, k],
            role="context" if ident in model.context else "index"))
    indicators.sort(key=lambda r: -(r.vs_median if r.vs_median is not None else -1e9))
    # a context-only area gives no points: never a strength or a weakness of the index
    ranked_areas = sorted((a for a in areas if a.vs_median is not None and a.marks != CONTEXT),
                          key=lambda a: a.vs_median or 0.0)
    strengths = [a.name for a in reversed(ranked_areas) if (a.vs_median or 0) > 0][:3]
    weaknesses = [a.name for a in ranked_areas if (a.vs_median or 0) < 0][:3]
    info = ix.unit_info(unit)
    root = data.root
    fl = flags(ix, year)
    return KommunView(
        kommun_kod=unit, kommun_namn=info["name"], lan=info["region"],
        kommungrupp=info["group"], year=year, index=_num(data.score[u, root]),
        rank=_rank(data.rank[u, root]), ranked=int((data.rank[:, root] > 0).sum()),
        resultatgrupp=ix.group_label(int(data.group[u])), delindex=delindex, areas=areas,
        indicators=indicators, strengths=strengths, weaknesses=weaknesses,
        rank_interval=rank_interval(ix, unit, year), synthetic=data.synthetic,
        reference=reference, reference_method=method,
        index_median=_num(medians[root_k]), index_vs_median=_num(national.gap[0, root_k]),
        index_reference=_num(ref_scores[root_k]), index_gap=_num(chosen.gap[0, root_k]),
        is_ranked=bool(fl.ranked[u]), unranked_reason=fl.reason[u],
        coverage=float(fl.coverage[u]), observed_share=float(fl.observed_share[u]),
        imputed=fl.imputed[u], reweighted=fl.reweighted[u], penalised=fl.penalised[u],
        penalty_cost=_num(penalty_costs(ix, year)[u]))
