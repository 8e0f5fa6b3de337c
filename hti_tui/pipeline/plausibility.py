"""Plausibility of a source's data year against its other years.

A 2025 file whose shares changed from percent (0–100) to proportions (0–1) under the
same headers reads without a single bad cell — and every survey indicator scores near
0. So each measure of each built data year is compared with the source's other years:

* values that all lie in 0–1 where the other years lie in 0–100 (a unit change) — an
  **error**: the index years that use the file are not computed;
* a median that moved by an order of magnitude or more — a warning;
* a column with no value at all (every cell suppressed or missing) — a warning.

A source that really changed its scale says so in hti.toml:
``[sources.X.options] scale_changed = ["measure", …]``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from hti_tui.data.parquet_store import read_provenance, read_table
from hti_tui.errors import HtiError, Note
from hti_tui.pipeline import layout
from hti_tui.pipeline.source_steps import options_for
from hti_tui.project import Project

MIN_VALUES = 10  # fewer values than this say nothing about a scale


@dataclass(frozen=True)
class Stats:
    count: int  # values with status ok
    rows: int  # observations of the measure (any status)
    median: float
    low: float
    high: float


def measure_stats(table: pa.Table) -> dict[str, Stats]:
    """Per measure (total gender): how many values, their median and range."""
    gender = table.column("gender")
    # pyarrow.compute's stubs type few of these calls precisely: Any, read as Arrow arrays
    total: Any = pc.or_(pc.is_null(gender), pc.equal(gender, pa.scalar("T")))
    table = table.filter(pc.fill_null(total, True))
    out: dict[str, Stats] = {}
    measures = table.column("measure").to_numpy(zero_copy_only=False)
    values = table.column("value").to_numpy(zero_copy_only=False).astype(float)
    is_ok: Any = pc.equal(table.column("status"), pa.scalar("ok"))
    ok = is_ok.to_numpy(zero_copy_only=False)
    order = np.argsort(measures, kind="stable")
    names, starts = np.unique(measures[order], return_index=True)
    for name, chunk in zip(names, np.split(order, starts[1:])):
        v = values[chunk][ok[chunk] & np.isfinite(values[chunk])]
        out[str(name)] = Stats(int(v.size), int(chunk.size),
                               float(np.median(v)) if v.size else math.nan,
                               float(v.min()) if v.size else math.nan,
                               float(v.max()) if v.size else math.nan)
    return out


def check_source(project: Project, source: str,
                 provenance: Mapping[tuple[str, int], Mapping[str, Any]] | None = None
                 ) -> dict[int, list[Note]]:
    """Notes per data year of one source, from its built observation files (their
    provenance from ``provenance`` where the build already knows it)."""
    config = project.config
    cfg = config.sources[source]
    stats: dict[int, dict[str, Stats]] = {}
    where: dict[int, tuple[str, dict[str, str]]] = {}
    for year in sorted(cfg.adapters):
        path = layout.observations_path(config, source, year)
        if not path.is_file():
            continue
        try:
            known = (provenance or {}).get((source, year))
            prov = known if known is not None else read_provenance(path)
            stats[year] = measure_stats(read_table(path, ["measure", "value", "status",
                                                          "gender"]))
        except HtiError:
            continue  # an unreadable file is reported by its own check
        inputs = prov.get("inputs") or [{}]
        where[year] = (str(inputs[0].get("path", path)), dict(prov.get("columns") or {}))
    notes: dict[int, list[Note]] = {}
    for year, per_measure in stats.items():
        file, columns = where[year]
        # [sources.X.options] or, for one data year, [sources.X.options.<year>]
        listed = options_for(cfg.options, year).get("scale_changed") or []
        accepted = {str(m) for m in listed} if isinstance(listed, (list, tuple)) else set()
        for measure, s in per_measure.items():
            column = columns.get(measure, measure)
            found = _compare(source, year, measure, s,
                             [o[measure] for y, o in stats.items() if y != year and measure in o],
                             measure in accepted)
            notes.setdefault(year, []).extend(
                Note(file, None, column, message, severity, code, sv)
                for severity, code, message, sv in found)
    return notes


def _sv(x: float, spec: str = "g") -> str:
    """A number as a Swedish note writes it (decimal comma)."""
    return format(x, spec).replace(".", ",")


def _compare(source: str, year: int, measure: str, s: Stats, others: list[Stats],
             accepted: bool) -> list[tuple[str, str, str, str]]:
    """(severity, code, English, Swedish) of each finding."""
    found: list[tuple[str, str, str, str]] = []
    if s.rows >= MIN_VALUES and s.count == 0:
        found.append(("warning", "all_missing", f"measure '{measure}' has no value in "
                      f"{year}: all {s.rows} cells are suppressed or missing",
                      f"måttet '{measure}' har inget värde {year}: alla {s.rows} celler är "
                      "skyddade eller saknas"))
        return found
    usable = [o for o in others if o.count >= MIN_VALUES]
    if s.count < MIN_VALUES or not usable or accepted:
        return found
    other_high = float(np.median([o.high for o in usable]))
    other_median = float(np.median([o.median for o in usable]))
    if s.low >= 0.0 and s.high <= 1.0 and other_high > 1.5 and other_median > 1.5:
        found.append(("error", "unit_change", (
            f"measure '{measure}' lies in 0–1 in {year} ({s.low:g}–{s.high:g}), but in "
            f"0–{other_high:g} in the other years: shares given as proportions instead of "
            "percent? The index years using this file are not computed (fix the adapter, "
            f"or if the scale really changed list it in [sources.{source}.options] "
            "scale_changed)"), (
            f"måttet '{measure}' ligger i 0–1 {year} ({_sv(s.low)}–{_sv(s.high)}), men i "
            f"0–{_sv(other_high)} de andra åren: andelar som kvoter i stället för procent? "
            "Indexåren som använder filen räknas inte ut (rätta adaptern, eller om skalan "
            f"verkligen har ändrats, ange måttet i [sources.{source}.options] "
            "scale_changed)")))
        return found
    if s.median > 0 and other_median > 0:
        ratio = s.median / other_median
        if ratio >= 10 or ratio <= 0.1:
            found.append(("warning", "magnitude_jump", (
                f"measure '{measure}': the median {s.median:g} in {year} is {ratio:.3g} × "
                f"the median of the other years ({other_median:g}); a unit change?"), (
                f"måttet '{measure}': medianen {_sv(s.median)} {year} är {_sv(ratio, '.3g')} × "
                f"medianen de andra åren ({_sv(other_median)}); ändrad enhet?")))
    return found


def check(project: Project,
          provenance: Mapping[tuple[str, int], Mapping[str, Any]] | None = None
          ) -> dict[tuple[str, int], list[Note]]:
    """Every source's notes, keyed by (source, data year)."""
    out: dict[tuple[str, int], list[Note]] = {}
    for source in project.config.sources:
        for year, notes in check_source(project, source, provenance).items():
            if notes:
                out[(source, year)] = notes
    return out
