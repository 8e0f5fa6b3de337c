"""Kommuner side by side, and one kommun across the years."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hti_tui.analysis.compare import gap
from hti_tui.errors import UsageError
from hti_tui.query.rows import CompareView, TrendView
from hti_tui.query.rows import num as _num

if TYPE_CHECKING:
    from hti_tui.query.context import Index



def compare(ix: Index, queries: list[str], year: int | None = None,
            top: int = 10) -> CompareView:
    """Every node for 2–5 kommuner; differences are the first kommun minus each other."""
    if not 2 <= len(queries) <= 5:
        raise UsageError("compare needs two to five kommuner",
                         sv="jämförelsen behöver två till fem kommuner")
    year = ix.default_year(year)
    units = [ix.resolve(q) for q in queries]
    if len(set(units)) != len(units):
        raise UsageError("the same kommun is named twice",
                         sv="samma kommun är angiven två gånger")
    data = ix.data(year)
    pos = [data.unit(u) for u in units]
    kommuner = [{"kommun_kod": u, "kommun_namn": ix.registry.name(u),
                 "index": _num(data.index[p]), "rank": int(data.index_rank[p]) or None,
                 "resultatgrupp": ix.group_label(int(data.group[p]))}
                for u, p in zip(units, pos)]
    nodes = []
    tree = ix.model.tree
    for k in reversed(range(len(data.node_ids))):  # root first, indicators last
        node = data.node_ids[k]
        scores = [_num(data.score[p, k]) for p in pos]
        first = scores[0]
        diffs = [None if first is None or s is None else first - s for s in scores[1:]]
        nodes.append({"id": node, "name": ix.node_name(node), "level": int(data.level[k]),
                      "parent": tree.path(node)[1] if len(tree.path(node)) > 1 else None,
                      "scores": scores, "ranks": [int(data.rank[p, k]) or None for p in pos],
                      "diff": diffs})
    explained = []
    for j, points in gap(ix.computed(year), pos[0], pos[1])[:top]:
        ident = tree.indicator_ids[j]
        explained.append({"indicator": ident, "name": ix.node_name(ident),
                          "points": float(points),
                          "contribution": [_num(data.contribution[p, j]) for p in pos[:2]]})
    return CompareView(year, kommuner, nodes, explained, data.synthetic)

def trend(ix: Index, query: str) -> TrendView:
    unit = ix.resolve(query)
    years: list[dict[str, Any]] = []
    for year in ix.built_years():
        data = ix.data(year)
        if unit not in data.unit_ids:
            continue
        u = data.unit(unit)
        years.append({
            "year": year, "index": _num(data.index[u]),
            "rank": int(data.index_rank[u]) or None,
            "ranked": int((data.index_rank > 0).sum()),
            "resultatgrupp": ix.group_label(int(data.group[u])),
            "delindex": {d: _num(data.score[u, data.node(d)]) for d in ix.delindex_ids()},
        })
    if not years:
        raise UsageError("no index year has been built", hint="run `hti build`",
                         sv="inget indexår är byggt", sv_hint="kör `hti build`")
    synthetic = any(ix.data(y["year"]).synthetic for y in years)
    return TrendView(unit, ix.registry.name(unit), years, synthetic)
