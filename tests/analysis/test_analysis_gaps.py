"""Gaps that reconcile: parts sum to score − reference for every unit, node and reference."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hti_tui.analysis import gaps
from hti_tui.cli.main import main
from hti_tui.engine.compute import compute
from hti_tui.engine.examples import hti_like_tree, percent_params, random_values
from hti_tui.engine.model import Methods
from hti_tui.query import peers as q_peers
from hti_tui.query.context import Index
from tests.analysis.trees import small
from tests.conftest import copy_project

NAN = np.nan



def test_hand_case_reference_unit() -> None:
    t, p = small()
    x = np.array([[20.0, 40.0, 90.0], [40.0, 60.0, 50.0], [60.0, NAN, 70.0]])
    c = compute(t, x, p, Methods())
    # index: unit0 .25*20+.25*40+.5*90 = 60; unit1 10+15+25 = 50; unit2 .5*60+.5*70 = 65
    np.testing.assert_allclose(c.index, [60.0, 50.0, 65.0])
    g = gaps.decompose(t, c.scores, 0.5)
    root = t.n_nodes - 1
    assert g.reference[root] == 60.0 and g.pair[root, 0] == 0 and g.share[root] == 0.0
    # unit 2 against reference unit 0: a1 .5*60 − .25*20 = 25, a2 0 − 10, b1 35 − 45
    parts = g.parts[2, root - t.n_indicators]
    np.testing.assert_allclose(parts, [25.0, -10.0, -10.0])
    assert parts.sum() == pytest.approx(65.0 - 60.0)
    # the best quartile interpolates: h = .75·2 = 1.5 between 60 (unit 0) and 65 (unit 2)
    q = gaps.decompose(t, c.scores, 0.75)
    assert q.reference[root] == pytest.approx(62.5)
    np.testing.assert_allclose(q.parts[1, root - t.n_indicators].sum(), 50.0 - 62.5)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), q=st.sampled_from([0.25, 0.5, 0.75]),
       aggregation=st.sampled_from(["arithmetic", "geometric"]))
def test_parts_sum_to_gap_on_random_indices(seed: int, q: float, aggregation: str) -> None:
    t = hti_like_tree(31)
    x = random_values(t, 31, seed, 0.15)
    c = compute(t, x, percent_params(t), Methods(aggregation=aggregation, zero_floor=1.0))
    g = gaps.decompose(t, c.scores, q)
    n = t.n_indicators
    agg = g.gap[:, n:]
    ok = ~np.isnan(agg)
    np.testing.assert_allclose(g.parts.sum(axis=2)[ok], agg[ok], atol=1e-9)
    assert np.isnan(g.parts[~ok]).all()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        expected = c.scores - np.nanquantile(c.scores, q, axis=0)[None, :]
    np.testing.assert_allclose(g.gap, expected, atol=1e-9)


def test_arithmetic_points_need_no_rescaling() -> None:
    """The within-node weights reproduce the engine's aggregation exactly (factor 1)."""
    t = hti_like_tree(40)
    c = compute(t, random_values(t, 40, 3, 0.2), percent_params(t), Methods())
    W = gaps.node_weights(t, c.scores)
    n = t.n_indicators
    base = (W * np.nan_to_num(c.scores[:, :n])[:, None, :]).sum(axis=2)
    ok = ~np.isnan(c.scores[:, n:])
    np.testing.assert_allclose(base[ok], c.scores[:, n:][ok], atol=1e-12)
    np.testing.assert_allclose(W[:, -1], c.effective_weight, atol=1e-12)


@pytest.fixture(scope="module")
def hti(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = copy_project(tmp_path_factory.mktemp("gaps"))
    assert main(["--config", str(config), "build"]) == 0
    return config


def _sign(x: np.ndarray) -> np.ndarray:
    return np.where(np.abs(x) <= 1e-9, 0, np.sign(x))


def test_every_kommun_node_and_reference_reconciles(hti: Path) -> None:
    """The issue's test: parts sum to the whole to 1e-9 and the sign is score − reference's,
    the reference computed independently with numpy over the same units."""
    f = Index.open(hti)
    for year in f.built_years():
        c = f.computed(year)
        t = c.tree
        n = t.n_indicators
        ranked = c.rank > 0
        for u in range(c.n_units):
            for ref in gaps.REFERENCES:
                g, method = q_peers.node_gaps(f, year, u, ref)
                assert method
                gap = g.gap[0]
                assert np.isnan(gap[n:]).sum() == np.isnan(g.parts[0].sum(axis=1)).sum()
                ok = ~np.isnan(gap[n:])
                np.testing.assert_allclose(g.parts[0].sum(axis=1)[ok], gap[n:][ok], atol=1e-9)
                pop = np.ones(c.n_units, dtype=bool)
                if ref == "peers":
                    pop[:] = False
                    pop[q_peers.peer_set(f, year, u)[0]] = True
                    assert not pop[u]
                vals = np.where(pop[:, None], c.scores, NAN)
                vals[:, -1] = np.where(ranked & pop, c.scores[:, -1], NAN)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    expected = c.scores[u] - np.nanquantile(vals, gaps.REFERENCES[ref], axis=0)
                assert (np.isnan(expected) == np.isnan(gap)).all()
                has = ~np.isnan(expected)
                assert (_sign(gap[has]) == _sign(expected[has])).all(), (year, u, ref)
                np.testing.assert_allclose(gap[has], expected[has], atol=1e-9)
            if year != f.built_years()[-1]:
                break  # every kommun in the latest year, a first one in the others


def test_show_reconciles_and_says_no_data(hti: Path, capsys) -> None:
    f = Index.open(hti)
    year = f.built_years()[-1]
    data = f.data(year)
    utf = data.node("utforande")
    no_utf = next(k for i, k in enumerate(data.unit_ids) if np.isnan(data.score[i, utf]))
    for ref in ("median", "peers", "quartile"):
        capsys.readouterr()
        assert main(["--config", str(hti), "show", no_utf, "--reference", ref,
                     "--format", "json"]) == 0
        view = json.loads(capsys.readouterr().out)
        assert view["reference"] == ref and view["reference_method"]
        assert view["delindex"]["utforande"]["gap"] is None
        assert view["delindex"]["utforande"]["parts"] == {}
        parts = sum(i["gap"] for i in view["indicators"] if i["gap"] is not None)
        if view["index_gap"] is not None:
            assert parts == pytest.approx(view["index_gap"], abs=1e-9)
            assert view["index_gap"] == pytest.approx(view["index"] - view["index_reference"])
        for node in [*view["delindex"].values(), *view["kvalitetsomraden"].values()]:
            if node["gap"] is None:
                assert node["score"] is None or node["reference_score"] is None
                continue
            assert sum(node["parts"].values()) == pytest.approx(node["gap"], abs=1e-9)
            assert node["gap"] == pytest.approx(node["score"] - node["reference_score"])
    assert main(["--config", str(hti), "show", no_utf]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.strip(" │").startswith("Utförande"))
    assert line.rstrip(" │").endswith("–")  # no data: "–", never "+0,00"
