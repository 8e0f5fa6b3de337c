"""Tree.build: layout, weights, lookups, and every ModelError case naming the node(s)."""

from __future__ import annotations

import numpy as np
import pytest

from hti_tui.engine.examples import hti_like_tree
from hti_tui.engine.tree import NodeDef, Tree
from hti_tui.errors import ModelError, UsageError


def small() -> list[NodeDef]:
    # Declared root-last and out of order on purpose: build must not depend on the order.
    return [
        NodeDef("b2", "B", 1, "b two", is_indicator=True, direction=-1),
        NodeDef("a1", "A", 1, "a one", is_indicator=True),
        NodeDef("A", "idx", 1, "Area A"),
        NodeDef("a2", "A", 3, "a two", is_indicator=True),
        NodeDef("B", "idx", 3, "Area B"),
        NodeDef("b1", "B", 1, "b one", is_indicator=True),
        NodeDef("idx", None, 1, "Index"),
    ]


def test_layout_indicators_first_then_aggregates_bottom_up_root_last() -> None:
    t = Tree.build(small(), "idx")
    # depth-first in declared child order: idx -> A (declared before B) -> a1, a2; B -> b2, b1
    assert t.ids == ("a1", "a2", "b2", "b1", "A", "B", "idx")
    assert t.indicator_ids == ("a1", "a2", "b2", "b1")
    assert t.n_indicators == 4 and t.n_nodes == 7 and t.root == "idx"
    assert list(t.level) == [0, 0, 0, 0, 1, 1, 2]
    assert [t.ids[p] if p >= 0 else None for p in t.parent] == ["A", "A", "B", "B", "idx",
                                                                "idx", None]
    assert list(t.direction) == [1, 1, -1, 1]
    assert t.names[t.index_of("B")] == "Area B"


def test_weights_raw_and_local() -> None:
    t = Tree.build(small(), "idx")
    assert list(t.weight) == [1, 3, 1, 1, 1, 3, 1]
    np.testing.assert_allclose(t.local_weight, [0.25, 0.75, 0.5, 0.5, 0.25, 0.75, 1.0])
    np.testing.assert_allclose(t.path_weight, [0.0625, 0.1875, 0.375, 0.375])
    assert t.path_weight.sum() == pytest.approx(1.0)


def test_lookups() -> None:
    t = Tree.build(small(), "idx")
    assert t.children("B") == ["b2", "b1"]
    assert t.children("a1") == []
    assert t.path("b1") == ("b1", "B", "idx")
    assert t.path("idx") == ("idx",)
    assert t.index_of("A") == 4
    with pytest.raises(UsageError, match="'nope'"):
        t.index_of("nope")
    member = t.membership
    assert member.shape == (4, 7)
    assert member[2].tolist() == [0, 0, 1, 0, 0, 1, 1]


def test_steps_map_children_to_parents() -> None:
    t = hti_like_tree(49)
    assert [len(s.parents) for s in t.steps] == [18, 4, 1]
    for step in t.steps:
        cols = step.assign.argmax(axis=1)
        assert (step.assign.sum(axis=1) == 1).all()
        assert (step.parents[cols] == t.parent[step.children]).all()


def test_unbalanced_tree_levels_are_heights() -> None:
    nodes = [NodeDef("r", None), NodeDef("x", "r", is_indicator=True),
             NodeDef("G", "r"), NodeDef("y", "G", is_indicator=True)]
    t = Tree.build(nodes, "r")
    assert t.ids == ("x", "y", "G", "r")
    assert list(t.level) == [0, 0, 1, 2]
    assert [list(s.children) for s in t.steps] == [[1], [0, 2]]


def _err(nodes: list[NodeDef], root: str = "idx") -> str:
    with pytest.raises(ModelError) as info:
        Tree.build(nodes, root)
    return str(info.value)


def test_cycle_names_the_nodes() -> None:
    nodes = [*small(), NodeDef("C", "D"), NodeDef("D", "C"), NodeDef("c1", "C", is_indicator=True)]
    msg = _err(nodes)
    assert "cycle" in msg
    assert "C -> D -> C" in msg or "D -> C -> D" in msg


def test_self_parent_is_a_cycle() -> None:
    msg = _err([*small(), NodeDef("S", "S"), NodeDef("s1", "S", is_indicator=True)])
    assert "cycle" in msg and "S -> S" in msg


def test_unknown_parent_is_an_orphan() -> None:
    msg = _err([*small(), NodeDef("z1", "nowhere", is_indicator=True)])
    assert "orphan" in msg and "'z1'" in msg and "'nowhere'" in msg


def test_second_root_is_an_orphan() -> None:
    msg = _err([*small(), NodeDef("other", None), NodeDef("o1", "other", is_indicator=True)])
    assert "orphan" in msg and "'other'" in msg


def test_negative_weight() -> None:
    nodes = [n if n.id != "b1" else NodeDef("b1", "B", -1, is_indicator=True) for n in small()]
    assert "'b1'" in _err(nodes) and "negative" in _err(nodes)


def test_non_finite_weight() -> None:
    nodes = [n if n.id != "b1" else NodeDef("b1", "B", float("nan"), is_indicator=True)
             for n in small()]
    assert "'b1'" in _err(nodes)


def test_sibling_weights_summing_to_zero() -> None:
    nodes = [NodeDef(n.id, n.parent, 0.0 if n.parent == "B" else n.weight, n.name,
                     n.is_indicator, n.direction) for n in small()]
    msg = _err(nodes)
    assert "sum to zero" in msg and "'B'" in msg and "'b1'" in msg


def test_aggregate_without_children() -> None:
    msg = _err([*small(), NodeDef("E", "idx")])
    assert "without children" in msg and "'E'" in msg


def test_indicator_with_children() -> None:
    msg = _err([*small(), NodeDef("sub", "a1", is_indicator=True)])
    assert "indicator(s) with children" in msg and "'a1'" in msg


def test_duplicate_ids() -> None:
    msg = _err([*small(), NodeDef("a2", "B", is_indicator=True)])
    assert "more than once" in msg and "'a2'" in msg


def test_root_with_a_parent() -> None:
    nodes = [n if n.id != "idx" else NodeDef("idx", "A") for n in small()]
    msg = _err(nodes)
    assert "root 'idx' has a parent" in msg


def test_root_missing_or_indicator() -> None:
    assert "not among the nodes" in _err(small(), root="nope")
    nodes = [n if n.id != "idx" else NodeDef("idx", None, is_indicator=True) for n in small()]
    assert "root 'idx'" in _err(nodes)


def test_bad_direction() -> None:
    nodes = [n if n.id != "a1" else NodeDef("a1", "A", is_indicator=True, direction=0)
             for n in small()]
    assert "'a1'" in _err(nodes)
