"""The ranking: every kommun's rank, index, result group and delindex, with filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from hti_tui.data.registry import fold
from hti_tui.errors import UsageError
from hti_tui.facade.views import RankRow

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
        year = self.default_year(year)
        data = self.data(year)
        dels = self.delindex_ids()
        if delindex is not None and delindex not in dels:
            names = {fold(self.node_name(d)): d for d in dels}
            if fold(delindex) in names:
                delindex = names[fold(delindex)]
            else:
                raise UsageError(f"no delindex '{delindex}'", hint="choose one of: " +
                                 ", ".join(dels))
        order_node = data.node(delindex) if delindex else data.root
        prev = self.previous_year(year)
        prev_data = self.data(prev) if prev is not None else None
        prev_pos = {u: i for i, u in enumerate(prev_data.unit_ids)} if prev_data else {}
        reg = self.registry
        regions = reg.table.column("region").to_pylist()
        groups = reg.table.column("group").to_pylist()
        del_pos = [data.node(d) for d in dels]
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
                coverage=float(data.coverage[u, data.root]), synthetic=data.synthetic))
        if lan:
            wanted = fold(lan)
            rows = [row for row in rows if row.lan and (
                fold(row.lan) == wanted or fold(row.lan).startswith(wanted)
                or reg.table.column("region_id")[reg.position(row.kommun_kod)].as_py() == lan)]
            if not rows:
                raise UsageError(f"no {self.config.index.unit_label} in län '{lan}'")
        if kommungrupp:
            known = sorted({g for g in groups if g})
            if not known:
                raise UsageError(
                    f"no kommungrupp to filter on: the column is empty in {reg.file}",
                    hint="fill the registry's kommungrupp column (SKR's grouping)")
            rows = [row for row in rows if row.kommungrupp and
                    fold(row.kommungrupp).startswith(fold(kommungrupp))]
            if not rows:
                raise UsageError(f"no {self.config.index.unit_label} in kommungrupp "
                                 f"'{kommungrupp}'", hint="choose one of: " + ", ".join(known))
        if group:
            rows = [row for row in rows if row.resultatgrupp and
                    fold(row.resultatgrupp).startswith(fold(group))]
        key = np.array([row.rank if row.rank is not None else 10**9 for row in rows])
        names = [fold(row.kommun_namn) for row in rows]
        order = sorted(range(len(rows)), key=lambda i: (key[i], names[i]))
        rows = [rows[i] for i in order]
        return rows[:top] if top else rows
