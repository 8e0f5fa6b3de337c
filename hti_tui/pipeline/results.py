"""Build step 2: the index of every index year, written as one long results table.

One row per (unit, node) for every node of the tree — indicator, kvalitetsområde,
delindex, index — with score, rank, coverage, effective weight and contribution,
so that every number the CLI and the UI show can be read back from this file.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from hti_tui import __version__
from hti_tui.data.parquet_store import WriteError, read_provenance, read_table, write_table
from hti_tui.data.schema import OBSERVATIONS
from hti_tui.engine.compute import Computed, compute
from hti_tui.engine.groups import assign_interval
from hti_tui.engine.long_table import CellInfo, long_table
from hti_tui.errors import DataError, HtiError, Note, PluginError
from hti_tui.pipeline import layout
from hti_tui.pipeline.build_plan import YearStep
from hti_tui.pipeline.commit import staged as staged_name
from hti_tui.pipeline.freshness import RESULTS_SCHEMA
from hti_tui.pipeline.inputs import (
    EngineInputs,
    engine_inputs,
    group_labels,
    penalty_cost,
    penalty_notes,
)
from hti_tui.pipeline.matrix import (
    STATUS_CODE,
    IndicatorMatrix,
    ObservationLoader,
    build_matrix,
    check_bounds,
)
from hti_tui.pipeline.model import IndexModel
from hti_tui.pipeline.observations import notes_table
from hti_tui.pipeline.reasons import SourceLabel, unranked_reasons
from hti_tui.project import Project

if TYPE_CHECKING:
    from hti_tui.analysis.sensitivity import Sensitivity

SCHEMA_VERSION = RESULTS_SCHEMA


@dataclass
class YearResult:
    year: int
    units: int = 0
    scored: int = 0
    skipped: bool = False
    seconds: float = 0.0
    engine_seconds: float = 0.0
    sensitivity_seconds: float = 0.0
    notes: list[Note] = field(default_factory=list)
    error: HtiError | None = None
    synthetic: bool = False
    bytes_written: int = 0
    #: (staged, final) of every file written, when written staged (see ``pipeline.commit``)
    staged: list[tuple[Path, Path]] = field(default_factory=list)


#: (source, data year) → the provenance of its observation file, as a build stage knows it
ObservationProvenance = Mapping[tuple[str, int], Mapping[str, Any]]


def observation_loader(project: Project, provenance: ObservationProvenance | None = None
                       ) -> ObservationLoader:
    """``load(source, period)`` over the built observation files (their provenance from
    ``provenance`` when the build already knows it, else read from the file)."""
    known = provenance or {}

    def load(source: str, period: int) -> tuple[pa.Table, dict[str, object]] | None:
        path = layout.observations_path(project.config, source, period)
        if not path.is_file():
            return None
        found = known.get((source, period))
        prov = dict(found) if found is not None else read_provenance(path)
        table = read_table(path)
        if table.schema.remove_metadata() != OBSERVATIONS:
            raise DataError("the observations file does not have the observation schema",
                            file=project.config.rel(path), hint="run `hti build --force`",
                            sv="observationsfilen har inte observationernas schema",
                            sv_hint="kör `hti build --force`")
        return table, prov
    return load


def known_measures(project: Project) -> dict[str, set[str]]:
    """Every measure each source has in any built data year."""
    out: dict[str, set[str]] = {}
    for source, cfg in project.config.sources.items():
        names: set[str] = set()
        for year in cfg.adapters:
            path = layout.observations_path(project.config, source, year)
            if path.is_file():
                col = read_table(path, columns=["measure"]).column("measure")
                names.update(str(m) for m in col.unique().to_pylist() if m is not None)
        out[source] = names
    return out


def matrix_for(project: Project, model: IndexModel, year: int,
               measures: dict[str, set[str]] | None = None,
               provenance: ObservationProvenance | None = None) -> IndicatorMatrix:
    lags = {s: c.lag for s, c in project.config.sources.items()}
    matrix = build_matrix(
        year, project.registry.ids, model.indicators, model.plugin_of, lags,
        observation_loader(project, provenance),
        measures if measures is not None else known_measures(project),
        on_plugin_error=lambda plugin, msg, sv: project.plugins.record_failure(
            plugin, "hti_indicators.compute", msg, sv),
        measure_lags={s: c.measure_lag for s, c in project.config.sources.items()},
        absent_status={s: str(c.options["missing_status"]) for s, c in
                       project.config.sources.items() if "missing_status" in c.options})
    matrix.notes.extend(check_bounds(matrix, model.indicators))
    return matrix


def source_labels(project: Project) -> dict[str, SourceLabel]:
    """How reasons name each source (its short name; whether it is a survey)."""
    try:
        specs = project.plugins.sources()
    except HtiError:
        return {}
    return {sid: SourceLabel(spec.short_name or spec.name, spec.kind == "survey")
            for sid, (spec, _) in specs.items()}


def results_table(model: IndexModel, matrix: IndicatorMatrix, c: Computed,
                  sources: dict[str, SourceLabel] | None = None,
                  imputation: np.ndarray | None = None,
                  penalty: np.ndarray | None = None) -> pa.Table:
    """The long results table of one year (every unit × every node): ``engine.long_table``
    with the published cells, their statuses and the reasons for every unranked unit."""
    status = matrix.status_names()
    indicator_source = [model.indicators[i].source_ids[0] for i in model.tree.indicator_ids]
    reasons = unranked_reasons(c, status, indicator_source, sources or {})
    return long_table(c, matrix.unit_ids, CellInfo(status, matrix.raw, matrix.n,
                                                   imputation, penalty, reasons))


_UNCERTAINTY_FIELDS: list[pa.Field[Any]] = [  # typed: the fields' types differ
    pa.field("unit_id", pa.string(), nullable=False),
    pa.field("rank", pa.int32()),
    pa.field("median_rank", pa.float64()),
    pa.field("low", pa.float64()),
    pa.field("high", pa.float64()),
    pa.field("main_factor", pa.string()),
]
UNCERTAINTY = pa.schema(_UNCERTAINTY_FIELDS)


def year_inputs(project: Project, model: IndexModel, matrix: IndicatorMatrix,
                measures: dict[str, set[str]] | None = None,
                provenance: ObservationProvenance | None = None) -> EngineInputs:
    """Penalties and imputations of one year's matrix, as hti.toml [method] chooses."""
    cfg = project.config
    groups = group_labels(cfg.method, project.registry, cfg)
    indicator_source = [model.indicators[i].source_ids[0] for i in model.tree.indicator_ids]

    def previous() -> np.ndarray | None:
        if matrix.year - 1 < min(cfg.index.years) - 1:
            return None
        prev = matrix_for(project, model, matrix.year - 1, measures, provenance)
        return np.where(prev.status == STATUS_CODE["ok"], prev.values, np.nan)

    return engine_inputs(cfg.method, matrix.values, matrix.status_names(), indicator_source,
                         groups, previous)


def write_uncertainty(project: Project, model: IndexModel, matrix: IndicatorMatrix, path: Path,
                      provenance: Mapping[str, Any], inputs: EngineInputs
                      ) -> tuple[float, Sensitivity]:
    """Run the Monte Carlo of hti.toml [sensitivity] and store each unit's rank interval."""
    from hti_tui.analysis.sensitivity import run as monte_carlo

    t0 = time.perf_counter()
    spec = project.config.sensitivity
    share = np.array([model.indicators[i].unit == "%" for i in model.tree.indicator_ids])
    res = monte_carlo(model.tree, inputs.values, model.params, model.methods, spec,
                      penalise=inputs.penalise, n=np.where(inputs.imputed, np.nan, matrix.n),
                      share=share, imputed=inputs.imputed)
    seconds = time.perf_counter() - t0
    nominal = res.nominal_rank.astype(np.int64)
    table = pa.table({
        "unit_id": matrix.unit_ids,
        "rank": pa.array(nominal.astype(np.int32), mask=nominal <= 0),
        "median_rank": pa.array(res.median_rank, mask=np.isnan(res.median_rank)),
        "low": pa.array(res.lower, mask=np.isnan(res.lower)),
        "high": pa.array(res.upper, mask=np.isnan(res.upper)),
        "main_factor": list(res.main_factor),
    }, schema=UNCERTAINTY)
    write_table(table, path, {
        **provenance, "kind": "uncertainty", "runs": spec.runs, "seed": spec.seed,
        "weight_spread": spec.weight_spread, "interval": spec.interval,
        "options": {k: list(v) for k, v in res.options.items()}})
    return seconds, res


def compute_year(project: Project, model: IndexModel, step: YearStep,
                 measures: dict[str, set[str]] | None = None,
                 left_out: list[dict[str, str]] | None = None,
                 allow_failed_plugins: bool = False,
                 observed: ObservationProvenance | None = None,
                 build_id: str = "") -> YearResult:
    """Carry out one year of the plan: compute and write its results (``compute``), or
    report the kept ones (``skip``).

    A compute function that raised fails the year (nothing written) unless
    ``allow_failed_plugins``; ``left_out`` (plugins the build goes on without) is stored
    in the results' metadata for the banner. ``observed``: the observation files'
    provenance as stage 1 left them (not read again). With a ``build_id`` the files are
    written under their staged names (``pipeline.commit``) and listed in ``staged``: they
    replace the old results only when the executor commits the whole stage.
    """
    year = step.year
    result = YearResult(year)
    if step.action == "skip":
        prov = step.stored or {}
        result.skipped = True
        result.units, result.scored = int(prov.get("units", 0)), int(prov.get("scored", 0))
        result.synthetic = bool(prov.get("synthetic"))
        return result
    start = time.perf_counter()
    out = layout.results_path(project.config, year)
    left_out = list(left_out or [])
    key, inputs = step.fingerprint, list(step.inputs)
    try:
        matrix = matrix_for(project, model, year, measures, observed)
        engine_in = year_inputs(project, model, matrix, measures, observed)
        t0 = time.perf_counter()
        computed = compute(model.tree, engine_in.values, model.params, model.methods,
                           penalise=engine_in.penalise, imputed=engine_in.imputed)
        result.engine_seconds = time.perf_counter() - t0
        cost = penalty_cost(model.tree, engine_in.values, model.params, model.methods,
                            engine_in.penalise, engine_in.imputed, computed)
        matrix.notes.extend(penalty_notes(year, matrix.unit_ids, model.indicator_ids,
                                          engine_in.penalty, cost))
    except HtiError as exc:
        result.error = exc
        return result
    broken = [n for n in matrix.notes if n.code == "plugin_error"]
    if broken and not allow_failed_plugins:
        result.error = PluginError(
            f"index {year} not written: " + "; ".join(n.message for n in broken)
            + "; the last good results are kept",
            hint="fix the plugin, or build without it with `hti build --allow-failed-plugins`",
            sv=f"index {year} skrevs inte: " + "; ".join(n.text("sv") for n in broken)
            + "; de senaste fungerande resultaten behålls",
            sv_hint="rätta pluginet, eller bygg utan det med "
                    "`hti build --allow-failed-plugins`")
        return result
    left_out += [{"name": model.plugin_of.get(n.file.removeprefix("indicator "), "?"),
                  "error": n.message, "error_sv": n.text("sv")} for n in broken]
    scored = int(np.isfinite(computed.index).sum())
    provenance = {
        "kind": "results", "hti_version": __version__, "config_sha256": project.config.sha256,
        "year": year, "inputs": inputs, "fingerprint": key, "synthetic": matrix.synthetic,
        "units": len(matrix.unit_ids), "scored": scored,
        "ranked": int(computed.ranked.sum()),
        "methods": {k: getattr(model.methods, k) for k in (
            "normalisation", "aggregation", "missing", "min_coverage", "outliers", "penalty")},
        "result_groups": {"method": model.methods.groups.method,
                          "bounds": list(model.methods.groups.bounds)},
        "penalise_statuses": sorted(model.penalise_statuses),
        "plugins": {p: project.plugins.versions().get(p, "?")
                    for p in sorted(set(model.plugin_of.values()))},
        "indicators": list(model.indicator_ids), "schema": SCHEMA_VERSION,
        "indicator_plugins": dict(model.plugin_of),
        "plugin_sources": {p: project.plugins.source_hashes().get(p, "")
                           for p in sorted(set(model.plugin_of.values()))},
        "failed_plugins": left_out,
    }
    def target(final: Path) -> Path:
        if not build_id:
            return final
        result.staged.append((staged_name(final, build_id), final))
        return result.staged[-1][0]

    try:
        unc_seconds, unc = write_uncertainty(
            project, model, matrix, target(layout.uncertainty_path(project.config, year)),
            provenance, engine_in)
    except WriteError:  # the disk, not the method: the build stops with the file's name
        raise
    except HtiError as exc:  # e.g. [sensitivity] asks for a method the indicators cannot use
        result.error = HtiError(f"sensitivity analysis: {exc.describe()}", hint="check "
                                "[sensitivity] in hti.toml",
                                sv=f"känslighetsanalysen: {exc.describe('sv')}",
                                sv_hint="se över [sensitivity] i hti.toml")
        return result
    if model.methods.groups.method == "interval":  # groups from the rank intervals
        computed = replace(computed, group=assign_interval(
            unc.lower, unc.upper, computed.ranked, model.methods.groups.bounds))
    table = results_table(model, matrix, computed, source_labels(project),
                          engine_in.imputation, engine_in.penalty)
    out = target(out)
    write_table(table, out, provenance)
    notes_file = target(layout.notes_path(project.config, "results", year))
    write_table(notes_table(matrix.notes, "results", year), notes_file,
                {**provenance, "kind": "notes"})
    result.units, result.scored, result.notes = len(matrix.unit_ids), scored, matrix.notes
    result.synthetic = matrix.synthetic
    result.seconds = time.perf_counter() - start
    result.sensitivity_seconds = unc_seconds
    result.bytes_written = out.stat().st_size + notes_file.stat().st_size
    return result
