"""Generality: the same engine builds COINr's ASEM index (51 countries, 49 indicators).

Nothing here is HTI: other unit codes, 8 pillars and 2 sub-indices, lower-is-better
indicators, missing cells and denominated indicators (divided by their ``Denominator`` column
as COINr's ``Denominate()`` does). Min-max normalisation and arithmetic means, as in COINr's
example coin; missing values are re-weighted (we do not impute). The result is checked for
the engine's invariants and against a deliberately naive re-implementation.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from hti_tui.engine.compute import compute
from hti_tui.engine.model import IndicatorParams, Methods
from hti_tui.engine.tree import NodeDef, Tree

DATA = Path(__file__).parent / "data" / "asem"


def _num(text: str) -> float:
    return float(text) if text.strip() not in ("", "NA") else np.nan


def load() -> tuple[Tree, np.ndarray, list[str], list[dict[str, str]]]:
    with open(DATA / "iMeta.csv", encoding="utf-8") as f:
        meta = [r for r in csv.DictReader(f) if r["Type"] in ("Indicator", "Aggregate")]
    with open(DATA / "iData.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    nodes = [NodeDef(r["iCode"], r["Parent"] or None, float(r["Weight"]), r["iName"],
                     is_indicator=r["Type"] == "Indicator", direction=int(r["Direction"]))
             for r in meta]
    tree = Tree.build(nodes, "Index")
    by_code = {r["iCode"]: r for r in meta}
    x = np.array([[_num(row[i]) for i in tree.indicator_ids] for row in rows])
    denom = np.array([[_num(row[by_code[i]["Denominator"]]) if by_code[i]["Denominator"]
                       else 1.0 for i in tree.indicator_ids] for row in rows])
    return tree, x / denom, [row["uCode"] for row in rows], meta


def naive_index(tree: Tree, x: np.ndarray, min_coverage: float) -> np.ndarray:
    """Unit by unit, node by node, with dicts: slow and obvious."""
    lo, hi = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
    out = []
    for u in range(x.shape[0]):
        score: dict[str, float] = {}
        for k, ident in enumerate(tree.indicator_ids):
            v = x[u, k]
            if not np.isnan(v):
                s = (v - lo[k]) / (hi[k] - lo[k]) * 100
                score[ident] = s if tree.direction[k] > 0 else 100 - s
        for ident in tree.ids[tree.n_indicators:]:
            kids = tree.children(ident)
            w = {c: tree.weight[tree.index_of(c)] for c in kids}
            have = [c for c in kids if c in score]
            share = sum(w[c] for c in have) / sum(w.values())
            if have and share >= min_coverage - 1e-9:
                score[ident] = sum(w[c] * score[c] for c in have) / sum(w[c] for c in have)
        out.append(score.get("Index", np.nan))
    return np.array(out)


def test_asem_shape() -> None:
    tree, x, units, _ = load()
    assert x.shape == (51, 49) and len(units) == 51
    assert tree.n_indicators == 49 and tree.n_nodes == 49 + 8 + 2 + 1
    assert [len(s.parents) for s in tree.steps] == [8, 2, 1]
    # 63 indicator cells are empty, and Laos has no Energy denominator, so its two
    # energy-denominated indicators (Elec, Gas) become missing too: 65.
    assert np.isnan(x).sum() == 65
    lao = units.index("LAO")
    assert np.isnan(x[lao, [tree.index_of("Elec"), tree.index_of("Gas")]]).all()
    assert (tree.direction == -1).sum() > 0


@pytest.mark.parametrize("min_coverage", [0.5, 0.0])
def test_asem_minmax_arithmetic_invariants(min_coverage: float) -> None:
    tree, x, units, _ = load()
    methods = Methods(normalisation="minmax", aggregation="arithmetic",
                      min_coverage=min_coverage)
    c = compute(tree, x, IndicatorParams.empty(tree.n_indicators), methods)
    assert c.index.shape == (51,)
    scored = ~np.isnan(c.index)
    assert scored.all()
    assert sorted(c.rank.tolist()) == list(range(1, 52))  # a permutation: no ties here
    np.testing.assert_allclose(c.contribution.sum(axis=1), c.index, atol=1e-9)
    np.testing.assert_allclose(c.effective_weight.sum(axis=1), 1.0, atol=1e-12)
    assert ((c.scores >= 0) | np.isnan(c.scores)).all()
    assert ((c.scores <= 100) | np.isnan(c.scores)).all()
    np.testing.assert_allclose(c.index, naive_index(tree, x, min_coverage), atol=1e-9)
    table = c.to_arrow(units)
    assert table.num_rows == 51 * tree.n_nodes
    assert set(table.column("unit_id").to_pylist()) == set(units)


def test_asem_other_methods_run() -> None:
    tree, x, _, _ = load()
    params = IndicatorParams.empty(tree.n_indicators)
    for methods in (Methods(normalisation="zscore", aggregation="geometric", zero_floor=1.0),
                    Methods(normalisation="rank", aggregation="harmonic", zero_floor=1.0,
                            missing="penalise"),
                    Methods(normalisation="minmax", outliers="winsorise")):
        c = compute(tree, x, params, methods)
        assert sorted(c.rank.tolist()) == list(range(1, 52))
        np.testing.assert_allclose(c.contribution.sum(axis=1), c.index, atol=1e-9)
