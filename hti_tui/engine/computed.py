"""The engine's result: every number of one computation, as numpy arrays.

Rows are units in the order of the input matrix; node columns follow ``Tree.ids``
(indicators first, root last); indicator columns follow ``Tree.indicator_ids``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from hti_tui.engine.model import Methods
from hti_tui.engine.tree import Tree


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
    ``group``: result group, -1 where missing or unranked. ``observed`` (U, N): share of the
    node's nominal weight with observed data (not imputed, not penalised). ``ranked`` (U,):
    the unit is in the headline ranking (``rank`` is 0 and ``group`` -1 where it is not, while
    every score stays). ``imputed`` / ``penalised`` (U, I): cells whose score came from an
    imputed value / a penalty. ``methods``: the choices that produced this result.
    ``coverage`` is the share ``min_coverage`` tests: the weight of the node's children that
    have a score (1 or 0 for an indicator).
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
    observed: np.ndarray
    ranked: np.ndarray
    imputed: np.ndarray
    penalised: np.ndarray
    continuous: np.ndarray  # (I,) False: ja/nej or ordinal (never outlier-flagged/winsorised)
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

    def node_weight(self) -> npt.NDArray[np.float64]:
        """(U, N) effective weight of every node: an aggregate weighs its indicators' sum."""
        weight: npt.NDArray[np.float64] = self.effective_weight @ self.tree.membership
        return weight

    def node_contribution(self) -> npt.NDArray[np.float64]:
        """(U, N) index points of every node: an aggregate adds up its indicators'."""
        points: npt.NDArray[np.float64] = self.contribution @ self.tree.membership
        return points

    def to_arrow(self, unit_ids: Sequence[str]) -> pa.Table:
        """The long table, one row per unit × node (``engine.long_table``: the same writer
        ``hti build`` uses, here without the published cells' information)."""
        from hti_tui.engine.long_table import long_table

        return long_table(self, unit_ids)
