"""Kommuner side by side, and one kommun across the years."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hti_tui.analysis.compare import gap
from hti_tui.errors import UsageError
from hti_tui.query.flags import flags, node_marks
from hti_tui.query.rows import CompareView, TrendView
from hti_tui.query.rows import num as _num

if TYPE_CHECKING:
    from hti_tui.query.context import Index


def compare(ix: Index, queries: list[str], year: int | None = None,
            top: int = 10) -> CompareView:
    """Every node for 2–5 kommuner; differences are the first kommun minus each other.

    Each node carries each kommun's ``marks`` (imputed †, penalised !, re-weighted ~,
    context °: ``report.flags``) and each kommun whether it is ``ranked`` and why not, so a
    re-weighted 100 is never shown as a plain best value."""
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
    fl = flags(ix, year)
    kommuner = [{"kommun_kod": u, "kommun_namn": ix.registry.name(u),
                 "index": _num(data.index[p]), "rank": int(data.index_rank[p]) or None,
                 "resultatgrupp": ix.group_label(int(data.group[p])),
                 "ranked": bool(fl.ranked[p]), "unranked_reason": fl.reason[p]}
                for u, p in zip(units, pos)]
    marks = node_marks(ix, year, pos)
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
                      "diff": diffs, "marks": marks[k]})
    explained = []
    for j, points in gap(ix.computed(year), pos[0], pos[1])[:top]:
        ident = tree.indicator_ids[j]
        explained.append({"indicator": ident, "name": ix.node_name(ident),
                          "points": float(points),
                          "contribution": [_num(data.contribution[p, j]) for p in pos[:2]]})
    return CompareView(year, kommuner, nodes, explained, data.synthetic)


def compare_rows(view: CompareView, children: Any, lang: str) -> list[dict[str, Any]]:
    """The rows of ``hti compare --format csv`` and of the screen's export, in tree order:
    per kommun its score, its markers in words and (after the first) the difference."""
    from hti_tui.report.flags import mark_words
    from hti_tui.report.tree_order import tree_order

    codes = [k["kommun_kod"] for k in view.kommuner]
    return [{"node": n["id"], "name": n["name"], "level": n["level"],
             **{f"score.{c}": s for c, s in zip(codes, n["scores"])},
             **{f"flags.{c}": mark_words(m, lang) for c, m in zip(codes, n["marks"])},
             **{f"diff.{c}": d for c, d in zip(codes[1:], n["diff"])}}
            for _, n in tree_order(view.nodes, children)]

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
