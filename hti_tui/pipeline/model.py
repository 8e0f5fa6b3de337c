"""The index model: hti.toml's tree and methods joined with the indicator plugins.

This is the one place where configuration becomes the engine's inputs (a Tree,
indicator parameters, Methods). The engine never sees hti.toml or a plugin.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace

import numpy as np

from hti_tui.data.tree_table import TreeRow, read_tree_table
from hti_tui.engine.model import IndicatorParams, Methods
from hti_tui.engine.tree import NodeDef, Tree
from hti_tui.errors import ModelError
from hti_tui.project import Project
from hti_tui.project.config import Config
from hti_tui.specs import KNOWN_UNITS, IndicatorSpec, indicator


@dataclass(frozen=True)
class NodeInfo:
    """What the presentation needs to label a node."""

    id: str
    name: str
    name_en: str
    level: int
    parent: str | None
    description: str = ""


@dataclass
class IndexModel:
    tree: Tree
    indicators: dict[str, IndicatorSpec]  # in tree order
    plugin_of: dict[str, str]
    params: IndicatorParams
    methods: Methods
    penalise_statuses: frozenset[str]
    nodes: dict[str, NodeInfo] = field(default_factory=dict)
    context: frozenset[str] = frozenset()  # nodes shown but never weighted (role "context")

    @property
    def indicator_ids(self) -> tuple[str, ...]:
        return tuple(self.tree.indicator_ids)

    def level_name(self, level: int, language: str, names: tuple[str, ...]) -> str:
        return names[level] if level < len(names) else str(level)


def _from_table(rows: list[TreeRow], source: str) -> tuple[list[NodeDef], list[IndicatorSpec]]:
    nodes, specs = [], []
    for r in rows:
        if r.is_indicator:
            specs.append(indicator(r.code, r.name, area=r.parent or "", unit=r.unit or "",
                                   measure=f"{source}:{r.code}",
                                   direction="higher" if r.direction > 0 else "lower",
                                   goalposts=r.goalposts, target=r.target, weight=r.weight))
        else:
            nodes.append(NodeDef(r.code, r.parent, r.weight, r.name))
    return nodes, specs


def _placed_indicators(project: Project, nodes: set[str]) -> dict[str, tuple[IndicatorSpec, str]]:
    """The plugins' indicators, after rejecting (alone) each plugin that names an area the
    tree does not have: one typo'd ``area=`` must not take the whole tool down."""
    while True:
        found = project.indicators()
        unit = next(((s, p) for s, p in found.values() if s.unit not in KNOWN_UNITS), None)
        if unit is not None:
            spec, plugin = unit
            close = difflib.get_close_matches(spec.unit, sorted(KNOWN_UNITS), n=1, cutoff=0.3)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            project.plugins.reject(plugin, "hti_indicators", (
                f"indicator '{spec.id}' declares unit '{spec.unit}', which is not a known "
                f"unit ({', '.join(KNOWN_UNITS)}){hint} (plugin '{plugin}' is not used)"), (
                f"indikatorn '{spec.id}' deklarerar enheten '{spec.unit}', som inte är en "
                f"känd enhet ({', '.join(KNOWN_UNITS)})"
                + (f"; menade du '{close[0]}'?" if close else "")
                + f" (plugin '{plugin}' används inte)"))
            continue
        bad = next(((s, p) for s, p in found.values() if s.area not in nodes), None)
        if bad is None:
            return found
        spec, plugin = bad
        close = difflib.get_close_matches(spec.area, sorted(nodes), n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        project.plugins.reject(plugin, "hti_indicators", (
            f"indicator '{spec.id}' names area '{spec.area}', which is not a node of the "
            f"tree in hti.toml{hint} (plugin '{plugin}' is not used)"), (
            f"indikatorn '{spec.id}' anger området '{spec.area}', som inte är en nod i "
            "trädet i hti.toml" + (f"; menade du '{close[0]}'?" if close else "")
            + f" (plugin '{plugin}' används inte)"))


def assemble(project: Project) -> IndexModel:
    """Build the model; a tree or indicator problem is a ModelError naming it."""
    cfg = project.config
    tc = cfg.tree
    defs: list[NodeDef] = [NodeDef(tc.root, None, 1.0, tc.root_name)]
    specs: list[IndicatorSpec] = []
    plugin_of: dict[str, str] = {}
    if tc.metadata is not None:
        table_nodes, table_specs = _from_table(read_tree_table(tc.metadata), tc.metadata_source)
        defs = [d for d in table_nodes if d.id != tc.root] + defs
        if not any(d.id == tc.root for d in table_nodes):
            raise ModelError(f"the tree table {cfg.rel(tc.metadata)} has no node '{tc.root}' "
                             "(hti.toml [tree] root)",
                             sv=f"trädtabellen {cfg.rel(tc.metadata)} har ingen nod "
                                f"'{tc.root}' (hti.toml [tree] root)")
        specs.extend(table_specs)
        plugin_of.update({s.id: "tree table" for s in table_specs})
    for node in tc.nodes.values():
        defs.append(NodeDef(node.id, node.parent, node.weight, node.name,
                            required=node.required, min_coverage=node.min_coverage))
    for ident, (spec, plugin) in _placed_indicators(project, {d.id for d in defs}).items():
        specs.append(spec)
        plugin_of[ident] = plugin
    if not specs:
        raise ModelError("the model has no indicators (no indicator plugin loaded?)",
                         sv="modellen har inga indikatorer (inget indikatorplugin laddat?)")
    for spec in specs:
        weight = tc.indicator_weights.get(spec.id, spec.weight)
        defs.append(NodeDef(spec.id, spec.area, weight, spec.name, is_indicator=True,
                            direction=spec.direction))
    for key, table in (("indicator_weights", tc.indicator_weights),
                       ("indicator_roles", tc.indicator_roles)):
        unknown = set(table) - {s.id for s in specs}
        if unknown:
            raise cfg.error(f"tree.{key}.{sorted(unknown)[0]}", "an indicator no plugin "
                            f"declares: {', '.join(sorted(unknown))}",
                            sv="en indikator som inget plugin deklarerar: "
                               f"{', '.join(sorted(unknown))}")
    roles = {s.id: tc.indicator_roles.get(s.id, s.role) for s in specs}
    defs, context = apply_roles(defs, roles)
    defs = mark_required(cfg, defs, tc.required, context)
    tree = Tree.build(defs, tc.root)
    by_id = {s.id: s for s in specs}
    ordered = {i: by_id[i] for i in tree.indicator_ids}
    methods = Methods.from_config(cfg.method)
    params = _params(list(ordered.values()), methods)
    infos: dict[str, NodeInfo] = {}
    for i, ident in enumerate(tree.ids):
        parent = tree.parent[i]
        pid = tree.ids[parent] if parent >= 0 else None
        if ident in ordered:
            s = ordered[ident]
            infos[ident] = NodeInfo(ident, s.name, s.name_en or s.name, int(tree.level[i]), pid,
                                    s.description)
        elif ident in tc.nodes:
            n = tc.nodes[ident]
            infos[ident] = NodeInfo(ident, n.name, n.name_en or n.name, int(tree.level[i]), pid,
                                    n.description)
        else:
            name = tree.names[i] if tree.names[i] else ident
            if ident == tc.root:
                infos[ident] = NodeInfo(ident, tc.root_name, tc.root_name_en or tc.root_name,
                                        int(tree.level[i]), None)
            else:
                infos[ident] = NodeInfo(ident, name, name, int(tree.level[i]), pid)
    return IndexModel(tree, ordered, {i: plugin_of[i] for i in ordered}, params, methods,
                      frozenset(cfg.method.penalise_statuses), infos, frozenset(context))


def apply_roles(defs: list[NodeDef], roles: dict[str, str]) -> tuple[list[NodeDef], set[str]]:
    """Context indicators weigh 0 in their aggregate; an aggregate whose indicators are all
    context becomes context itself (weight 0 in its parent) and keeps its children's declared
    weights, so its own score is still their mean — shown on every surface, never weighted."""
    context = {i for i, r in roles.items() if r == "context"}
    kids: dict[str, list[str]] = {}
    for d in defs:
        if d.parent is not None:
            kids.setdefault(d.parent, []).append(d.id)
    changed = True
    while changed:  # bottom-up: an aggregate of context children is context
        changed = False
        for parent, children in kids.items():
            if parent not in context and all(c in context for c in children):
                context.add(parent)
                changed = True
    out = []
    for d in defs:
        if d.id in context and d.parent is not None and d.parent not in context:
            d = replace(d, weight=0.0)
        out.append(d)
    return out, context


def mark_required(cfg: Config, defs: list[NodeDef], listed: tuple[str, ...],
                  context: set[str]) -> list[NodeDef]:
    """Add ``[tree] required`` to the nodes; an unknown or context node is a ConfigError."""
    ids = {d.id for d in defs}
    for ident in listed:
        if ident not in ids:
            raise cfg.error("tree.required", f"required node '{ident}' is not a node of the "
                            "tree", hint="name a delindex, kvalitetsområde or indicator id",
                            sv=f"den krävda noden '{ident}' är ingen nod i trädet",
                            sv_hint="ange ett delindex, ett kvalitetsområde eller ett "
                                    "indikator-id")
    out = [replace(d, required=True) if d.id in listed else d for d in defs]
    for d in out:
        if d.required and d.id in context:
            key = "tree.required" if d.id in listed else f"tree.nodes.{d.id}.required"
            raise cfg.error(key, f"node '{d.id}' is context (never weighted) and cannot be "
                            "required for a rank",
                            sv=f"noden '{d.id}' är kontext (vägs aldrig in) och kan inte krävas "
                               "för en rang")
    return out


def _params(specs: list[IndicatorSpec], methods: Methods) -> IndicatorParams:
    n = len(specs)
    goal = np.full((n, 2), np.nan)
    bounds = np.full((n, 2), [-np.inf, np.inf])
    targets = np.full(n, np.nan)
    for i, s in enumerate(specs):
        if s.goalposts is not None:
            goal[i] = s.goalposts
        if s.bounds is not None:
            bounds[i] = s.bounds
        if s.target is not None:
            targets[i] = s.target
    if methods.normalisation in ("goalposts", "target"):
        missing = [s.id for s, g in zip(specs, goal) if np.isnan(g).any()]
        if missing:
            raise ModelError(f"normalisation '{methods.normalisation}' needs goalposts, but "
                             f"indicator(s) {', '.join(missing[:5])} have none",
                             hint="declare goalposts=(low, high) or choose minmax/zscore/rank",
                             sv=f"normaliseringen '{methods.normalisation}' behöver "
                                f"målstolpar, men indikatorn/-erna {', '.join(missing[:5])} "
                                "har inga",
                             sv_hint="deklarera goalposts=(låg, hög) eller välj "
                                     "minmax/zscore/rank")
    if methods.normalisation == "target":
        missing = [s.id for s, t in zip(specs, targets) if np.isnan(t)]
        if missing:
            raise ModelError(f"normalisation 'target' needs a target for {', '.join(missing[:5])}",
                             sv="normaliseringen 'target' behöver ett mål för "
                                f"{', '.join(missing[:5])}")
    continuous = np.array([s.scale == "continuous" for s in specs], dtype=bool)
    return IndicatorParams(goalposts=goal, targets=targets, bounds=bounds, continuous=continuous)
