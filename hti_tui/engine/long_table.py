"""The one writer of the long results table: one row per unit × node, from a ``Computed``.

``hti build`` writes exactly this table (``pipeline.results`` adds what the engine cannot know:
the published cell, its status, respondent counts, imputation methods, penalties, reasons);
``Computed.to_arrow`` is the same table without that cell information. Missing values are
always null, never NaN, so every reader sees the same thing:

* ``score`` null where the node has no score; ``rank`` null where there is no rank (the root's
  rank is the headline rank: null for an unranked unit, whose score stays);
* ``coverage`` the share of the node's children's weight that has a score — the quantity
  ``min_coverage`` tests (1/0 for an indicator); ``observed_share`` the share of its nominal
  weight with observed data (not imputed, not penalised);
* ``weight`` the effective weight (aggregates: the sum of their indicators'), never null;
  ``contribution`` index points (aggregates: the sum of their indicators'), null only for a
  node that has neither a score nor weight (it contributes nothing and is missing);
* ``raw`` the published value (null when missing, also when imputed), ``input`` the value the
  engine used (the imputed value where imputed), ``treated`` after outlier treatment;
  indicator rows only;
* ``status`` per indicator cell (``ok``, ``suppressed``, …, or ``imputed``), ``source_status``
  the status as read; aggregates: ``ok`` or ``missing``;
* ``ranked`` on every row of a unit; ``group`` and ``unranked_reason`` on root rows only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from hti_tui.errors import UsageError

if TYPE_CHECKING:
    from hti_tui.engine.computed import Computed

#: the stubs type each field by its Arrow type; a schema mixes them
_results: list[pa.Field[Any]] = [
    pa.field("unit_id", pa.string(), nullable=False),
    pa.field("node", pa.string(), nullable=False),
    pa.field("level", pa.int8(), nullable=False),
    pa.field("score", pa.float64()),
    pa.field("rank", pa.int32()),
    pa.field("coverage", pa.float64()),
    pa.field("observed_share", pa.float64()),
    pa.field("weight", pa.float64()),
    pa.field("contribution", pa.float64()),
    pa.field("raw", pa.float64()),
    pa.field("input", pa.float64()),
    pa.field("treated", pa.float64()),
    pa.field("status", pa.string()),
    pa.field("source_status", pa.string()),
    pa.field("raw_text", pa.string()),
    pa.field("n", pa.float64()),
    pa.field("imputation", pa.string()),
    pa.field("penalty", pa.string()),
    pa.field("ranked", pa.bool_()),
    pa.field("group", pa.int8()),
    pa.field("unranked_reason", pa.string()),
]
RESULTS = pa.schema(_results)


@dataclass(frozen=True)
class CellInfo:
    """What the engine does not know about each indicator cell (units × indicators)."""

    status: np.ndarray  # object: the status as read (ok, suppressed, not_reported, …)
    raw_text: np.ndarray  # object: the published token
    n: np.ndarray  # float: respondents, NaN unknown
    imputation: np.ndarray | None = None  # object: method name where imputed, else None
    penalty: np.ndarray | None = None  # object: penalty name where penalised, else None
    reasons: Sequence[str | None] | None = None  # (U,) why a unit is not ranked


def long_table(c: Computed, unit_ids: Sequence[str], cells: CellInfo | None = None) -> pa.Table:
    """The results table of ``c`` (see the module docstring for every column)."""
    if len(unit_ids) != c.n_units:
        raise UsageError(f"{len(unit_ids)} unit ids for {c.n_units} units")
    tree = c.tree
    U, N, n_ind = c.n_units, tree.n_nodes, tree.n_indicators

    def grid(values: np.ndarray | None, fill: object, dtype: npt.DTypeLike) -> np.ndarray:
        out = np.full((U, N), fill, dtype=dtype)
        if values is not None:
            out[:, :n_ind] = values
        return out

    weight = c.node_weight()
    contribution = np.nan_to_num(c.contribution) @ tree.membership
    missing_node = np.isnan(c.scores)
    contribution[missing_node & (weight == 0)] = np.nan
    engine_status = np.where(missing_node[:, :n_ind], "missing", "ok").astype(object)
    read_status = cells.status if cells is not None else engine_status
    status = grid(np.where(c.imputed, "imputed", read_status), None, object)
    status[:, n_ind:] = np.where(missing_node[:, n_ind:], "missing", "ok")
    source_status = grid(read_status, None, object)
    published = np.where(c.imputed, np.nan, c.raw)
    group = np.full((U, N), -1, dtype=np.int16)
    group[:, N - 1] = c.group
    reasons = np.full((U, N), None, dtype=object)
    if cells is not None and cells.reasons is not None:
        reasons[:, N - 1] = np.asarray(list(cells.reasons), dtype=object)
    ranks = c.ranks.astype(np.int64).reshape(-1)

    def num(a: np.ndarray) -> pa.Array[Any]:
        flat = np.asarray(a, dtype=float).reshape(-1)
        return pa.array(flat, mask=np.isnan(flat), type=pa.float64())

    def text(a: np.ndarray) -> pa.Array[Any]:
        return pa.array(a.reshape(-1).tolist(), type=pa.string())

    empty = None
    return pa.table({
        "unit_id": pa.array(np.repeat(np.asarray(unit_ids, dtype=object), N), pa.string()),
        "node": pa.array(np.tile(np.asarray(tree.ids, dtype=object), U), pa.string()),
        "level": pa.array(np.tile(tree.level, U).astype(np.int8)),
        "score": num(c.scores),
        "rank": pa.array(ranks.astype(np.int32), mask=ranks <= 0),
        "coverage": num(c.coverage),
        "observed_share": num(c.observed),
        "weight": num(weight),
        "contribution": num(contribution),
        "raw": num(grid(published, np.nan, float)),
        "input": num(grid(c.raw, np.nan, float)),
        "treated": num(grid(c.treated, np.nan, float)),
        "status": text(status),
        "source_status": text(source_status),
        "raw_text": text(grid(cells.raw_text if cells is not None else empty, None, object)),
        "n": num(grid(cells.n if cells is not None else empty, np.nan, float)),
        "imputation": text(grid(cells.imputation if cells is not None else empty, None, object)),
        "penalty": text(grid(cells.penalty if cells is not None else empty, None, object)),
        "ranked": pa.array(np.repeat(np.asarray(c.ranked, dtype=bool), N)),
        "group": pa.array(group.reshape(-1).astype(np.int8), mask=group.reshape(-1) < 0),
        "unranked_reason": text(reasons),
    }, schema=RESULTS)
