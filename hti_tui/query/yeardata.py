"""One index year's results, read back from Parquet into arrays (units × nodes).

The results file is the single source of the numbers the CLI and the UI show; this
module only reshapes it, so what a user sees is what ``hti build`` wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from hti_tui.data.parquet_store import read_provenance, read_table
from hti_tui.errors import DataError, UsageError


@dataclass
class YearData:
    year: int
    unit_ids: list[str]
    node_ids: list[str]
    level: np.ndarray  # (N,)
    score: np.ndarray  # (U, N)
    rank: np.ndarray  # (U, N) int, 0 = missing
    coverage: np.ndarray
    weight: np.ndarray
    contribution: np.ndarray
    raw: np.ndarray
    treated: np.ndarray
    status: np.ndarray  # (U, N) object
    raw_text: np.ndarray  # (U, N) object
    n: np.ndarray
    group: np.ndarray  # (U,) int, -1 missing
    observed: np.ndarray  # (U, N) share of nominal weight with observed data
    input: np.ndarray  # (U, N) the value the engine used (imputed where imputed)
    source_status: np.ndarray  # (U, N) object: status as read
    imputation: np.ndarray  # (U, N) object: method where imputed, else None
    penalty: np.ndarray  # (U, N) object: penalty where penalised, else None
    ranked: np.ndarray  # (U,) bool: in the headline ranking
    unranked_reason: np.ndarray  # (U,) object: why not, in words (None where ranked)
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def synthetic(self) -> bool:
        return bool(self.provenance.get("synthetic"))

    @property
    def root(self) -> int:
        return len(self.node_ids) - 1

    @property
    def index(self) -> np.ndarray:
        return self.score[:, self.root]

    @property
    def index_rank(self) -> np.ndarray:
        return self.rank[:, self.root]

    def node(self, node_id: str) -> int:
        return self.node_ids.index(node_id)

    def unit(self, unit_id: str) -> int:
        """The row of ``unit_id``; a unit the year's results do not hold is a UsageError
        (the registry gained it after the build), never a bare ValueError."""
        try:
            return self.unit_ids.index(unit_id)
        except ValueError:
            raise UsageError(f"{unit_id} is not in the results of {self.year}",
                             hint="run `hti build`", sv=f"{unit_id} finns inte i resultaten för "
                             f"{self.year}", sv_hint="kör `hti build`") from None


@dataclass(frozen=True)
class Headline:
    """A year's index score and rank per unit, without the rest of its results: what the
    ranking's change column needs of the previous year (reading and recomputing the
    whole year for it cost the first paint a third of its load)."""

    year: int
    unit_ids: list[str]
    node_ids: list[str]
    index: np.ndarray  # (U,)
    index_rank: np.ndarray  # (U,) int, 0 = missing


def _grid(col: np.ndarray, n_units: int, n_nodes: int) -> np.ndarray:
    return col.reshape(n_units, n_nodes)


def _shape(table: pa.Table, path: Path, rel: str | None) -> tuple[list[str], list[str]]:
    """(unit ids, node ids) of a results table; DataError unless it holds one row per unit
    and node, in tree order."""
    units = table.column("unit_id").to_numpy(zero_copy_only=False)
    nodes = table.column("node").to_numpy(zero_copy_only=False)
    node_ids = list(dict.fromkeys(nodes.tolist()))
    n_nodes = len(node_ids)
    n_units = len(units) // n_nodes if n_nodes else 0
    if n_units * n_nodes != len(units) or list(nodes[:n_nodes]) != node_ids or \
            not np.array_equal(nodes, np.tile(np.asarray(node_ids, dtype=object), n_units)):
        raise DataError("the results file is not one row per unit and node in tree order",
                        file=rel or str(path), hint="run `hti build --force`",
                        sv="resultatfilen har inte en rad per enhet och nod i trädets ordning",
                        sv_hint="kör `hti build --force`")
    return units[::n_nodes].tolist(), node_ids


def _numbers(table: pa.Table, name: str) -> np.ndarray:
    return table.column(name).to_numpy(zero_copy_only=False).astype(float)


def load_headline(path: Path, year: int, rel: str | None = None) -> Headline:
    """Only the index score and rank of each unit from a results file (four columns);
    the same checks of its shape as :func:`load_year`."""
    table = read_table(path, columns=["unit_id", "node", "score", "rank"])
    unit_ids, node_ids = _shape(table, path, rel)
    n_units, n_nodes = len(unit_ids), len(node_ids)
    score = _grid(_numbers(table, "score"), n_units, n_nodes)[:, -1]
    rank = np.nan_to_num(_grid(_numbers(table, "rank"), n_units, n_nodes)[:, -1],
                         nan=0).astype(np.int64)
    return Headline(year, unit_ids, node_ids, score, rank)


def load_year(path: Path, year: int, rel: str | None = None) -> YearData:
    """Read a results file; any inconsistency is a DataError naming it."""
    prov = read_provenance(path)
    table = read_table(path)
    unit_ids, node_ids = _shape(table, path, rel)
    n_units, n_nodes = len(unit_ids), len(node_ids)

    def num(name: str) -> np.ndarray:
        return _grid(_numbers(table, name), n_units, n_nodes)

    def obj(name: str) -> np.ndarray:
        column = table.column(name)
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            # Arrow's own conversion: str and None, five times faster than to_pylist
            # (not for dictionary columns, whose nulls it does not keep)
            values = column.to_numpy(zero_copy_only=False)
        else:
            values = np.asarray(column.to_pylist(), dtype=object)
        return _grid(values, n_units, n_nodes)

    rank = np.nan_to_num(num("rank"), nan=0).astype(np.int64)
    group = np.nan_to_num(num("group")[:, -1], nan=-1).astype(np.int64)
    level = table.column("level").to_numpy()[:n_nodes].astype(np.int64)
    missing = [c for c in ("ranked", "observed_share", "input", "unranked_reason")
               if c not in table.column_names]
    if missing:
        raise DataError(f"the results file has no column '{missing[0]}' (built by an older hti)",
                        file=rel or str(path), hint="run `hti build --force`",
                        sv=f"resultatfilen saknar kolumnen '{missing[0]}' (byggd av en äldre "
                           "hti)", sv_hint="kör `hti build --force`")
    ranked = _grid(np.asarray(table.column("ranked").to_pylist(), dtype=bool), n_units,
                   n_nodes)[:, -1]
    return YearData(year, unit_ids, node_ids, level, num("score"), rank, num("coverage"),
                    num("weight"), num("contribution"), num("raw"), num("treated"),
                    obj("status"), obj("raw_text"), num("n"), group, num("observed_share"),
                    num("input"), obj("source_status"), obj("imputation"), obj("penalty"),
                    ranked, obj("unranked_reason")[:, -1], prov)
