"""What-if: set some indicator values of one unit and see its score and rank move.

Always a full recomputation through ``engine.compute`` — no linear approximation — because
with min-max, z-score or rank normalisation (and with winsorisation) a change of one unit's
value moves the other units' scores as well, and ranks depend on everyone.
"""

from __future__ import annotations

import math

import numpy as np

from hti_tui.engine.compute import compute
from hti_tui.engine.computed import Computed
from hti_tui.engine.model import IndicatorParams, Methods
from hti_tui.engine.tree import Tree
from hti_tui.errors import UsageError


def check_change(tree: Tree, params: IndicatorParams, indicator: int, value: float) -> None:
    """A UsageError naming the indicator when it does not exist or ``value`` is impossible."""
    if not 0 <= indicator < tree.n_indicators:
        raise UsageError(f"indicator {indicator} does not exist "
                         f"(there are {tree.n_indicators})")
    ident = tree.indicator_ids[indicator]
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        raise UsageError(f"the value for '{ident}' must be a finite number, not {value!r}",
                         sv=f"värdet för '{ident}' måste vara ett ändligt tal, inte {value!r}")
    low, high = (float(v) for v in np.asarray(params.bounds)[indicator])
    if not low <= value <= high:
        raise UsageError(f"{value:g} is outside the possible range of '{ident}' "
                         f"[{low:g}, {high:g}]",
                         sv=f"{value:g} ligger utanför det möjliga intervallet för '{ident}' "
                            f"[{low:g}, {high:g}]".replace(".", ","))


def changed_values(tree: Tree, values: np.ndarray, params: IndicatorParams, unit: int,
                   changes: dict[int, float]) -> np.ndarray:
    """A copy of ``values`` with ``changes`` applied to row ``unit`` (checked)."""
    x = np.array(values, dtype=float, copy=True)
    if not 0 <= unit < x.shape[0]:
        raise UsageError(f"unit {unit} does not exist (there are {x.shape[0]} units)")
    for i, v in changes.items():
        check_change(tree, params, int(i), v)
        x[unit, int(i)] = float(v)
    return x


def apply(tree: Tree, values: np.ndarray, params: IndicatorParams, methods: Methods,
          unit: int, changes: dict[int, float],
          penalise: np.ndarray | None = None) -> tuple[Computed, Computed]:
    """(before, after): the index as it is, and with ``changes`` ({indicator index: new raw
    value}) applied to ``unit``. A changed cell has a value, so it is no longer penalised."""
    after_values = changed_values(tree, values, params, unit, changes)
    before = compute(tree, values, params, methods, penalise)
    after = compute(tree, after_values, params, methods, penalise)
    return before, after
