"""The index tree: indicators under aggregates under one root, checked once.

A composite index is a weighted hierarchy (JRC/OECD *Handbook on Constructing Composite
Indicators*, 2008, step 6: weights are relative among the components of one aggregate).
``Tree.build`` validates the hierarchy and lays it out as flat numpy arrays in an order the
engine can walk level by level: indicators first, then aggregates bottom-up, root last. Every
later computation (normalisation, aggregation, Monte Carlo) works on these arrays instead of
walking Python objects, which is what keeps the engine fast for any number of units.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

from hti_tui.errors import ModelError, UsageError


@dataclass(frozen=True)
class NodeDef:
    """One node as declared: an indicator (a leaf) or an aggregate (with children).

    ``weight`` is relative to the node's siblings; ``direction`` (+1 higher is better,
    -1 lower is better) only matters for indicators. ``required``: a unit without enough
    observed data in this node is not ranked (it keeps its scores); ``min_coverage``: this
    node's own threshold on the share of its children's weight that must have a score
    (None: the method's default).
    """

    id: str
    parent: str | None
    weight: float = 1.0
    name: str = ""
    is_indicator: bool = False
    direction: int = 1
    required: bool = False
    min_coverage: float | None = None


@dataclass(frozen=True)
class LevelStep:
    """One aggregation step: every aggregate of one level and its children.

    ``assign`` is the dense (children × parents) 0/1 matrix mapping a child column to its
    parent column, so a weighted sum over children is one matrix product for all units.
    """

    parents: np.ndarray  # node indices of the aggregates computed in this step
    children: np.ndarray  # node indices of all their children
    assign: np.ndarray  # (len(children), len(parents)) float64, 1 where child -> parent


def _fail(message: str, hint: str | None = None, *, sv: str | None = None,
          sv_hint: str | None = None) -> ModelError:
    """A tree problem, said in English and (``sv``, ``sv_hint``) in Swedish."""
    return ModelError(f"index tree: {message}", hint=hint,
                      sv=f"indexträdet: {sv}" if sv else None, sv_hint=sv_hint)


def _names(ids: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(f"'{i}'" for i in list(ids)[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _check_nodes(nodes: Sequence[NodeDef], root: str) -> dict[str, NodeDef]:
    """Every per-node rule, then reachability of the root (cycles, orphans)."""
    by_id: dict[str, NodeDef] = {}
    duplicates: list[str] = []
    for n in nodes:
        if n.id in by_id:
            duplicates.append(n.id)
        by_id.setdefault(n.id, n)
    if duplicates:
        raise _fail(f"node id(s) declared more than once: {_names(duplicates)}",
                    sv=f"nod-id deklarerade mer än en gång: {_names(duplicates)}")
    if root not in by_id:
        raise _fail(f"the root '{root}' is not among the nodes",
                    sv=f"roten '{root}' finns inte bland noderna")
    if by_id[root].parent is not None:
        raise _fail(f"the root '{root}' has a parent ('{by_id[root].parent}')",
                    hint="the root is the top of the tree and must have none",
                    sv=f"roten '{root}' har en förälder ('{by_id[root].parent}')",
                    sv_hint="roten är trädets topp och får inte ha någon")
    if by_id[root].is_indicator:
        raise _fail(f"the root '{root}' is declared as an indicator; it must be an aggregate",
                    sv=f"roten '{root}' är deklarerad som indikator; den måste vara ett "
                       "aggregat")
    for n in nodes:
        if not isinstance(n.weight, (int, float)) or not math.isfinite(n.weight):
            raise _fail(f"node '{n.id}' has a weight that is not a finite number ({n.weight!r})",
                        sv=f"noden '{n.id}' har en vikt som inte är ett ändligt tal "
                           f"({n.weight!r})")
        if n.weight < 0:
            raise _fail(f"node '{n.id}' has a negative weight ({n.weight})",
                        sv=f"noden '{n.id}' har en negativ vikt ({n.weight})")
        if n.min_coverage is not None and not 0 <= n.min_coverage <= 1:
            raise _fail(f"node '{n.id}' has min_coverage {n.min_coverage}; it must lie in [0, 1]",
                        sv=f"noden '{n.id}' har min_coverage {n.min_coverage}; den måste ligga "
                           "i [0, 1]")
        if n.is_indicator and n.direction not in (1, -1):
            raise _fail(f"indicator '{n.id}' has direction {n.direction!r}; use 1 or -1",
                        sv=f"indikatorn '{n.id}' har riktningen {n.direction!r}; använd 1 "
                           "eller -1")
        if n.id != root and n.parent is None:
            raise _fail(f"node '{n.id}' has no parent, so it is not connected to the root "
                        f"'{root}' (orphan)",
                        sv=f"noden '{n.id}' saknar förälder och hänger därför inte ihop med "
                           f"roten '{root}' (föräldralös)")
        if n.parent is not None and n.parent not in by_id:
            raise _fail(f"node '{n.id}' names an unknown parent '{n.parent}' (orphan)",
                        sv=f"noden '{n.id}' anger en okänd förälder '{n.parent}' "
                           "(föräldralös)")
    for n in nodes:  # walk up from each node: it must reach the root without repeating
        seen: list[str] = []
        cur: str | None = n.id
        while cur is not None and cur != root:
            if cur in seen:
                cycle = seen[seen.index(cur):]
                raise _fail(f"cycle in the tree: {' -> '.join([*cycle, cur])}",
                            sv=f"en cykel i trädet: {' -> '.join([*cycle, cur])}")
            seen.append(cur)
            cur = by_id[cur].parent
    return by_id


class Tree:
    """A validated index tree as flat arrays (see the module docstring for the order).

    Attributes: ``ids``, ``indicator_ids``, ``n_indicators``, ``parent`` (int, -1 for the
    root), ``level`` (0 for indicators; an aggregate is one above its highest child; the root
    highest), ``weight`` (as declared), ``local_weight`` (normalised to sum 1 among siblings;
    1 for the root), ``direction`` (per indicator), ``names``, ``required`` (bool per node:
    the ranking rule, see ``NodeDef``), ``min_coverage`` (per node, NaN = the method's).
    """

    def __init__(self, ids: tuple[str, ...], parent: np.ndarray, level: np.ndarray,
                 weight: np.ndarray, names: tuple[str, ...], direction: np.ndarray,
                 n_indicators: int, required: np.ndarray | None = None,
                 min_coverage: np.ndarray | None = None) -> None:
        self.ids = ids
        self.parent = parent
        self.level = level
        self.weight = weight
        self.names = names
        self.direction = direction
        self.n_indicators = n_indicators
        self.indicator_ids = ids[:n_indicators]
        self._index = {ident: k for k, ident in enumerate(ids)}
        sums = np.zeros(len(ids))
        np.add.at(sums, parent[parent >= 0], weight[parent >= 0])
        local = np.ones(len(ids))
        child = parent >= 0
        local[child] = weight[child] / sums[parent[child]]
        self.local_weight = local
        self.required = (np.zeros(len(ids), dtype=bool) if required is None
                         else np.asarray(required, dtype=bool))
        self.min_coverage = (np.full(len(ids), np.nan) if min_coverage is None
                             else np.asarray(min_coverage, dtype=float))
        for arr in (parent, level, weight, direction, local, self.required, self.min_coverage):
            arr.setflags(write=False)

    @classmethod
    def build(cls, nodes: Sequence[NodeDef], root: str) -> Tree:
        """Validate ``nodes`` and lay them out; any problem is a ModelError naming the nodes."""
        by_id = _check_nodes(nodes, root)
        kids: dict[str, list[str]] = {n.id: [] for n in nodes}
        for n in nodes:  # children keep the order in which they were declared
            if n.parent is not None:
                kids[n.parent].append(n.id)
        bad_leaf = [n.id for n in nodes if n.is_indicator and kids[n.id]]
        if bad_leaf:
            raise _fail(f"indicator(s) with children: {_names(bad_leaf)}",
                        hint="an indicator is a leaf; make it an aggregate or move the children",
                        sv=f"indikator(er) med barn: {_names(bad_leaf)}",
                        sv_hint="en indikator är ett löv; gör den till ett aggregat eller "
                                "flytta barnen")
        empty = [n.id for n in nodes if not n.is_indicator and not kids[n.id]]
        if empty:
            raise _fail(f"aggregate(s) without children: {_names(empty)}",
                        hint="give each aggregate at least one indicator or sub-aggregate",
                        sv=f"aggregat utan barn: {_names(empty)}",
                        sv_hint="ge varje aggregat minst en indikator eller ett underaggregat")
        for n in nodes:
            if kids[n.id] and sum(by_id[c].weight for c in kids[n.id]) <= 0:
                raise _fail(f"the weights of the children of '{n.id}' sum to zero "
                            f"({_names(kids[n.id])})", hint="give at least one child a weight",
                            sv=f"vikterna för barnen till '{n.id}' summerar till noll "
                               f"({_names(kids[n.id])})",
                            sv_hint="ge minst ett barn en vikt")
        order: list[str] = []
        stack = [root]
        while stack:  # depth-first, children in declared order
            cur = stack.pop()
            order.append(cur)
            stack.extend(reversed(kids[cur]))
        height: dict[str, int] = {}
        for ident in reversed(order):
            height[ident] = 0 if not kids[ident] else 1 + max(height[c] for c in kids[ident])
        leaves = [i for i in order if by_id[i].is_indicator]
        aggregates = sorted((i for i in order if not by_id[i].is_indicator and i != root),
                            key=lambda i: height[i])  # stable: depth-first within a level
        ids = tuple([*leaves, *aggregates, root])
        pos = {ident: k for k, ident in enumerate(ids)}
        parent = np.array([-1 if (up := by_id[i].parent) is None else pos[up] for i in ids],
                          dtype=np.int64)
        level = np.array([height[i] for i in ids], dtype=np.int64)
        weight = np.array([float(by_id[i].weight) for i in ids])
        direction = np.array([by_id[i].direction for i in leaves], dtype=np.int64)
        names = tuple(by_id[i].name for i in ids)
        required = np.array([by_id[i].required for i in ids], dtype=bool)
        min_cov = np.array([np.nan if by_id[i].min_coverage is None else by_id[i].min_coverage
                            for i in ids], dtype=float)
        return cls(ids, parent, level, weight, names, direction, len(leaves), required, min_cov)

    # -- lookups -------------------------------------------------------------------------
    def index_of(self, ident: str) -> int:
        """Position of node ``ident`` in ``ids``; an unknown id is a UsageError."""
        try:
            return self._index[ident]
        except KeyError:
            raise UsageError(f"no node '{ident}' in the index tree",
                             sv=f"ingen nod '{ident}' i indexträdet") from None

    def children(self, ident: str) -> list[str]:
        """The children of ``ident`` in declared order (empty for an indicator)."""
        k = self.index_of(ident)
        return [self.ids[c] for c in np.flatnonzero(self.parent == k)]

    def path(self, ident: str) -> tuple[str, ...]:
        """``ident`` and its ancestors up to and including the root."""
        out = []
        k = self.index_of(ident)
        while k >= 0:
            out.append(self.ids[k])
            k = int(self.parent[k])
        return tuple(out)

    def thresholds(self, default: float) -> np.ndarray:
        """(nodes,) each node's min_coverage, ``default`` where the node sets none."""
        return np.where(np.isnan(self.min_coverage), default, self.min_coverage)

    @property
    def root(self) -> str:
        return self.ids[-1]

    @property
    def n_nodes(self) -> int:
        return len(self.ids)

    # -- layouts the engine computes with ------------------------------------------------
    @cached_property
    def steps(self) -> tuple[LevelStep, ...]:
        """Aggregation steps bottom-up: every child is computed before its parent."""
        out = []
        for lev in range(1, int(self.level.max()) + 1):
            parents = np.flatnonzero(self.level == lev)
            children = np.flatnonzero(np.isin(self.parent, parents))
            col = {int(p): j for j, p in enumerate(parents)}
            assign = np.zeros((len(children), len(parents)))
            assign[np.arange(len(children)), [col[int(self.parent[c])] for c in children]] = 1.0
            for arr in (parents, children, assign):
                arr.setflags(write=False)
            out.append(LevelStep(parents, children, assign))
        return tuple(out)

    @cached_property
    def membership(self) -> np.ndarray:
        """(indicators × nodes) 0/1: indicator i lies under node n (itself and root included).

        Multiplying a per-indicator quantity by it sums that quantity up to every aggregate.
        """
        member = np.zeros((self.n_indicators, self.n_nodes))
        cur = np.arange(self.n_indicators)
        rows = np.arange(self.n_indicators)
        while True:
            alive = cur >= 0
            if not alive.any():
                break
            member[rows[alive], cur[alive]] = 1.0
            cur = np.where(alive, self.parent[np.maximum(cur, 0)], -1)
        member.setflags(write=False)
        return member

    @cached_property
    def path_weight(self) -> npt.NDArray[np.float64]:
        """(indicators,) each indicator's nominal weight in the index: local weights multiplied
        along its path (what the effective weight is when no value is missing)."""
        logw = np.log(np.where(self.local_weight > 0, self.local_weight, 1.0))
        zero = self.local_weight <= 0
        w: npt.NDArray[np.float64] = np.exp(self.membership @ logw)
        w[(self.membership @ zero.astype(float)) > 0] = 0.0
        return w

    def __repr__(self) -> str:
        return (f"Tree(root={self.root!r}, indicators={self.n_indicators}, "
                f"aggregates={self.n_nodes - self.n_indicators})")
