"""Priorities that are steps: attainable improvements, ranked by the index points they buy.

A step changes one indicator of the unit to an **attainable** value, never a worse one:

* a **category** item (ja/nej, Ja/Delvis/Nej, any indicator with at most three observed
  values): the next observed category in the good direction (Nej → Delvis → Ja), never a
  value between categories (no "0,5 on a ja/nej item");
* a **number**: the first of a ladder that is strictly better than the unit's value — the
  reference (``target``: the national median, the peers' median, or the national best
  quartile), then the best quartile, then the goal post (beyond it a value scores no more).
  Quantiles are direction-aware (the best quartile of a lower-is-better item is its 25th
  percentile) and taken over the ranked units (or the peers) that have a value.

Each step's points are exact: the index recomputed by the engine with that one change, and
the new rank among the other ranked units. Steps that do not gain (> 1e-9 points) are
dropped, so no step loses points. Closed form: with goal-post normalisation and no outlier
treatment a cell's score depends on its own value only, so the unit's scores come from one
engine run, each candidate's changed cells are normalised alone, and all ``K`` virtual rows
are aggregated at once (the engine's own aggregation and ranking rule); the new rank is
``1 + #(other ranked units with a higher index)``. Otherwise (relative normalisations,
outlier treatment) one exact engine run per candidate.

**Blocked units.** When the unit is not ranked because a ``required`` node (Utförande in HTI)
has no observed data, the first step is what unblocks it: the node's missing indicators at
their target values (one step, the new index and rank it would get); every other step is
then evaluated on top of that unblocked state, so survey steps are not worth 0.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass

import numpy as np

from hti_tui.engine import aggregate as agg
from hti_tui.engine.compute import Computed, check_inputs, compute, ranked_units
from hti_tui.engine.model import IndicatorParams, Methods
from hti_tui.engine.normalise import normalise
from hti_tui.engine.stats import nan_quantile
from hti_tui.engine.tree import Tree
from hti_tui.errors import UsageError

TARGETS = ("median", "peers", "quartile")
#: Indicator units that mark a category item whatever its observed values.
CATEGORY_UNITS = frozenset({"ja/nej", "ja/delvis/nej", "ordinal", "kategori"})
#: Points below this are not a gain (float noise of an unchanged index).
EPS = 1e-9


@dataclass(frozen=True)
class Step:
    """Setting ``indicator`` from ``current`` (NaN = missing) to ``target`` gains ``points``
    index points (against the unit's index, or the unblocked index for later steps of a
    blocked unit; NaN for the unblocking step itself, which buys a rank, not points) and
    gives ``new_index`` and ``new_rank`` (0 = still not ranked). ``basis``
    says where the target comes from (next_category, median, peers, quartile, goalpost,
    unblock); ``unblocks`` names the required node an unblocking step fills, and
    ``changes`` lists every (indicator, value) it sets."""

    indicator: int
    indicator_id: str
    current: float
    target: float
    basis: str
    points: float
    new_index: float
    new_rank: int
    unblocks: str | None = None
    changes: tuple[tuple[int, float], ...] = ()


def is_category(values: np.ndarray, units: Sequence[str] | None = None) -> np.ndarray:
    """(I,) whether each indicator is a category item (by unit, or ≤ 3 observed values)."""
    x = np.asarray(values, dtype=float)
    out = np.zeros(x.shape[1], dtype=bool)
    for i in range(x.shape[1]):
        col = x[:, i]
        distinct = np.unique(col[~np.isnan(col)])
        by_unit = units is not None and str(units[i]).lower() in CATEGORY_UNITS
        out[i] = by_unit or 0 < distinct.size <= 3
    return out


def quantile_values(values: np.ndarray, population: np.ndarray, q: float,
                    direction: np.ndarray) -> np.ndarray:
    """(I,) the direction-aware ``q`` quantile of each column over ``population`` rows with a
    value (``q`` of the good direction: 0.75 → 75th percentile if higher is better, 25th if
    lower); NaN for a column with no value."""
    sub = np.asarray(values, dtype=float)[np.asarray(population, dtype=bool)]
    hi = nan_quantile(sub, q)  # np.nanquantile(sub, q, axis=0), bit for bit, one sort
    lo = nan_quantile(sub, 1 - q)
    return np.where(direction > 0, hi, lo)


def _better(d: float, a: float, b: float) -> bool:
    """a is strictly better than b in direction d (b NaN: anything is better)."""
    return bool(np.isnan(b) or d * a > d * b + EPS)


def candidates(tree: Tree, x: np.ndarray, params: IndicatorParams, unit: int,
               reference: np.ndarray, ladder: Sequence[tuple[str, np.ndarray]],
               category: np.ndarray, skip: Set[int] = frozenset()) -> list[tuple[int, float, str]]:
    """(indicator, target value, basis) for every indicator with an attainable better value.

    ``ladder``: (basis, (I,) values) after the reference, e.g. best quartile then goal post.
    """
    d = tree.direction
    out = []
    for i in range(tree.n_indicators):
        if i in skip:
            continue
        cur = x[unit, i]
        if category[i]:
            col = x[:, i]
            cats = np.unique(col[~np.isnan(col)])
            if np.isnan(cur):
                # not reported: the reference category (snapped to an observed one)
                ref = reference[i]
                if np.isnan(ref) or cats.size == 0:
                    continue
                out.append((i, float(cats[np.argmin(np.abs(cats - ref))]), "category"))
                continue
            better = cats[d[i] * cats > d[i] * cur + EPS]
            if better.size:
                nxt = better.min() if d[i] > 0 else better.max()
                out.append((i, float(nxt), "next_category"))
            continue
        for basis, values in ladder:
            v = values[i]
            if not np.isnan(v) and _better(d[i], v, cur):
                low, high = (float(b) for b in np.asarray(params.bounds)[i])
                out.append((i, float(np.clip(v, low, high)), basis))
                break
    return out


def _row_wise(methods: Methods) -> bool:
    return (methods.normalisation == "goalposts" and methods.outliers == "none"
            and methods.missing in ("reweight", "penalise"))


def evaluate(tree: Tree, x: np.ndarray, params: IndicatorParams, methods: Methods,
             pen: np.ndarray, unit: int, changes: Sequence[Sequence[tuple[int, float]]],
             others_ranked: np.ndarray, others_index: np.ndarray,
             imputed: np.ndarray | None = None, base: Computed | None = None
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(new index (K,), new rank (K,), ranked (K,)) of the unit after each change set.

    Row-wise methods: one engine run over K virtual copies of the unit's row (module
    docstring); otherwise one exact engine run per change set. ``base``: the engine's
    result for exactly these inputs, if the caller has it (saves one engine run)."""
    k = len(changes)
    if k == 0:
        return np.empty(0), np.empty(0, dtype=np.int64), np.empty(0, dtype=bool)
    imp = np.zeros(x.shape, dtype=bool) if imputed is None else np.asarray(imputed, dtype=bool)
    if _row_wise(methods):
        return _virtual_rows(tree, x, params, methods, pen, unit, changes, others_ranked,
                             others_index, imp, base)
    new, rank = np.empty(k), np.zeros(k, dtype=np.int64)
    ranked = np.zeros(k, dtype=bool)
    for r, cs in enumerate(changes):  # other units' scores move too: exact engine runs
        y, p, m = x.copy(), pen.copy(), imp.copy()
        for i, v in cs:
            y[unit, i] = v
            p[unit, i] = 0
            m[unit, i] = False
        c = compute(tree, y, params, methods, p, imputed=m)
        new[r], ranked[r], rank[r] = c.index[unit], _ranked(c)[unit], c.rank[unit]
    return new, rank, ranked


def _virtual_rows(tree: Tree, x: np.ndarray, params: IndicatorParams, methods: Methods,
                  pen: np.ndarray, unit: int, changes: Sequence[Sequence[tuple[int, float]]],
                  others_ranked: np.ndarray, others_index: np.ndarray, imp: np.ndarray,
                  base: Computed | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The closed form: the unit's indicator scores from one engine run, each change set's
    cells re-normalised alone (goal posts are per cell), and the K virtual rows aggregated
    at once. The unit's own new index is exact; other kommuner keep their scores (with a
    distribution-based penalty, p10 or worst, a changed value could move a column's 10th
    percentile by one observation — a second-order effect on others' ranks, not on points)."""
    if base is None:
        base = compute(tree, x, params, methods, pen, imputed=imp)
    n_ind = tree.n_indicators
    k = len(changes)
    rows = np.repeat(base.normalised[unit][None, :], k, axis=0)
    obs = np.repeat((~np.isnan(x[unit]) & ~imp[unit])[None, :], k, axis=0)
    new_vals = np.full((k, n_ind), np.nan)
    for r, cs in enumerate(changes):
        for i, v in cs:
            new_vals[r, i] = v
    scored = normalise(new_vals, params, tree.direction, methods.normalisation,
                       tree.indicator_ids)
    changed = ~np.isnan(new_vals)
    rows = np.where(changed, scored, rows)
    obs = obs | changed
    a = agg.aggregate(tree, rows, obs, methods.aggregation, methods.min_coverage,
                      methods.zero_floor)
    new = a.scores[:, -1]
    ranked = ranked_units(tree, new, a.observed, methods.min_coverage) & ~np.isnan(new)
    higher = others_index[others_ranked]
    rank = 1 + (higher[None, :] > new[:, None]).sum(axis=1)
    return new, np.where(ranked, rank, 0), ranked


def _ranked(c: Computed) -> np.ndarray:
    """The engine's "in the headline ranking" flag (``ranked`` where the engine has it)."""
    r = getattr(c, "ranked", None)
    return np.asarray(r, dtype=bool) if r is not None else c.rank > 0


def blocking_nodes(tree: Tree, c: Computed, unit: int, min_coverage: float) -> list[int]:
    """Required nodes without enough observed data for the unit (the engine's ranking rule:
    observed share above 0 and at least the node's threshold), when it is unranked."""
    required = getattr(tree, "required", None)
    if required is None or _ranked(c)[unit]:
        return []
    observed = getattr(c, "observed", None)
    need = tree.thresholds(min_coverage) if hasattr(tree, "thresholds") else \
        np.full(tree.n_nodes, min_coverage)
    out = []
    for node in np.flatnonzero(np.asarray(required, dtype=bool)):
        seen = observed[unit, node] if observed is not None else (
            0.0 if np.isnan(c.scores[unit, node]) else 1.0)
        if not (seen > 0 and seen >= need[node] - 1e-9):
            out.append(int(node))
    return out


def steps(tree: Tree, values: np.ndarray, params: IndicatorParams, methods: Methods,
          unit: int, target: str = "median", peers: np.ndarray | None = None,
          penalise: np.ndarray | None = None, units_of: Sequence[str] | None = None,
          ranked_population: np.ndarray | None = None,
          imputed: np.ndarray | None = None, base: Computed | None = None) -> list[Step]:
    """The unit's steps, most points first (an unblocking step, if any, first of all).

    ``target``: median | peers | quartile; ``peers`` (unit indices) for ``peers``;
    ``units_of``: each indicator's unit ("ja/nej" marks a category item);
    ``ranked_population``: the units quantiles are taken over (default: the ranked);
    ``base``: the engine's result for exactly these inputs, when the caller has it (the
    query layer keeps each year's; otherwise it is computed here)."""
    if target not in TARGETS:
        raise UsageError(f"unknown priority target '{target}'",
                         hint=f"choose one of: {', '.join(TARGETS)}",
                         sv=f"okänt mål för prioriteringar '{target}'",
                         sv_hint=f"välj ett av: {', '.join(TARGETS)}")
    x, pen = check_inputs(tree, values, params, penalise)
    units = x.shape[0]
    if not 0 <= unit < units:
        raise UsageError(f"unit {unit} does not exist (there are {units} units)")
    imp = np.zeros(x.shape, dtype=bool) if imputed is None else np.asarray(imputed, dtype=bool)
    if base is None:
        base = compute(tree, x, params, methods, pen, imputed=imp)
    ranked = _ranked(base)
    pop = ranked if ranked_population is None else np.asarray(ranked_population, dtype=bool)
    d = tree.direction
    obs_x = np.where(imp, np.nan, x)  # targets from observed values, never imputed ones
    quartile = quantile_values(obs_x, pop, 0.75, d)
    if target == "peers":
        p = np.asarray(peers if peers is not None else [], dtype=np.int64).reshape(-1)
        if p.size and (p.min() < 0 or p.max() >= units):
            raise UsageError(f"a peer unit index is outside 0…{units - 1}")
        p = p[p != unit]
        if p.size == 0:
            raise UsageError("the peers target needs at least one peer other than the unit",
                             sv="målet peers behöver minst en jämförbar utöver enheten själv")
        mask = np.zeros(units, dtype=bool)
        mask[p] = True
        reference = quantile_values(obs_x, mask, 0.5, d)
    elif target == "quartile":
        reference = quartile
    else:
        reference = quantile_values(obs_x, pop, 0.5, d)
    goal = np.asarray(params.goalposts, dtype=float)
    goalpost = np.where(d > 0, goal[:, 1], goal[:, 0])
    ladder = [(target, reference), ("quartile", quartile), ("goalpost", goalpost)]
    category = is_category(obs_x, units_of)
    others = np.arange(units) != unit
    others_ranked = ranked & others

    out: list[Step] = []
    start, start_pen, start_imp = x, pen, imp
    base_index = float(base.index[unit])
    blocked = blocking_nodes(tree, base, unit, methods.min_coverage)
    done: set[int] = set()
    for node in blocked:
        inside = np.flatnonzero(tree.membership[:, node] > 0)
        unseen = np.isnan(x[unit]) | imp[unit]
        fills = tuple((int(i), float(np.clip(reference[i], *np.asarray(params.bounds)[i])))
                      for i in inside if unseen[i] and not np.isnan(reference[i]))
        if not fills:
            continue
        new, rank, _ = evaluate(tree, start, params, methods, start_pen, unit, [fills],
                                others_ranked, base.index, start_imp)
        i0 = fills[0][0]
        # no points: the unit had no headline index to gain on; the step buys the rank
        out.append(Step(i0, tree.indicator_ids[i0], float("nan"), fills[0][1], "unblock",
                        float("nan"), float(new[0]), int(rank[0]), unblocks=tree.ids[node],
                        changes=fills))
        start, start_pen, start_imp = start.copy(), start_pen.copy(), start_imp.copy()
        for i, v in fills:
            start[unit, i] = v
            start_pen[unit, i] = 0
            start_imp[unit, i] = False
            done.add(i)
        base_index = float(new[0])
    cands = candidates(tree, start, params, unit, reference, ladder,
                       category, skip=done)
    new, rank, _ = evaluate(tree, start, params, methods, start_pen, unit,
                            [[(i, v)] for i, v, _ in cands], others_ranked, base.index,
                            start_imp, base=None if done else base)
    rest = []
    for (i, v, basis), ni, nr in zip(cands, new, rank):
        gain = float(ni - base_index)
        if np.isnan(gain) or gain <= EPS:
            continue  # never a step that loses (or does not gain) points
        rest.append(Step(i, tree.indicator_ids[i], float(start[unit, i]), v, basis, gain,
                         float(ni), int(nr), changes=((i, v),)))
    rest.sort(key=lambda s: (-s.points, s.indicator))
    return out + rest
