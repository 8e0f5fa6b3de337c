"""The ranking: every kommun's rank, index, result group and delindex, with filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hti_tui.data.registry import fold
from hti_tui.errors import UsageError
from hti_tui.facade.views import RankRow
from hti_tui.query.ranking import RankQuery

if TYPE_CHECKING:
    from hti_tui.facade import FacadeBase


def _num(x: float) -> float | None:
    return None if x != x else float(x)


def _int(x: int) -> int | None:
    return int(x) if x > 0 else None


class RankingMixin:
    def ranking(self: FacadeBase, year: int | None = None, *, delindex: str | None = None,
                lan: str | None = None, top: int | None = None,
                group: str | None = None, kommungrupp: str | None = None) -> list[RankRow]:
        """Rows sorted by rank (of the index, or of one delindex), filters applied."""
        return self.rank(RankQuery(year=year, delindex=delindex, lan=lan, top=top, group=group,
                                   kommungrupp=kommungrupp))

    def rank(self: FacadeBase, query: RankQuery) -> list[RankRow]:
        """The rows of ``query``: what ``hti rank`` prints and the ranking screen shows."""
        year = self.default_year(query.year)
        delindex = query.delindex
        data = self.data(year)
        dels = self.delindex_ids()
        if delindex is not None and delindex not in dels:
            names = {fold(self.node_name(d)): d for d in dels}
            if fold(delindex) in names:
                delindex = names[fold(delindex)]
            else:
                raise UsageError(f"no delindex '{delindex}'", hint="choose one of: " +
                                 ", ".join(dels))
        query.check_sort(dels)
        order_node = data.node(delindex) if delindex else data.root
        prev = self.previous_year(year)
        prev_data = self.data(prev) if prev is not None else None
        prev_pos = {u: i for i, u in enumerate(prev_data.unit_ids)} if prev_data else {}
        reg = self.registry
        regions = reg.table.column("region").to_pylist()
        groups = reg.table.column("group").to_pylist()
        del_pos = [data.node(d) for d in dels]
        fl = self.flags(year)
        rows = []
        for u, unit in enumerate(data.unit_ids):
            r = reg.position(unit)
            change = rank_change = None
            if prev_data is not None and unit in prev_pos:
                p = prev_pos[unit]
                change = _num(data.index[u] - prev_data.index[p])
                if data.index_rank[u] > 0 and prev_data.index_rank[p] > 0:
                    rank_change = int(prev_data.index_rank[p] - data.index_rank[u])
            rows.append(RankRow(
                rank=_int(data.rank[u, order_node]), kommun_kod=unit, kommun_namn=reg.names[r],
                lan=regions[r], kommungrupp=groups[r], index=_num(data.index[u]),
                resultatgrupp=self.group_label(int(data.group[u])), group=int(data.group[u]),
                delindex={d: _num(data.score[u, k]) for d, k in zip(dels, del_pos)},
                delindex_rank={d: _int(data.rank[u, k]) for d, k in zip(dels, del_pos)},
                change=change, rank_change=rank_change,
                coverage=float(fl.coverage[u]), synthetic=data.synthetic,
                ranked=bool(fl.ranked[u]), unranked_reason=fl.reason[u],
                observed_share=float(fl.observed_share[u]), imputed=fl.imputed[u],
                reweighted=fl.reweighted[u], penalised=fl.penalised[u]))
        if query.kommungrupp and not any(groups):
            raise UsageError(f"no kommungrupp to filter on: the column is empty in {reg.file}",
                             hint="fill the registry's kommungrupp column (SKR's grouping)")
        lan_codes = dict(zip(reg.ids, reg.table.column("region_id").to_pylist()))
        return query.apply(rows, self.config.index.unit_label, lan_codes, self.group_labels())

    def group_labels(self: FacadeBase) -> list[str]:
        """The result groups' labels in the user's language, best first."""
        rg = self.config.method.result_groups
        return list(reversed(rg.labels if self.language == "sv" else rg.labels_en))
