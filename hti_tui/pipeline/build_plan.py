"""The build as a plan: every input, hash and staleness decision of one ``hti build``, once.

:func:`make_plan` looks at the project once — hashes every raw file, the unit registry and
every plugin's source, reads the provenance of every built file (one footer read per file)
— and returns a frozen :class:`BuildPlan`: per source file and per index year what the build
will do (read, compute, skip, or fail) and why. :mod:`hti_tui.pipeline.execute` carries it
out stage by stage reading only the plan; ``hti build --dry-run`` prints it and writes
nothing.

The fingerprint a year's results will carry is known before anything is read: an
observation file the build re-reads gets the fingerprint the plan computed for it, so the
results key is computed from the observation fingerprints *after* stage 1, not from the
files as they are now.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from hti_tui import __version__
from hti_tui.data.parquet_store import (
    CONTENT_KEY,
    content_sha256,
    read_provenance,
    read_table,
    sha256_text,
)
from hti_tui.errors import HtiError, PluginError
from hti_tui.pipeline import layout
from hti_tui.pipeline.freshness import (
    InputRecord,
    input_record,
    model_plugins,
    results_key,
    stale_reason,
)
from hti_tui.pipeline.model import IndexModel
from hti_tui.pipeline.source_steps import SourceStep, plan_sources
from hti_tui.project import Project
from hti_tui.project.plugins import PluginRecord

YearAction = Literal["compute", "skip", "fail"]


@dataclass(frozen=True)
class YearStep:
    """What the build does with one index year: ``compute`` (why: ``reason``), ``skip`` (up
    to date) or ``fail`` (a source file it needs cannot be read: the last results stay)."""

    year: int
    action: YearAction
    reason: str  # a code (see hti_tui.cli.commands.build_plan_text); "up_to_date" for skip
    detail: str = ""
    fingerprint: str = ""
    inputs: tuple[InputRecord, ...] = ()
    #: (source, data year) the year is computed from whose observations stage 1 rewrites
    rereads: tuple[tuple[str, int], ...] = ()
    output: Path | None = None
    stored: Mapping[str, Any] | None = None  # the provenance of today's results file
    needs: tuple[tuple[str, int], ...] = ()  # every (source, data year) it reads


@dataclass(frozen=True)
class BuildInputs:
    """Everything a build depends on, hashed."""

    config_sha256: str
    registry_sha256: str
    raw_files: tuple[tuple[str, str], ...]  # (path relative to the project, sha256)
    plugin_versions: Mapping[str, str]
    plugin_sources: Mapping[str, str]  # plugin → sha256 of its source
    model_sha256: str  # hti.toml and the indicator plugins of the model; "" without a model
    hti_version: str = __version__


@dataclass(frozen=True)
class Stop:
    """A build that cannot start a stage: what failed and the error."""

    stage: Literal["observations", "results"]
    cause: Literal["registry", "plugins", "model"]
    error: HtiError


@dataclass(frozen=True)
class BuildPlan:
    """One build, decided: computed once by :func:`make_plan`, read by the executor."""

    force: bool
    results: bool  # False: --observations-only
    allow_failed_plugins: bool
    inputs: BuildInputs | None
    sources: tuple[SourceStep, ...] = ()
    years: tuple[YearStep, ...] = ()
    model: IndexModel | None = field(default=None, compare=False, repr=False)
    #: plugins that failed (left out with --allow-failed-plugins, else they stop the build)
    failed_plugins: tuple[Mapping[str, str], ...] = ()
    stop: Stop | None = None

    @property
    def would_read(self) -> list[SourceStep]:
        return [s for s in self.sources if s.action == "read"]

    @property
    def would_compute(self) -> list[YearStep]:
        return [y for y in self.years if y.action == "compute"]

    @property
    def would_fail(self) -> bool:
        return self.stop is not None or any(s.action == "fail" for s in self.sources) or \
            any(y.action == "fail" for y in self.years)

    @property
    def nothing_to_do(self) -> bool:
        return self.stop is None and not self.would_read and not self.would_compute and \
            not self.would_fail

    def source(self, source: str, year: int) -> SourceStep | None:
        return next((s for s in self.sources if (s.source, s.year) == (source, year)), None)

    def as_dict(self) -> dict[str, Any]:
        """The plan as ``hti build --dry-run --format json`` prints it."""
        inputs = self.inputs
        return {
            "force": self.force, "results": self.results,
            "allow_failed_plugins": self.allow_failed_plugins,
            "would_fail": self.would_fail, "nothing_to_do": self.nothing_to_do,
            "stop": None if self.stop is None else {
                "stage": self.stop.stage, "cause": self.stop.cause,
                "error": self.stop.error.describe()},
            "inputs": None if inputs is None else {
                "config_sha256": inputs.config_sha256,
                "registry_sha256": inputs.registry_sha256,
                "raw_files": [{"path": p, "sha256": h} for p, h in inputs.raw_files],
                "plugins": [{"name": n, "version": v,
                             "source_sha256": inputs.plugin_sources.get(n, "")}
                            for n, v in sorted(inputs.plugin_versions.items())],
                "model_sha256": inputs.model_sha256, "hti_version": inputs.hti_version},
            "failed_plugins": [dict(p) for p in self.failed_plugins],
            "sources": [{"source": s.source, "year": s.year, "action": s.action,
                         "reason": s.reason, "detail": s.detail,
                         "input": s.input_rel, "adapter": s.adapter.id if s.adapter else None,
                         "plugin": s.plugin or None} for s in self.sources],
            "years": [{"year": y.year, "action": y.action, "reason": y.reason,
                       "detail": y.detail,
                       "reads": [f"{s} {p}" for s, p in y.needs],
                       "rereads": [f"{s} {p}" for s, p in y.rereads]} for y in self.years],
        }


def would_contribute(project: Project, record: PluginRecord,
                     stored: Mapping[int, Mapping[str, Any]], language: str = "en") -> str:
    """What a failed plugin adds to the index, in words (``language``): what it still
    declares, else what it contributed to the last results built (a plugin that never
    imported cannot say). ``stored``: the results' provenance per year."""
    sv = language == "sv"
    declared, _ = project.plugins.declared_by()
    mine = declared.get(record.name, [])
    last: list[str] = []
    for year in sorted(stored, reverse=True):
        last = sorted(i for i, p in (stored[year].get("indicator_plugins") or {}).items()
                      if p == record.name)
        break
    if last:
        return (f"indikatorerna {', '.join(last)} (i de senast byggda resultaten)" if sv else
                f"indicators {', '.join(last)} (in the last results built)")
    if mine:
        return ", ".join(mine)
    if record.hooks:
        return ("det som dess hooks " + ", ".join(record.hooks) + " deklarerar" if sv else
                "what its hooks " + ", ".join(record.hooks) + " declare")
    return ("okänt (det laddades aldrig; om det deklarerar indikatorer skulle de saknas)" if sv
            else "unknown (it never loaded; if it declares indicators, they would be missing)")


def _failed_plugins(project: Project, stored: Mapping[int, Mapping[str, Any]]
                    ) -> tuple[dict[str, str], ...]:
    return tuple({"name": r.name, "origin": r.origin, "location": r.location,
                  "error": r.reasons(), "error_sv": r.reasons("sv"),
                  "would_contribute": would_contribute(project, r, stored),
                  "would_contribute_sv": would_contribute(project, r, stored, "sv")}
                 for r in project.plugins.build_failures())


def plugin_stop(failed: tuple[Mapping[str, str], ...]) -> Stop:
    lines = [f"plugin '{p['name']}' ({p['origin']}, {p['location']}) failed — {p['error']}; "
             f"it would have contributed: {p['would_contribute']}" for p in failed]
    from hti_tui.i18n import term

    rader = [f"plugin '{p['name']}' ({term('origin', p['origin'], 'sv')}, {p['location']}) "
             "misslyckades — "
             f"{p.get('error_sv') or p['error']}; det skulle ha bidragit med: "
             f"{p.get('would_contribute_sv') or p['would_contribute']}" for p in failed]
    return Stop("observations", "plugins", PluginError(
        "; ".join(lines) + ". No new results were written; the last good results are kept",
        hint="fix the plugin, disable it in hti.toml [plugins] disabled, or build without it "
             "with `hti build --allow-failed-plugins`",
        sv="; ".join(rader) + ". Inga nya resultat skrevs; de senaste fungerande resultaten "
           "behålls",
        sv_hint="rätta pluginet, stäng av det i hti.toml [plugins] disabled, eller bygg utan "
                "det med `hti build --allow-failed-plugins`"))


def _read_stored(path: Path) -> Mapping[str, Any] | None:
    try:
        return read_provenance(path)
    except HtiError:
        return None


def _content_problem(path: Path, prov: Mapping[str, Any]) -> str | None:
    """None when the file's values are what hti wrote with ``prov`` (no second footer read)."""
    stored = prov.get(CONTENT_KEY)
    if stored is None:
        return "has no content hash (written by an older hti)"
    try:
        if content_sha256(read_table(path), prov) != stored:
            return "its content is not what hti wrote (edited or corrupt)"
    except HtiError as exc:
        return exc.message
    return None


def _year_step(project: Project, model: IndexModel, year: int, force: bool,
               steps: Mapping[tuple[str, int], SourceStep],
               left_out: tuple[Mapping[str, str], ...],
               stored: Mapping[int, Mapping[str, Any]]) -> YearStep:
    cfg = project.config
    out = layout.results_path(cfg, year)
    needs = tuple((s, p) for s, c in cfg.sources.items() for p in c.data_years(year))
    broken = [f"{s} {p}" for s, p in needs if (s, p) in steps and steps[(s, p)].action == "fail"]
    prov = stored.get(year)
    if broken:
        return YearStep(year, "fail", "inputs_failed", ", ".join(broken), output=out,
                        stored=prov, needs=needs)
    inputs: list[InputRecord] = []
    rereads: list[tuple[str, int]] = []
    for source, period in needs:
        step = steps.get((source, period))
        if step is not None and step.action == "read":
            inputs.append(input_record(project, source, period, step.will_write))
            rereads.append((source, period))
        elif step is not None and step.stored is not None:
            inputs.append(input_record(project, source, period, step.stored))
        else:
            path = layout.observations_path(cfg, source, period)
            found = _read_stored(path) if path.is_file() else None
            if found is not None:
                inputs.append(input_record(project, source, period, found))
    key = results_key(project, model, inputs, left_out)

    def decided(action: YearAction, reason: str, detail: str = "") -> YearStep:
        return YearStep(year, action, reason, detail, key, tuple(inputs), tuple(rereads),
                        out, prov, needs)

    if force:
        return decided("compute", "forced")
    if prov is None:
        return decided("compute", "not_built" if not out.exists() else "unreadable")
    if prov.get("fingerprint") != key:
        if rereads and prov.get("config_sha256") == cfg.sha256:
            return decided("compute", "observations_changed",
                        ", ".join(f"{s} {p}" for s, p in rereads))
        return decided("compute", "stale", stale_reason(project, model, prov, inputs))
    unc_path = layout.uncertainty_path(cfg, year)
    unc = _read_stored(unc_path)
    if unc is None or unc.get("fingerprint") != key:
        return decided("compute", "intervals_missing" if unc is None else "intervals_other_build")
    for path, p in ((out, prov), (unc_path, unc)):
        problem = _content_problem(path, p)
        if problem is not None:
            return decided("compute", "content", f"{cfg.rel(path)} {problem}")
    return decided("skip", "up_to_date")


def model_sha(project: Project, model: IndexModel) -> str:
    return sha256_text(json.dumps({"config": project.config.sha256,
                                   "indicators": list(model.indicator_ids),
                                   "plugins": model_plugins(project, model)}, default=str))


def make_plan(project: Project, *, force: bool = False, results: bool = True,
              allow_failed_plugins: bool = False) -> BuildPlan:
    """Decide the whole build (reads and hashes, writes nothing).

    The order is the build's: the unit registry must load; a plugin that shapes the index
    must not have failed (unless ``allow_failed_plugins``); the model must assemble (which
    may reject a plugin alone, checked again); then each source file and each index year.
    """
    cfg = project.config
    base: dict[str, Any] = {"force": force, "results": results,
                            "allow_failed_plugins": allow_failed_plugins, "inputs": None}
    try:
        _ = project.registry  # every step needs it; a broken registry stops the build here
    except HtiError as exc:
        return BuildPlan(**base, stop=Stop("observations", "registry", exc))
    stored = {y: p for y in cfg.index.years
              if (p := _read_stored(layout.results_path(cfg, y))) is not None}
    failed = _failed_plugins(project, stored)
    if failed and not allow_failed_plugins:
        return BuildPlan(**base, failed_plugins=failed, stop=plugin_stop(failed))
    model: IndexModel | None = None
    if results:
        from hti_tui.pipeline.model import assemble

        try:
            model = assemble(project)  # rejects (alone) a plugin naming an unknown area
        except HtiError as exc:
            return BuildPlan(**base, failed_plugins=failed,
                             stop=Stop("results", "model", exc))
        failed = _failed_plugins(project, stored)
        if failed and not allow_failed_plugins:
            return BuildPlan(**base, failed_plugins=failed, stop=plugin_stop(failed))
    sources, registry_sha = plan_sources(project, force)
    steps = {(s.source, s.year): s for s in sources}
    years = tuple(_year_step(project, model, y, force, steps, failed, stored)
                  for y in cfg.index.years) if model is not None else ()
    inputs = BuildInputs(
        cfg.sha256, registry_sha,
        tuple((s.input_rel, s.input_sha256) for s in sources if s.input_sha256),
        dict(project.plugins.versions()), dict(project.plugins.source_hashes()),
        model_sha(project, model) if model is not None else "")
    return BuildPlan(force, results, allow_failed_plugins, inputs, sources, years, model,
                     failed)

