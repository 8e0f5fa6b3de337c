"""Kommuner side by side, and one kommun across the years."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hti_tui.analysis.compare import gap
from hti_tui.errors import UsageError
from hti_tui.facade.views import CompareView, TrendView

if TYPE_CHECKING:
    from hti_tui.facade import FacadeBase


def _num(x: float) -> float | None:
    return None if x != x else float(x)


class CompareMixin:
    def compare(self: FacadeBase, queries: list[str], year: int | None = None,
                top: int = 10) -> CompareView:
        """Every node for 2–5 kommuner; differences are the first kommun minus each other."""
        if not 2 <= len(queries) <= 5:
            raise UsageError("compare needs two to five kommuner")
        year = self.default_year(year)
        units = [self.resolve(q) for q in queries]
        if len(set(units)) != len(units):
            raise UsageError("the same kommun is named twice")
        data = self.data(year)
        pos = [data.unit(u) for u in units]
        kommuner = [{"kommun_kod": u, "kommun_namn": self.registry.name(u),
                     "index": _num(data.index[p]), "rank": int(data.index_rank[p]) or None,
                     "resultatgrupp": self.group_label(int(data.group[p]))}
                    for u, p in zip(units, pos)]
        nodes = []
        tree = self.model.tree
        for k in reversed(range(len(data.node_ids))):  # root first, indicators last
            node = data.node_ids[k]
            scores = [_num(data.score[p, k]) for p in pos]
            first = scores[0]
            diffs = [None if first is None or s is None else first - s for s in scores[1:]]
            nodes.append({"id": node, "name": self.node_name(node), "level": int(data.level[k]),
                          "parent": tree.path(node)[1] if len(tree.path(node)) > 1 else None,
                          "scores": scores, "ranks": [int(data.rank[p, k]) or None for p in pos],
                          "diff": diffs})
        explained = []
        for j, points in gap(self.computed(year), pos[0], pos[1])[:top]:
            ident = tree.indicator_ids[j]
            explained.append({"indicator": ident, "name": self.node_name(ident),
                              "points": float(points),
                              "contribution": [_num(data.contribution[p, j]) for p in pos[:2]]})
        return CompareView(year, kommuner, nodes, explained, data.synthetic)

    def trend(self: FacadeBase, query: str) -> TrendView:
        unit = self.resolve(query)
        years = []
        for year in self.built_years():
            data = self.data(year)
            if unit not in data.unit_ids:
                continue
            u = data.unit(unit)
            years.append({
                "year": year, "index": _num(data.index[u]),
                "rank": int(data.index_rank[u]) or None,
                "ranked": int((data.index_rank > 0).sum()),
                "resultatgrupp": self.group_label(int(data.group[u])),
                "delindex": {d: _num(data.score[u, data.node(d)]) for d in self.delindex_ids()},
            })
        if not years:
            raise UsageError("no index year has been built", hint="run `hti build`")
        synthetic = any(self.data(y["year"]).synthetic for y in years)
        return TrendView(unit, self.registry.name(unit), years, synthetic)
