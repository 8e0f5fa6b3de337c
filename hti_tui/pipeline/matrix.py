"""From observations to the indicator matrix of one index year (units × indicators).

Each indicator reads its ``source:measure`` observations of the data year that
feeds the index year (index year − the lag of the source, or of that measure where
hti.toml sets one), total gender only. A unit a
source does not mention gets status ``not_reported``; a computed indicator whose
inputs are missing inherits the most telling input status, so the missing-data
policy (re-weight a suppressed cell, penalise a kommun that did not report) is
applied to the right cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa

from hti_tui.data.tokens import INVALID, NOT_APPLICABLE, NOT_REPORTED, OK, STATUSES, SUPPRESSED
from hti_tui.errors import ModelError, Note
from hti_tui.specs import IndicatorSpec

STATUS_CODE = {s: i for i, s in enumerate(STATUSES)}
#: when several inputs are missing, the first of these found explains the output
_PRECEDENCE = (NOT_REPORTED, INVALID, SUPPRESSED, NOT_APPLICABLE)


@dataclass
class MeasureData:
    values: np.ndarray  # (U,) float, NaN missing
    status: np.ndarray  # (U,) int8 status codes
    n: np.ndarray  # (U,) float, NaN unknown
    raw: list[str | None] | np.ndarray


@dataclass
class IndicatorMatrix:
    year: int
    unit_ids: list[str]
    indicator_ids: tuple[str, ...]
    values: np.ndarray  # (U, I)
    status: np.ndarray  # (U, I) int8 codes into STATUSES
    n: np.ndarray  # (U, I)
    raw: np.ndarray  # (U, I) object: the published token
    notes: list[Note] = field(default_factory=list)
    inputs: list[dict[str, object]] = field(default_factory=list)
    synthetic: bool = False

    def penalise_mask(self, statuses: frozenset[str]) -> np.ndarray:
        codes = [STATUS_CODE[s] for s in statuses if s in STATUS_CODE]
        mask: np.ndarray = np.isnan(self.values) & np.isin(self.status, codes)
        return mask

    def status_names(self) -> np.ndarray:
        names: np.ndarray = np.asarray(STATUSES, dtype=object)[self.status]
        return names


ObservationLoader = Callable[[str, int], tuple[pa.Table, dict[str, object]] | None]


def _measures(table: pa.Table, unit_pos: dict[str, int], n_units: int,
              absent: int = STATUS_CODE[NOT_REPORTED]) -> dict[str, MeasureData]:
    import pyarrow.compute as pc  # here, not at import: `hti rank` never needs it

    """Split one observations table into per-measure arrays aligned with the units.

    A unit the table does not mention gets status ``absent``. Array operations throughout
    (Arrow compute for the string columns), so a table of
    millions of observations splits in well under a second.
    """
    units_all = pa.array(list(unit_pos), pa.string())
    # pyarrow.compute's stubs type few of these calls precisely: Any, read as Arrow arrays
    found: Any = pc.index_in(table.column("unit_id"), value_set=units_all)
    units = pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    gender = table.column("gender")
    total: Any = pc.equal(gender, pa.scalar("T"))
    keep = pc.fill_null(total, False).to_numpy(zero_copy_only=False) | \
        pc.is_null(gender).to_numpy(zero_copy_only=False)
    keep &= units >= 0
    status_set = pa.array(list(STATUSES), pa.string())
    status_pos: Any = pc.index_in(table.column("status"), value_set=status_set)
    codes = pc.fill_null(status_pos, STATUS_CODE[INVALID]).to_numpy(
        zero_copy_only=False).astype(np.int8)
    values = table.column("value").to_numpy(zero_copy_only=False).astype(float)
    counts = table.column("n").to_numpy(zero_copy_only=False).astype(float)
    measure_col: Any = pc.dictionary_encode(table.column("measure")).combine_chunks()
    measure_idx = measure_col.indices.to_numpy(zero_copy_only=False)
    raws = table.column("raw")
    out: dict[str, MeasureData] = {}
    for m_code, m in enumerate(measure_col.dictionary.to_pylist()):
        sel = keep & (measure_idx == m_code)
        if not sel.any():
            continue
        pos = units[sel]
        data = MeasureData(np.full(n_units, np.nan),
                           np.full(n_units, absent, dtype=np.int8),
                           np.full(n_units, np.nan), [None] * n_units)
        data.values[pos] = values[sel]
        data.status[pos] = codes[sel]
        data.n[pos] = counts[sel]
        raw_arr = np.full(n_units, None, dtype=object)
        raw_arr[pos] = np.asarray(raws.filter(pa.array(sel)).to_pylist(), dtype=object)
        data.raw = raw_arr
        out[str(m)] = data
    return out


def build_matrix(year: int, unit_ids: list[str], indicators: dict[str, IndicatorSpec],
                 plugin_of: dict[str, str], lags: dict[str, int],
                 load: ObservationLoader, known_measures: dict[str, set[str]],
                 on_plugin_error: Callable[[str, str, str], None] | None = None,
                 measure_lags: dict[str, dict[str, int]] | None = None,
                 absent_status: dict[str, str] | None = None) -> IndicatorMatrix:
    """Assemble the matrix; ``load(source, period)`` returns observations or None.

    ``measure_lags`` overrides the source's lag for single measures (Kolada's register
    KPIs lag a year behind its survey KPIs), so one indicator can read last year's file.
    ``absent_status`` names, per source, the status of a unit the source's file does not
    mention (default ``not_reported``); Kolada's ``missing_status`` applies here, so an absent
    Kolada row means the same as a Kolada row without a value.

    ``known_measures`` lists every measure a source has in any year: an indicator
    reading a measure its source never had is a ModelError (a typo in a plugin),
    while a measure merely absent this year is missing data with a note.
    """
    n_units, n_ind = len(unit_ids), len(indicators)
    unit_pos = {u: i for i, u in enumerate(unit_ids)}
    values = np.full((n_units, n_ind), np.nan)
    status = np.full((n_units, n_ind), STATUS_CODE[NOT_REPORTED], dtype=np.int8)
    counts = np.full((n_units, n_ind), np.nan)
    raw = np.full((n_units, n_ind), None, dtype=object)
    notes: list[Note] = []
    inputs: list[dict[str, object]] = []
    synthetic = False
    cache: dict[tuple[str, int], dict[str, MeasureData] | None] = {}

    def measure(key: str, spec: IndicatorSpec) -> MeasureData | None:
        nonlocal synthetic
        source, _, name = key.partition(":")
        if source not in lags:
            raise ModelError(f"indicator '{spec.id}' (plugin '{plugin_of.get(spec.id)}') reads "
                             f"source '{source}', which hti.toml does not configure",
                             sv=f"indikatorn '{spec.id}' (plugin '{plugin_of.get(spec.id)}') "
                                f"läser källan '{source}', som hti.toml inte anger")
        if name not in known_measures.get(source, set()):
            names = sorted(known_measures.get(source, set()))[:12]
            known = ", ".join(names) or "none built"
            raise ModelError(f"indicator '{spec.id}' (plugin '{plugin_of.get(spec.id)}') reads "
                             f"measure '{key}', which source '{source}' does not have",
                             hint=f"measures of {source}: {known}",
                             sv=f"indikatorn '{spec.id}' (plugin '{plugin_of.get(spec.id)}') "
                                f"läser måttet '{key}', som källan '{source}' inte har",
                             sv_hint=f"mått i {source}: {', '.join(names) or 'inga byggda'}")
        period = year - (measure_lags or {}).get(source, {}).get(name, lags[source])
        if (source, period) not in cache:
            loaded = load(source, period)
            if loaded is None:
                cache[(source, period)] = None
                notes.append(Note(f"{source} {period}", None, None,
                                  f"no {source} data for data year {period} (index year {year}); "
                                  "its indicators are missing", "warning", "no_data_year",
                                  f"inga {source}-data för dataåret {period} (indexår {year}); "
                                  "dess indikatorer saknas"))
            else:
                table, prov = loaded
                inputs.append(prov)
                synthetic = synthetic or bool(prov.get("synthetic"))
                absent = (absent_status or {}).get(source, NOT_REPORTED)
                cache[(source, period)] = _measures(table, unit_pos, n_units,
                                                    STATUS_CODE.get(absent, STATUS_CODE[INVALID]))
        by_measure = cache[(source, period)]
        if by_measure is None:
            return None
        return by_measure.get(name)

    for j, (ident, spec) in enumerate(indicators.items()):
        data = [measure(k, spec) for k in spec.measures]
        if any(d is None for d in data):
            status[:, j] = STATUS_CODE[NOT_APPLICABLE]
            continue
        present = [d for d in data if d is not None]
        if spec.compute is None:
            d = present[0]
            values[:, j], status[:, j], counts[:, j] = d.values, d.status, d.n
            raw[:, j] = d.raw
            continue
        out, problem = _run_compute(spec, present, n_units)
        plugin = plugin_of.get(ident, "?")
        if problem is not None:  # a plugin's compute function: isolate it, say so
            message = f"compute of indicator '{ident}' (plugin '{plugin}') failed: {problem}"
            sv = f"compute för indikatorn '{ident}' (plugin '{plugin}') misslyckades: {problem}"
            if on_plugin_error:
                on_plugin_error(plugin, message, sv)
            notes.append(Note(f"indicator {ident}", None, None, message, "error", "plugin_error",
                              sv))
            status[:, j] = STATUS_CODE[INVALID]
            continue
        inputs_ok = np.all([d.status == STATUS_CODE[OK] for d in present], axis=0)
        notes.extend(_compute_notes(ident, plugin, year, unit_ids, out, inputs_ok, spec))
        out[~np.isfinite(out)] = np.nan
        values[:, j] = out
        stacked = np.stack([d.status for d in present])
        combined = np.full(n_units, STATUS_CODE[NOT_APPLICABLE], dtype=np.int8)
        for s in reversed(_PRECEDENCE):
            combined[(stacked == STATUS_CODE[s]).any(axis=0)] = STATUS_CODE[s]
        unexplained = STATUS_CODE[NOT_APPLICABLE if spec.nan_means == NOT_APPLICABLE else INVALID]
        combined[inputs_ok] = unexplained  # NaN from complete inputs: the compute's doing
        status[:, j] = np.where(np.isnan(out), combined, STATUS_CODE[OK])
        counts[:, j] = present[0].n
        raw[:, j] = [None if np.isnan(v) else f"{v:.4g}" for v in out]
    return IndicatorMatrix(year, list(unit_ids), tuple(indicators), values, status, counts, raw,
                           notes, inputs, synthetic)


def _run_compute(spec: IndicatorSpec, present: list[MeasureData],
                 n_units: int) -> tuple[np.ndarray, str | None]:
    """Call a compute function (its prints go to stderr); the result must be a float array
    of one value per unit, else the reason it is not."""
    from hti_tui.project.plugins import _short_error, plugin_output

    assert spec.compute is not None
    try:
        with plugin_output():
            result = spec.compute(*[d.values.copy() for d in present])
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        return np.empty(0), _short_error(exc)
    arr = np.asarray(result)
    if arr.dtype.kind not in "fiub":
        return arr, f"returned values of type {arr.dtype}, expected numbers (float64)"
    if arr.shape != (n_units,):
        return arr, f"returned shape {arr.shape}, expected ({n_units},): one value per unit"
    return arr.astype(float), None


def _units(unit_ids: list[str], mask: np.ndarray, limit: int = 8) -> str:
    hits = [unit_ids[i] for i in np.flatnonzero(mask)]
    more = f" and {len(hits) - limit} more" if len(hits) > limit else ""
    return ", ".join(hits[:limit]) + more


def _compute_notes(ident: str, plugin: str, year: int, unit_ids: list[str], out: np.ndarray,
                   inputs_ok: np.ndarray, spec: IndicatorSpec) -> list[Note]:
    """A compute result that is all NaN, infinite, or NaN where every input was there is
    never silent: a note naming plugin, indicator, year and the kommuner."""
    where = f"indicator {ident}"
    who = f"indicator '{ident}' (plugin '{plugin}'), index year {year}"
    vem = f"indikatorn '{ident}' (plugin '{plugin}'), indexår {year}"
    notes = []
    if np.isnan(out).all():
        notes.append(Note(where, None, None, f"{who}: compute returned no value for any unit "
                          "(all NaN)", "error", "compute_all_nan",
                          f"{vem}: compute gav inget värde för någon enhet (bara NaN)"))
        return notes
    inf = np.isinf(out)
    if inf.any():
        notes.append(Note(where, None, None, f"{who}: compute returned ±inf for "
                          f"{int(inf.sum())} unit(s): {_units(unit_ids, inf)} (treated as "
                          "invalid)", "error", "compute_inf",
                          f"{vem}: compute gav ±inf för {int(inf.sum())} enhet(er): "
                          f"{_units(unit_ids, inf)} (räknas som ogiltigt)"))
    unexplained = np.isnan(out) & inputs_ok
    if unexplained.any() and spec.nan_means != NOT_APPLICABLE:
        notes.append(Note(where, None, None, f"{who}: compute returned NaN although every "
                          f"input was there, for {int(unexplained.sum())} unit(s): "
                          f"{_units(unit_ids, unexplained)} (treated as invalid; declare "
                          "nan_means='not_applicable' if NaN means that)", "warning",
                          "compute_nan",
                          f"{vem}: compute gav NaN fast alla indata fanns, för "
                          f"{int(unexplained.sum())} enhet(er): {_units(unit_ids, unexplained)} "
                          "(räknas som ogiltigt; deklarera nan_means='not_applicable' om NaN "
                          "betyder det)"))
    return notes


def _sv(x: float) -> str:
    """A number as a Swedish note writes it (decimal comma)."""
    return f"{x:g}".replace(".", ",")


def check_bounds(matrix: IndicatorMatrix, indicators: dict[str, IndicatorSpec]) -> list[Note]:
    """A value outside the indicator's possible range is suspect: note it (kept as is)."""
    notes = []
    for j, spec in enumerate(indicators.values()):
        if spec.bounds is None:
            continue
        lo, hi = spec.bounds
        col = matrix.values[:, j]
        bad = np.flatnonzero((col < lo) | (col > hi))
        for u in bad[:5]:
            notes.append(Note(f"indicator {spec.id}", None, matrix.unit_ids[u],
                              f"index year {matrix.year}: value {col[u]:g} outside the "
                              f"possible range {lo:g}–{hi:g}", "warning", "out_of_range",
                              f"indexår {matrix.year}: värdet {_sv(col[u])} ligger utanför "
                              f"det möjliga intervallet {_sv(lo)}–{_sv(hi)}"))
        if len(bad) > 5:
            notes.append(Note(f"indicator {spec.id}", None, None,
                              f"index year {matrix.year}: {len(bad) - 5} more unit(s) outside "
                              f"{lo:g}–{hi:g}", "warning", "out_of_range",
                              f"indexår {matrix.year}: {len(bad) - 5} enhet(er) till utanför "
                              f"{_sv(lo)}–{_sv(hi)}"))
    return notes


__all__ = ["STATUS_CODE", "IndicatorMatrix", "build_matrix", "check_bounds"]
