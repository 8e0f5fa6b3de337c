"""The frozen context every question is asked in: the project, its model and each built year.

:class:`Index` is the project-level context (hti.toml, the registry, the assembled model,
names in the user's language, which years are built); :meth:`Index.year` gives a
:class:`YearContext` — one index year's stored results and the engine's inputs, with the
engine run once over them and checked against the stored scores, so every question
(``hti_tui.query.*``) answers from the same numbers ``hti build`` wrote, and an analysis that
re-runs the engine (what-if, priorities, Monte Carlo) starts from exactly those.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from hti_tui.data.registry import UnitRegistry, fold
from hti_tui.engine.compute import Computed, compute
from hti_tui.engine.penalty import from_names as penalty_codes
from hti_tui.errors import DataError, UsageError
from hti_tui.pipeline import layout
from hti_tui.pipeline.events import Progress, ignore
from hti_tui.pipeline.model import IndexModel, assemble
from hti_tui.project import Project
from hti_tui.query.yeardata import Headline, YearData, load_headline, load_year

if TYPE_CHECKING:
    from hti_tui.pipeline import BuildSummary
    from hti_tui.project.config import Config

#: how far a recomputed score may be from the stored one before the results count as stale
RECOMPUTE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class YearContext:
    """One index year, frozen: stored results, the engine's inputs, the engine's result.

    ``computed`` is the engine run once over ``values`` at load; it is checked against the
    stored scores: where they differ (the model changed since ``hti build``), ``mismatch``
    says where, and every surface's banner shows it with the stale results, so a what-if
    or a priority (which re-run the engine) is never silently on other numbers than shown.
    """

    year: int
    data: YearData
    values: np.ndarray  # (U, I) the engine's input values (imputed where imputed)
    penalise: np.ndarray  # (U, I) int8 penalty codes (engine.penalty), 0 = not penalised
    imputed: np.ndarray  # (U, I) bool
    computed: Computed
    mismatch: str | None = None

    @property
    def synthetic(self) -> bool:
        return self.data.synthetic


def _mismatch(computed: Computed, data: YearData) -> str | None:
    """Where the engine, re-run on the stored inputs, differs from the stored scores."""
    stored = data.score
    same = np.isclose(computed.scores, stored, rtol=0, atol=RECOMPUTE_TOLERANCE, equal_nan=True)
    if same.all():
        return None
    u, k = (int(i[0]) for i in np.nonzero(~same))
    return (f"the model now computes other scores than stored ({int((~same).sum())} cells, "
            f"e.g. {data.unit_ids[u]} {data.node_ids[k]}: stored {stored[u, k]:.4g}, "
            f"now {computed.scores[u, k]:.4g})")


class Index:
    """The project-level context of every question: model, registry, names, built years."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self._model: IndexModel | None = None
        self._years: dict[int, YearContext] = {}
        self._headlines: dict[int, Headline] = {}
        self._caches: dict[str, dict[Any, Any]] = {}
        #: the UI's language when it differs from hti.toml's (a user's saved choice)
        self.language_override: str | None = None

    @classmethod
    def open(cls, config: Path | None = None, disable: Iterable[str] = (),
             environ: Mapping[str, str] | None = None) -> Index:
        return cls(Project.load(config, disable=disable, environ=environ))

    # -- basics ----------------------------------------------------------
    @property
    def config(self) -> Config:
        return self.project.config

    @property
    def registry(self) -> UnitRegistry:
        return self.project.registry

    @property
    def language(self) -> str:
        return self.language_override or self.config.ui.language

    @property
    def model(self) -> IndexModel:
        if self._model is None:
            self._model = assemble(self.project)
        return self._model

    def built_years(self) -> list[int]:
        return [y for y in self.config.index.years
                if layout.results_path(self.config, y).is_file()]

    def missing_years(self) -> list[int]:
        return [y for y in self.config.index.years
                if not layout.results_path(self.config, y).is_file()]

    def results_signature(self) -> tuple[tuple[str, int, int], ...]:
        """What the results folder holds now, cheaply: (file, mtime_ns, size) of every file
        in it (results, uncertainty, the last build's status). The UI compares it with the
        one at load to see that a build elsewhere changed the numbers it shows."""
        root = self.config.paths.results
        if not root.is_dir():
            return ()
        out: list[tuple[str, int, int]] = []
        for path in sorted(root.rglob("*")):
            try:
                stat = path.stat()
            except OSError:  # removed while we looked: the next look sees it gone
                continue
            if path.is_file():
                out.append((str(path.relative_to(root)), stat.st_mtime_ns, stat.st_size))
        return tuple(out)

    def rebuilt_since(self, loaded: tuple[tuple[str, int, int], ...]) -> float | None:
        """When (epoch seconds) the newest results file that differs from ``loaded`` (a
        :meth:`results_signature`) was written; None when no results file changed — a
        failed build rewrites only its status file, and the numbers are the same."""
        from hti_tui.pipeline.build_status import STATUS_FILE

        now = self.results_signature()
        before = set(loaded)

        def results(name: str) -> bool:  # not the status file, not a temporary file
            base = name.replace("\\", "/").rsplit("/", 1)[-1]
            return base != STATUS_FILE and not base.startswith(".")

        changed = [m for name, m, size in now if (name, m, size) not in before and results(name)]
        gone = {n for n, _, _ in loaded if results(n)} - {n for n, _, _ in now}
        if changed:
            return max(changed) / 1e9
        return max((m for _, m, _ in now), default=0) / 1e9 if gone else None

    def ensure_built(self, progress: Progress = ignore, force: bool = False
                     ) -> BuildSummary | None:
        """Build when results are missing (or when forced); returns the summary or None."""
        if not force and not self.missing_years():
            return None
        from hti_tui.pipeline import build

        summary = build(self.project, force=force, progress=progress)
        self._years.clear()
        self._headlines.clear()
        self._caches.clear()
        return summary

    def default_year(self, year: int | None = None) -> int:
        built = self.built_years()
        if year is not None:
            if year not in self.config.index.years:
                years = ", ".join(map(str, self.config.index.years))
                raise UsageError(f"{year} is not an index year of this model",
                                 hint=f"index years: {years}",
                                 sv=f"{year} är inte ett indexår i modellen",
                                 sv_hint=f"indexår: {years}")
            if year not in built:
                raise UsageError(f"the index year {year} has not been built",
                                 hint="run `hti build`",
                                 sv=f"indexåret {year} är inte byggt", sv_hint="kör `hti build`")
            return year
        if not built:
            raise UsageError("nothing has been built yet", hint="run `hti build`",
                             sv="inget är byggt ännu", sv_hint="kör `hti build`")
        return built[-1]

    def previous_year(self, year: int) -> int | None:
        earlier = [y for y in self.built_years() if y < year]
        return earlier[-1] if earlier else None

    # -- loading ---------------------------------------------------------
    def year(self, year: int) -> YearContext:
        """The frozen context of a built year (read and recomputed once, then cached)."""
        if year not in self._years:
            path = layout.results_path(self.config, year)
            rel = self.config.rel(path)
            data = load_year(path, year, rel)
            model = self.model
            self._check_tree(data.node_ids, rel)
            n_ind = model.tree.n_indicators
            values = data.input[:, :n_ind].copy()
            penalise = penalty_codes(data.penalty[:, :n_ind])
            imputed = data.status[:, :n_ind] == "imputed"
            computed = compute(model.tree, values, model.params, model.methods,
                               penalise=penalise, imputed=imputed)
            self._years[year] = YearContext(year, data, values, penalise, imputed, computed,
                                            _mismatch(computed, data))
        return self._years[year]

    def headline(self, year: int) -> Headline:
        """A built year's index score and rank per unit: from its context when that is
        read, else only those columns of its results (the ranking's change column needs
        no more of the previous year)."""
        loaded = self._years.get(year)
        if loaded is not None:
            d = loaded.data
            return Headline(year, d.unit_ids, d.node_ids, d.index, d.index_rank)
        if year not in self._headlines:
            path = layout.results_path(self.config, year)
            rel = self.config.rel(path)
            headline = load_headline(path, year, rel)
            self._check_tree(headline.node_ids, rel)
            self._headlines[year] = headline
        return self._headlines[year]

    def _check_tree(self, node_ids: list[str], rel: str) -> None:
        if node_ids != list(self.model.tree.ids):
            raise DataError("the results were computed with another model (tree) than "
                            "hti.toml now describes", file=rel, hint="run `hti build`",
                            sv="resultaten räknades ut med en annan modell (träd) än den "
                               "hti.toml beskriver nu", sv_hint="kör `hti build`")

    def state(self, year: int) -> YearContext:
        """The year's context (the older name of :meth:`year`)."""
        return self.year(year)

    def clear_caches(self) -> None:
        """Forget the kept answers (some hold words: a peer method, a flag's reason), so a
        language switch is seen in them; the years' numbers stay read."""
        self._caches.clear()

    def cache(self, name: str) -> dict[Any, Any]:
        """A named cache of answers that depend only on the built results (peer sets, peer
        lists); emptied when the results are rebuilt."""
        return self._caches.setdefault(name, {})

    def data(self, year: int) -> YearData:
        return self.year(year).data

    def computed(self, year: int) -> Computed:
        """The engine's full result for a year, recomputed from the stored inputs."""
        return self.year(year).computed

    def resolve(self, query: str) -> str:
        """A kommun code from a code or a name (case- and accent-tolerant)."""
        hits = self.registry.find(query)
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            listed = ", ".join(f"{h} {self.registry.name(h)}" for h in hits)
            raise UsageError(f"'{query}' matches several {self.config.index.unit_label_plural}: "
                             + listed, sv=f"'{query}' passar flera "
                             f"{self.config.index.unit_label_plural}: {listed}")
        partial = [u for u, n in zip(self.registry.ids, self.registry.names)
                   if fold(n).startswith(fold(query))] if len(query) >= 3 else []
        if len(partial) == 1:
            return partial[0]
        suggestions = self.registry.suggest(query) or [self.registry.name(u) for u in partial[:3]]
        hint = f"did you mean {', '.join(suggestions)}?" if suggestions else None
        sv_hint = f"menade du {', '.join(suggestions)}?" if suggestions else None
        raise UsageError(f"no {self.config.index.unit_label} called '{query}'", hint=hint,
                         sv=f"ingen {self.config.index.unit_label} heter '{query}'",
                         sv_hint=sv_hint)

    def unit_info(self, unit_id: str) -> dict[str, Any]:
        t = self.registry.table
        i = self.registry.position(unit_id)
        return {c: t.column(c)[i].as_py() for c in t.column_names}

    def node_name(self, node_id: str) -> str:
        info = self.model.nodes.get(node_id)
        if info is None:
            return node_id
        return info.name if self.language == "sv" else info.name_en

    def index_name(self) -> str:
        """The index's name in the user's language (hti.toml name / name_en)."""
        ix = self.config.index
        return ix.name_en if self.language == "en" and ix.name_en else ix.name

    def unit_word(self) -> str:
        """'Kommun' in Swedish; the unit label of the index (e.g. 'Country') in English."""
        if self.language == "sv":
            return self.config.index.unit_label.capitalize()
        label = self.config.index.unit_label
        return "Municipality" if label == "kommun" else label.capitalize()

    def group_label(self, group: int) -> str | None:
        rg = self.config.method.result_groups
        labels = rg.labels if self.language == "sv" else rg.labels_en
        return labels[group] if 0 <= group < len(labels) else None

    def delindex_ids(self) -> list[str]:
        tree = self.model.tree
        root = tree.ids[-1]
        return [c for c in tree.children(root)]

    def area_ids(self) -> list[str]:
        return [a for d in self.delindex_ids() for a in self.model.tree.children(d)]

    def indicator_ids(self) -> list[str]:
        return list(self.model.tree.indicator_ids)

    def delindex_of(self, node_id: str) -> str:
        path = self.model.tree.path(node_id)
        return path[-2] if len(path) >= 2 else node_id

    def synthetic(self, year: int) -> bool:
        return self.data(year).synthetic

    def build_warnings(self) -> list[str]:
        """The banner lines every surface shows above results: the last build failed,
        plugins were left out, the results are older than the code (see
        ``pipeline.build_status``)."""
        from hti_tui.data.parquet_store import read_provenance
        from hti_tui.errors import HtiError
        from hti_tui.pipeline.build_status import warnings
        from hti_tui.pipeline.freshness import why_stale

        provenance: dict[int, dict[str, Any]] = {}
        stale: dict[int, str] = {}
        for year in self.built_years():
            try:
                prov = read_provenance(layout.results_path(self.config, year))
            except HtiError:
                continue
            provenance[year] = prov
            try:
                reason = why_stale(self.project, self.model, year, prov)
            except HtiError as exc:
                reason = exc.describe(self.language)
            loaded = self._years.get(year)
            if not reason and loaded is not None and loaded.mismatch:
                reason = loaded.mismatch
            if reason:
                stale[year] = reason
        return warnings(self.config, provenance, stale, self.language)

    def group_labels(self) -> list[str]:
        """The result groups' labels in the user's language, best first."""
        rg = self.config.method.result_groups
        return list(reversed(rg.labels if self.language == "sv" else rg.labels_en))

    def resolve_indicator(self, query: str) -> str:
        """An indicator id from its id or its name (case- and accent-tolerant)."""
        ids = self.indicator_ids()
        if query in ids:
            return query
        by_name = {fold(self.node_name(i)): i for i in ids}
        if fold(query) in by_name:
            return by_name[fold(query)]
        import difflib

        close = difflib.get_close_matches(query, ids, n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(close)}?" if close else "see `hti audit` for the ids"
        sv_hint = (f"menade du {', '.join(close)}?" if close
                   else "`hti audit` visar indikatorernas id")
        raise UsageError(f"no indicator '{query}'", hint=hint,
                         sv=f"ingen indikator '{query}'", sv_hint=sv_hint)
