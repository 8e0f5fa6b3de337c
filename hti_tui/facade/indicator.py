"""One indicator across all kommuner: definition, distribution, best and worst."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from hti_tui.data.registry import fold
from hti_tui.errors import UsageError
from hti_tui.facade.views import IndicatorView

if TYPE_CHECKING:
    from hti_tui.facade import FacadeBase


def _num(x: float) -> float | None:
    return None if x != x else float(x)


class IndicatorMixin:
    def resolve_indicator(self: FacadeBase, query: str) -> str:
        ids = self.indicator_ids()
        if query in ids:
            return query
        by_name = {fold(self.node_name(i)): i for i in ids}
        if fold(query) in by_name:
            return by_name[fold(query)]
        import difflib

        close = difflib.get_close_matches(query, ids, n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}?" if close else "see `hti audit` for the ids"
        raise UsageError(f"no indicator '{query}'", hint=hint)

    def indicator(self: FacadeBase, query: str, year: int | None = None) -> IndicatorView:
        year = self.default_year(year)
        ident = self.resolve_indicator(query)
        data = self.data(year)
        k = data.node(ident)
        spec = self.model.indicators[ident]
        raw = data.raw[:, k]
        order = np.argsort(-np.nan_to_num(data.score[:, k], nan=-1.0), kind="stable")
        values = [{"kommun_kod": data.unit_ids[u], "kommun_namn": self.registry.name(
            data.unit_ids[u]), "raw": _num(raw[u]), "raw_text": data.raw_text[u, k],
            "status": data.status[u, k], "score": _num(data.score[u, k]),
            "rank": int(data.rank[u, k]) or None} for u in order]
        present = raw[~np.isnan(raw)]
        stats = {"n": float(present.size)}
        if present.size:
            stats.update({"min": float(present.min()), "median": float(np.median(present)),
                          "mean": float(present.mean()), "max": float(present.max()),
                          "q25": float(np.quantile(present, 0.25)),
                          "q75": float(np.quantile(present, 0.75))})
        info = self.model.nodes[ident]
        return IndicatorView(
            id=ident, name=info.name, name_en=info.name_en, description=info.description,
            area=spec.area, delindex=self.delindex_of(ident), source=", ".join(spec.source_ids),
            unit=spec.unit, direction="higher" if spec.direction > 0 else "lower",
            goalposts=spec.goalposts, year=year, values=values,
            counts=dict(Counter(str(s) for s in data.status[:, k])), stats=stats,
            synthetic=data.synthetic)
