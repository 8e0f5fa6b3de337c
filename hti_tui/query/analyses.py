"""What-if, uncertainty and the statistical audit (peers, gaps, priorities: query.peers)."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from hti_tui.analysis import audit as audit_mod
from hti_tui.analysis import sensitivity as sensitivity_mod
from hti_tui.analysis import whatif as whatif_mod
from hti_tui.data.parquet_store import read_table
from hti_tui.engine.computed import Computed
from hti_tui.engine.registry import REGISTRY
from hti_tui.errors import DataError, UsageError
from hti_tui.pipeline import layout
from hti_tui.query.rows import AuditView, SensitivityView, WhatIfView
from hti_tui.query.rows import num as _num

if TYPE_CHECKING:
    from hti_tui.query.context import Index



def _summary(ix: Index, c: Computed, u: int) -> dict[str, Any]:
    tree = c.tree
    return {"index": _num(c.index[u]), "rank": int(c.rank[u]) or None,
            "ranked": int((c.rank > 0).sum()),
            "resultatgrupp": ix.group_label(int(c.group[u])),
            "delindex": {d: _num(c.scores[u, tree.index_of(d)]) for d in ix.delindex_ids()}}

def whatif(ix: Index, query: str, changes: dict[str, float],
           year: int | None = None) -> WhatIfView:
    """Score, rank and group if these indicators had these values (the full engine)."""
    if not changes:
        raise UsageError("give at least one change, e.g. --set personalkontinuitet=12",
                         sv="ange minst en ändring, t.ex. --set personalkontinuitet=12")
    year = ix.default_year(year)
    unit = ix.resolve(query)
    st = ix.state(year)
    u = st.data.unit(unit)
    m = ix.model
    ids = list(m.tree.indicator_ids)
    by_index: dict[int, float] = {}
    for key, value in changes.items():
        ident = ix.resolve_indicator(key)
        by_index[ids.index(ident)] = float(value)
    before, after = whatif_mod.apply(m.tree, st.values, m.params, m.methods, u, by_index,
                                     penalise=st.penalise)
    rows = [{"indicator": ids[j], "name": ix.node_name(ids[j]),
             "before": _num(st.values[u, j]), "after": v,
             "score_before": _num(before.scores[u, j]),
             "score_after": _num(after.scores[u, j])}
            for j, v in by_index.items()]
    return WhatIfView(unit, ix.registry.name(unit), year, rows, _summary(ix, before, u),
                      _summary(ix, after, u), st.data.synthetic)

def indicator_bounds(ix: Index, query: str) -> tuple[float | None, float | None]:
    """The range a value of the indicator can take, so a what-if form can say it before
    the engine refuses a value outside it (None = open on that side)."""
    ident = ix.resolve_indicator(query)
    j = list(ix.model.tree.indicator_ids).index(ident)
    low, high = (float(v) for v in np.asarray(ix.model.params.bounds)[j])
    return (low if np.isfinite(low) else None, high if np.isfinite(high) else None)

def whatif_delta(view: WhatIfView) -> dict[str, Any]:
    """After − before of a what-if, so screens show the change without computing it:
    index and delindex in points, ``rank`` in places climbed (positive = better),
    ``changes`` the score change of each changed indicator."""

    def diff(before: float | None, after: float | None) -> float | None:
        return None if before is None or after is None else after - before

    b, a = view.before, view.after
    return {"index": diff(b["index"], a["index"]),
            "rank": None if not b["rank"] or not a["rank"] else b["rank"] - a["rank"],
            "delindex": {d: diff(v, a["delindex"].get(d)) for d, v in b["delindex"].items()},
            "changes": {c["indicator"]: diff(c["score_before"], c["score_after"])
                        for c in view.changes}}

def survey_inputs(ix: Index, year: int) -> tuple[np.ndarray, np.ndarray]:
    """(n (U, I) respondents per cell, share (I,) percentage indicators): what the
    Monte Carlo's sampling error is drawn from."""
    st = ix.state(year)
    m = ix.model
    n = np.where(st.imputed, np.nan, st.data.n[:, : m.tree.n_indicators])
    share = np.array([m.indicators[i].unit == "%" for i in m.tree.indicator_ids])
    return n, share

def sensitivity(ix: Index, year: int | None = None, runs: int | None = None,
                seed: int | None = None, saltelli_n: int | None = None
                ) -> tuple[SensitivityView, Any]:
    """The Monte Carlo of hti.toml [sensitivity] (scenarios side by side, sampling error,
    OAT shifts and Saltelli indices), optionally with other runs, seed or Saltelli N."""
    year = ix.default_year(year)
    st = ix.state(year)
    m = ix.model
    spec = ix.config.sensitivity
    if runs is not None or seed is not None:
        spec = replace(spec, runs=runs if runs is not None else spec.runs,
                       seed=seed if seed is not None else spec.seed)
    n, share = survey_inputs(ix, year)
    salt = spec.saltelli_n if saltelli_n is None else saltelli_n
    start = time.perf_counter()
    res = sensitivity_mod.run(m.tree, st.values, m.params, m.methods, spec,
                              penalise=st.penalise, n=n, share=share, saltelli_n=salt,
                              imputed=st.imputed)
    seconds = time.perf_counter() - start
    data = st.data
    kommuner = []
    for u, unit in enumerate(data.unit_ids):
        row = {"kommun_kod": unit, "kommun_namn": ix.registry.name(unit),
               "rank": int(res.nominal_rank[u]) or None,
               "median_rank": _num(res.median_rank[u]), "low": _num(res.lower[u]),
               "high": _num(res.upper[u]), "width": _num(res.width[u]),
               "bimodal": bool(res.bimodal[u]), "bimodality": _num(res.bimodality[u]),
               "main_factor": res.main_factor[u]}
        for k, sc in enumerate(res.scenarios):
            row[f"{sc}_median"] = _num(res.scenario_median[k, u])
            row[f"{sc}_low"] = _num(res.scenario_lower[k, u])
            row[f"{sc}_high"] = _num(res.scenario_upper[k, u])
        kommuner.append(row)
    kommuner.sort(key=lambda r: (r["rank"] or 10**9, r["kommun_namn"]))
    factors: list[dict[str, Any]] = [
        {"factor": f, "mean_rank_shift": float(res.importance[i]),
         "first_order": _num(res.first_order[i]), "total_effect": _num(res.total_effect[i])}
        for i, f in enumerate(res.factors)]
    factors.sort(key=lambda f: -float(f["mean_rank_shift"]))
    widths = res.scenario_upper - res.scenario_lower
    scenarios = [{"scenario": sc, "base": sc == res.base_scenario,
                  "median_width": _num(np.nanmedian(widths[k])) if
                  np.isfinite(widths[k]).any() else None,
                  "bimodal": int(res.bimodal.sum()) if sc == res.base_scenario else None}
                 for k, sc in enumerate(res.scenarios)]
    assumptions = {"runs": spec.runs, "seed": spec.seed, "weight_spread": spec.weight_spread,
                   "weight_levels": list(res.weight_levels), "interval": spec.interval,
                   "geometric_floor": res.floor, "sampling_error": res.sampling,
                   "saltelli_n": res.saltelli_n, "base_scenario": res.base_scenario,
                   "options": {k: list(v) for k, v in res.options.items()},
                   # what hti.toml [sensitivity] could draw from (the method registry)
                   "registered": {kind: list(REGISTRY.names(
                                      kind, ix.project.plugins.method_origins()))
                                  for kind in ("normalisation", "aggregation")}}
    view = SensitivityView(year, spec.runs, seconds, assumptions, factors, kommuner,
                           data.synthetic, scenarios=scenarios)
    return view, res

def rank_interval(ix: Index, unit: str, year: int) -> tuple[int, int] | None:
    """The unit's rank interval from the uncertainty analysis ``hti build`` stored."""
    path = layout.uncertainty_path(ix.config, year)
    if not path.is_file():
        return None
    try:
        table = read_table(path)
    except DataError:
        return None
    ids = table.column("unit_id").to_pylist()
    if unit not in ids:
        return None
    i = ids.index(unit)
    if table.column("rank")[i].as_py() is None:  # no index, no rank: no interval either
        return None
    lo, hi = table.column("low")[i].as_py(), table.column("high")[i].as_py()
    return None if lo is None or hi is None else (round(lo), round(hi))

def audit(ix: Index, year: int | None = None) -> AuditView:
    year = ix.default_year(year)
    c = ix.computed(year)
    a = audit_mod.run(c, ix.model.tree)
    tree = ix.model.tree
    inds = [{"indicator": ident, "name": ix.node_name(ident), "area": tree.path(ident)[1],
             "n": int(a.n[j]), "missing": int(a.missing[j]), "min": _num(a.minimum[j]),
             "median": _num(a.median[j]), "max": _num(a.maximum[j]), "skew": _num(a.skew[j]),
             "kurtosis": _num(a.kurtosis[j]), "outlier": bool(a.flagged[j]),
             "corr_area": _num(a.corr_parent[j])}
            for j, ident in enumerate(a.indicator_ids)]
    corr = [{"node": ident, "name": ix.node_name(ident), "level": int(tree.level[k]),
             "corr_index": _num(a.corr_index[k])}
            for k, ident in enumerate(tree.ids)
            if k >= tree.n_indicators and ident != tree.root]
    alpha = [{"node": n, "name": ix.node_name(n), "over": "children", "alpha": _num(v),
              "n": a.alpha_n.get(n)} for n, v in a.alpha.items()]
    alpha.append({"node": tree.root, "name": ix.node_name(tree.root),
                  "over": "indicators", "alpha": _num(a.index_alpha_indicators),
                  "n": a.index_alpha_indicators_n})
    influence = [{"node": n, "name": ix.node_name(n), "level": int(tree.level[
                      tree.index_of(n)]), "parent": tree.path(n)[1],
                  "nominal_weight": a.nominal_weight[n], "influence": _num(v),
                  "n": a.influence_n} for n, v in a.influence.items()]
    order = {n: i for i, n in enumerate([*ix.delindex_ids(), *ix.area_ids()])}
    influence.sort(key=lambda r: order.get(str(r["node"]), 10**6))
    return AuditView(year, inds, corr, alpha, ix.data(year).synthetic,
                     influence=influence)
