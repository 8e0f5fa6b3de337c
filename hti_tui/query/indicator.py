"""One indicator across all kommuner: definition, distribution, best and worst."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from hti_tui.query.rows import IndicatorView
from hti_tui.query.rows import num as _num

if TYPE_CHECKING:
    from hti_tui.query.context import Index


def indicator(ix: Index, query: str, year: int | None = None) -> IndicatorView:
    year = ix.default_year(year)
    ident = ix.resolve_indicator(query)
    data = ix.data(year)
    k = data.node(ident)
    spec = ix.model.indicators[ident]
    raw = data.raw[:, k]
    order = np.argsort(-np.nan_to_num(data.score[:, k], nan=-1.0), kind="stable")
    values = [{"kommun_kod": data.unit_ids[u], "kommun_namn": ix.registry.name(
        data.unit_ids[u]), "raw": _num(raw[u]), "raw_text": data.raw_text[u, k],
        "status": data.status[u, k], "score": _num(data.score[u, k]),
        "rank": int(data.rank[u, k]) or None} for u in order]
    present = raw[~np.isnan(raw)]
    stats: dict[str, float | None] = {"n": float(present.size)}
    if present.size:
        stats.update({"min": float(present.min()), "median": float(np.median(present)),
                      "mean": float(present.mean()), "max": float(present.max()),
                      "q25": float(np.quantile(present, 0.25)),
                      "q75": float(np.quantile(present, 0.75))})
    from hti_tui.report.indicator_facts import ANSWERS, is_answer

    answers = None
    if is_answer(spec.unit):  # ja/nej: how many answered each word
        answers = {key: int((present == value).sum()) for key, value in ANSWERS}
    info = ix.model.nodes[ident]
    return IndicatorView(
        id=ident, name=info.name, name_en=info.name_en, description=info.description,
        area=spec.area, delindex=ix.delindex_of(ident), source=", ".join(spec.source_ids),
        unit=spec.unit, direction="higher" if spec.direction > 0 else "lower",
        goalposts=spec.goalposts, year=year, values=values,
        counts=dict(Counter(str(s) for s in data.status[:, k])), stats=stats,
        synthetic=data.synthetic, answers=answers)
