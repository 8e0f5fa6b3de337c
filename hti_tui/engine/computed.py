"""The engine's result: every number of one computation, as numpy arrays.

Rows are units in the order of the input matrix; node columns follow ``Tree.ids``
(indicators first, root last); indicator columns follow ``Tree.indicator_ids``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from hti_tui.engine.model import Methods
from hti_tui.engine.tree import Tree
from hti_tui.errors import UsageError


@dataclass(frozen=True)
class Computed:
    """One computed index.

    ``scores`` (U, N): normalised 0–100 for indicators, aggregate scores above (NaN =
    missing). ``coverage`` (U, N): share of the node's nominal weight whose indicators have
    data. ``ranks`` (U, N): 1 = best, ties share the best rank, 0 where the score is missing.
    ``effective_weight`` (U, I): the indicator's weight in the index after re-weighting along
    its path (sums to 1 over the indicators that count). ``contribution`` (U, I): index points,
    summing to ``index`` (NaN rows where the index is missing); exactly ``weight × score`` for
    the arithmetic mean, that split rescaled to the index for geometric/harmonic means.
    ``group``: result group, -1 where missing. ``methods``: the choices that produced this result.
    """

    tree: Tree
    raw: np.ndarray
    treated: np.ndarray
    winsorised: np.ndarray
    scores: np.ndarray
    coverage: np.ndarray
    ranks: np.ndarray
    effective_weight: np.ndarray
    contribution: np.ndarray
    index: np.ndarray
    rank: np.ndarray
    group: np.ndarray
    methods: Methods = field(default_factory=Methods)

    @property
    def n_units(self) -> int:
        return int(self.raw.shape[0])

    @property
    def normalised(self) -> np.ndarray:
        """(U, I) the indicators' normalised scores (a view of ``scores``)."""
        return self.scores[:, : self.tree.n_indicators]

    def node_scores(self, ident: str) -> np.ndarray:
        """(U,) the scores of node ``ident``."""
        return self.scores[:, self.tree.index_of(ident)]

    def node_ranks(self, ident: str) -> np.ndarray:
        return self.ranks[:, self.tree.index_of(ident)]

    def node_weight(self) -> np.ndarray:
        """(U, N) effective weight of every node: an aggregate weighs its indicators' sum."""
        return self.effective_weight @ self.tree.membership

    def node_contribution(self) -> np.ndarray:
        """(U, N) index points of every node: an aggregate adds up its indicators'."""
        return self.contribution @ self.tree.membership

    def to_arrow(self, unit_ids: Sequence[str]) -> pa.Table:
        """The long table: one row per unit × node (units outer, nodes in tree order).

        Columns: unit_id, node, level, score, rank (null if missing), coverage, raw, treated,
        normalised (indicator rows only), weight (effective; aggregates sum their
        indicators), contribution (likewise), group (root rows only).
        """
        if len(unit_ids) != self.n_units:
            raise UsageError(f"{len(unit_ids)} unit ids for {self.n_units} units")
        tree = self.tree
        U, N, n_ind = self.n_units, tree.n_nodes, tree.n_indicators

        def node_cols(values: np.ndarray) -> np.ndarray:
            out = np.full((U, N), np.nan)
            out[:, :n_ind] = values
            return out.reshape(-1)

        def col(a: np.ndarray) -> pa.Array:
            flat = np.asarray(a, dtype=float).reshape(-1)
            return pa.array(flat, mask=np.isnan(flat))

        group = np.full((U, N), -1, dtype=np.int64)
        group[:, N - 1] = self.group
        ranks = self.ranks.reshape(-1)
        return pa.table({
            "unit_id": pa.array(np.repeat(np.asarray(unit_ids, dtype=object), N), pa.string()),
            "node": pa.array(np.tile(np.asarray(tree.ids, dtype=object), U), pa.string()),
            "level": pa.array(np.tile(tree.level, U).astype(np.int8)),
            "score": col(self.scores),
            "rank": pa.array(ranks.astype(np.int32), mask=ranks <= 0),
            "coverage": col(self.coverage),
            "raw": col(node_cols(self.raw)),
            "treated": col(node_cols(self.treated)),
            "normalised": col(node_cols(self.normalised)),
            "weight": col(self.node_weight()),
            "contribution": col(self.node_contribution()),
            "group": pa.array(group.reshape(-1).astype(np.int8), mask=group.reshape(-1) < 0),
        })
