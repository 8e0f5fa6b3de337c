"""The engine's inputs of one index year: values, penalties and imputations per cell.

``hti build`` and the query layer (which recomputes from the stored results) get the same inputs
from here, so a what-if or a kommun screen computes exactly what the build wrote.

Per missing cell, by its source and status (hti.toml ``[method]``):

1. **penalised** when its status is in ``penalise_statuses`` (or ``missing = "penalise"``), with
   ``penalty`` or the ``[method.penalties.<source>]`` override ("none": not penalised);
2. else **imputed** when ``missing = "impute"``, with ``[method.impute]`` ``method``, a
   per-source or per-status override ("none": not imputed);
3. else left missing: **re-weighted** during aggregation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from hti_tui.engine.impute import impute
from hti_tui.engine.penalty import CODE

if TYPE_CHECKING:
    from hti_tui.data.registry import UnitRegistry
    from hti_tui.engine.compute import Computed
    from hti_tui.engine.model import IndicatorParams, Methods
    from hti_tui.engine.tree import Tree
    from hti_tui.errors import Note
    from hti_tui.project.config import Config
    from hti_tui.project.config_method import MethodConfig

STATUSES_MISSING = ("suppressed", "not_reported", "not_applicable", "invalid")


@dataclass(frozen=True)
class EngineInputs:
    values: np.ndarray  # (U, I) float: observed, imputed where imputed, NaN otherwise
    penalise: np.ndarray  # (U, I) int8 penalty codes, 0 = not penalised
    imputed: np.ndarray  # (U, I) bool
    imputation: np.ndarray  # (U, I) object: the method where imputed, else None
    penalty: np.ndarray  # (U, I) object: the penalty where penalised, else None


def _choices(method_cfg: MethodConfig, source: str, status: str) -> tuple[str | None, str | None]:
    """(penalty, imputation) for a missing cell of ``source`` with ``status``."""
    over = method_cfg.penalties.get(source, {})
    pen = over.get(status)
    if pen is None and (status in method_cfg.penalise_statuses or method_cfg.missing == "penalise"):
        pen = method_cfg.penalty
    if pen is not None and pen != "none":
        return pen, None
    if method_cfg.missing != "impute":
        return None, None
    imp = method_cfg.impute.statuses.get(status) or method_cfg.impute.sources.get(source) or \
        method_cfg.impute.method
    return None, (None if imp == "none" else imp)


def engine_inputs(method_cfg: MethodConfig, values: np.ndarray, status: np.ndarray,
                  indicator_source: Sequence[str], groups: Sequence[object] | None = None,
                  previous: Callable[[], np.ndarray | None] | None = None) -> EngineInputs:
    """The inputs of one year; ``status`` (U, I) names as read, ``previous()`` last year's
    observed values (only called when some cell is imputed with ``last_year``)."""
    x = np.asarray(values, dtype=float)
    missing = np.isnan(x)
    src = np.broadcast_to(np.asarray(list(indicator_source), dtype=object), x.shape)
    pen_name = np.full(x.shape, None, dtype=object)
    imp_name = np.full(x.shape, None, dtype=object)
    for source in sorted(set(indicator_source)):
        for st in STATUSES_MISSING:
            cells = missing & (src == source) & (status == st)
            if not cells.any():
                continue
            pen, imp = _choices(method_cfg, source, st)
            pen_name[cells] = pen
            imp_name[cells] = imp
    imputed = np.zeros(x.shape, dtype=bool)
    filled = x
    if (imp_name != None).any():  # noqa: E711
        prev = previous() if previous is not None and (imp_name == "last_year").any() else None
        filled, done = impute(x, imp_name, groups, prev)
        imputed = done != None  # noqa: E711
        imp_name = done
    codes = np.zeros(x.shape, dtype=np.int8)
    for name, code in CODE.items():
        codes[pen_name == name] = code
    return EngineInputs(filled, codes, imputed, imp_name, pen_name)


def group_labels(method_cfg: MethodConfig, registry: UnitRegistry, config: Config
                 ) -> list[object] | None:
    """The registry column ``[method.impute] group`` names, when ``group_median`` is used.

    The column may be named as the registry file names it (``kommungrupp``) or as hti does
    (``group``); a column the registry does not have is a ConfigError at that key.
    """
    imp = method_cfg.impute
    used = {imp.method, *imp.sources.values(), *imp.statuses.values()}
    if method_cfg.missing != "impute" or "group_median" not in used:
        return None
    table = registry.table
    from hti_tui.data.registry import DEFAULT_COLUMNS

    file_names = {**DEFAULT_COLUMNS, **config.units.columns}
    column = imp.group if imp.group in table.column_names else next(
        (k for k, v in file_names.items() if v == imp.group and k in table.column_names), None)
    if column is None:
        raise config.error("method.impute.group", f"group column '{imp.group}' is not in "
                           f"the unit registry ({config.rel(config.units.registry)})",
                           hint="columns: " + ", ".join(file_names.get(c, c)
                                                        for c in table.column_names),
                           sv=f"gruppkolumnen '{imp.group}' finns inte i enhetsregistret "
                              f"({config.rel(config.units.registry)})",
                           sv_hint="kolumner: " + ", ".join(file_names.get(c, c)
                                                            for c in table.column_names))
    labels: list[object] = table.column(column).to_pylist()
    return labels


def penalty_cost(tree: Tree, inputs_values: np.ndarray, params: IndicatorParams,
                 methods: Methods, penalise: np.ndarray, imputed: np.ndarray,
                 computed: Computed) -> np.ndarray:
    """(U,) index points each unit's penalties cost against re-weighting the same cells
    (NaN where a unit has no penalised cell or no index either way)."""
    from dataclasses import replace

    from hti_tui.engine.compute import compute

    marks = np.asarray(penalise)
    if methods.missing == "penalise":
        marks = np.isnan(np.asarray(inputs_values, dtype=float))
    has = np.asarray((marks > 0) if marks.dtype != bool else marks).any(axis=1)
    if not has.any():
        return np.full(has.shape[0], np.nan)
    free = compute(tree, inputs_values, params, replace(methods, missing="reweight"),
                   penalise=None, imputed=imputed)
    return np.where(has, computed.index - free.index, np.nan)


def penalty_notes(year: int, unit_ids: Sequence[str], indicator_ids: Sequence[str],
                  penalty: np.ndarray, cost: np.ndarray) -> list[Note]:
    """One info note per unit with penalised values: which, how, and what it cost."""
    from hti_tui.errors import Note
    from hti_tui.i18n import number

    notes = []
    hit = np.flatnonzero((penalty != None).any(axis=1))  # noqa: E711
    for u in map(int, hit):  # the units with penalties only
        cells = [f"{indicator_ids[i]} ({penalty[u, i]})"
                 for i in map(int, np.flatnonzero(penalty[u] != None))]  # noqa: E711
        points = "" if np.isnan(cost[u]) else \
            f"; {cost[u]:+.1f} index points against re-weighting them"
        poang = "" if np.isnan(cost[u]) else \
            f"; {number(float(cost[u]), 1, 'sv', sign=True)} indexpoäng jämfört med omviktning"
        notes.append(Note(f"results {year}", None, unit_ids[u],
                          f"penalised (did not report): {', '.join(cells)}{points}",
                          "info", "penalised",
                          sv=f"straffvärde (ej rapporterat): {', '.join(cells)}{poang}"))
    return notes
