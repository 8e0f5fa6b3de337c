"""hti.toml: find it, parse it, and check it into typed settings.

Every problem (a TOML syntax error, an unknown key, a wrong type, a file that does
not exist) is a :class:`ConfigError` naming hti.toml, the key and its line, because
a maintainer editing the model needs to know exactly where to look.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from hti_tui import methods
from hti_tui.errors import ConfigError
from hti_tui.project.config_analyses import PeersConfig, parse_peers
from hti_tui.project.sources import SourceConfig, parse_sources
from hti_tui.project.toml_lines import key_lines, line_of

CONFIG_NAME = "hti.toml"
_MISSING = object()


@dataclass(frozen=True)
class IndexConfig:
    id: str
    name: str
    name_en: str
    years: tuple[int, ...]
    unit_label: str
    unit_label_plural: str
    decimals: int
    disclaimer: str


@dataclass(frozen=True)
class UnitsConfig:
    registry: Path
    code_changes: Path | None
    columns: dict[str, str]


@dataclass(frozen=True)
class PathsConfig:
    raw: Path
    observations: Path
    results: Path
    quality: Path


@dataclass(frozen=True)
class PluginsConfig:
    directories: tuple[Path, ...]
    disabled: tuple[str, ...]
    enabled: tuple[str, ...]
    entry_points: bool


@dataclass(frozen=True)
class NodeConfig:
    id: str
    name: str
    name_en: str
    parent: str
    weight: float
    description: str


@dataclass(frozen=True)
class TreeConfig:
    root: str
    root_name: str
    root_name_en: str
    level_names: tuple[str, ...]
    level_names_en: tuple[str, ...]
    nodes: dict[str, NodeConfig]
    indicator_weights: dict[str, float]
    metadata: Path | None = None
    metadata_source: str = ""


@dataclass(frozen=True)
class ResultGroupConfig:
    method: str
    quantiles: tuple[float, ...]
    cutoffs: tuple[float, ...]
    labels: tuple[str, ...]
    labels_en: tuple[str, ...]


@dataclass(frozen=True)
class MethodConfig:
    normalisation: str
    aggregation: str
    missing: str
    min_coverage: float
    penalise_statuses: tuple[str, ...]
    outliers: str
    winsor_skew: float
    winsor_kurtosis: float
    winsor_max_share: float
    result_groups: ResultGroupConfig


@dataclass(frozen=True)
class SensitivityConfig:
    runs: int
    seed: int
    weight_spread: float
    normalisations: tuple[str, ...]
    aggregations: tuple[str, ...]
    missing: tuple[str, ...]
    interval: float


@dataclass(frozen=True)
class UiConfig:
    language: str
    theme: str
    keys: dict[str, str]


@dataclass(frozen=True)
class SyntheticConfig:
    seed: int
    years: tuple[int, ...]


@dataclass(frozen=True)
class Config:
    path: Path
    root: Path
    sha256: str
    index: IndexConfig
    units: UnitsConfig
    paths: PathsConfig
    plugins: PluginsConfig
    sources: dict[str, SourceConfig]
    tree: TreeConfig
    method: MethodConfig
    sensitivity: SensitivityConfig
    ui: UiConfig
    synthetic: SyntheticConfig
    lines: dict[str, int] = field(repr=False, compare=False)
    peers: PeersConfig = field(default_factory=PeersConfig)

    def error(self, key: str, message: str, hint: str | None = None) -> ConfigError:
        """A ConfigError pointing at ``key`` in this file."""
        return ConfigError(message, file=self.path, key=key, line=line_of(self.lines, key),
                           hint=hint)

    def rel(self, path: Path) -> str:
        """A path as the user sees it: relative to the project root where possible."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


class _Reader:
    """Typed access to one TOML table that remembers which keys were used."""

    def __init__(self, file: Path, lines: dict[str, int], data: dict[str, Any], key: str) -> None:
        self.file, self.lines, self.data, self.key = file, lines, data, key
        self.used: set[str] = set()

    def _full(self, name: str) -> str:
        return f"{self.key}.{name}" if self.key else name

    def error(self, name: str, message: str, hint: str | None = None) -> ConfigError:
        full = self._full(name)
        return ConfigError(message, file=self.file, key=full, line=line_of(self.lines, full),
                           hint=hint)

    def has(self, name: str) -> bool:
        return name in self.data

    def get(self, name: str, kind: type | tuple[type, ...], default: Any = _MISSING,
            choices: tuple[str, ...] | None = None) -> Any:
        self.used.add(name)
        if name not in self.data:
            if default is _MISSING:
                raise self.error(name, "required key is missing")
            return default
        value = self.data[name]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if float in kinds and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if isinstance(value, bool) and bool not in kinds:
            raise self.error(name, f"expected {_kind_name(kinds)}, found a boolean")
        if not isinstance(value, kinds):
            raise self.error(name, f"expected {_kind_name(kinds)}, found {_describe(value)}")
        if choices is not None and value not in choices:
            raise self.error(name, f"unknown value '{value}'",
                             hint=f"choose one of: {', '.join(choices)}")
        return value

    def get_list(self, name: str, kind: type, default: Any = _MISSING,
                 choices: tuple[str, ...] | None = None) -> tuple[Any, ...]:
        raw = self.get(name, list, default)
        out = []
        for i, item in enumerate(raw):
            if kind is float and isinstance(item, int) and not isinstance(item, bool):
                item = float(item)
            if not isinstance(item, kind) or (isinstance(item, bool) and kind is not bool):
                raise self.error(name, f"item {i + 1} should be {_kind_name((kind,))}, "
                                 f"found {_describe(item)}")
            if choices is not None and item not in choices:
                raise self.error(name, f"unknown value '{item}'",
                                 hint=f"choose from: {', '.join(choices)}")
            out.append(item)
        return tuple(out)

    def table(self, name: str, required: bool = False) -> _Reader:
        value = self.get(name, dict, _MISSING if required else {})
        return _Reader(self.file, self.lines, value, self._full(name))

    def finish(self) -> None:
        for name in self.data:
            if name not in self.used:
                raise self.error(name, "unknown key", hint=_did_you_mean(name, self.used))


def _did_you_mean(name: str, known: set[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f"did you mean '{close[0]}'?" if close else None


def _kind_name(kinds: tuple[type, ...]) -> str:
    names = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
             list: "a list", dict: "a table"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _describe(value: Any) -> str:
    return f"{_kind_name((type(value),))} ({value!r})" if not isinstance(value, (dict, list)) \
        else _kind_name((type(value),))


def find_config(start: Path | None = None) -> Path:
    """hti.toml in ``start`` (default: the working directory) or its nearest parent."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise ConfigError(f"no {CONFIG_NAME} in {here} or any parent directory",
                      hint="run hti inside a project or pass --config PATH")


def load_config(path: Path | None = None) -> Config:
    """Read and check hti.toml; ``path`` None means search from the working directory."""
    if path is None:
        path = find_config()
    path = path.resolve() if path.exists() else path
    if not path.is_file():
        raise ConfigError("the configuration file does not exist", file=path)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text (byte {exc.start})", file=path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        import re

        text_msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", text_msg)
        line = getattr(exc, "lineno", None) or (int(m.group(1)) if m else None)
        if m:
            text_msg = f"{text_msg[:m.start()].strip()} (column {m.group(2)})"
        raise ConfigError(f"not valid TOML: {text_msg}", file=path, line=line) from None
    return _parse(path, text, data, hashlib.sha256(raw).hexdigest())


def _parse(path: Path, text: str, data: dict[str, Any], sha: str) -> Config:
    lines = key_lines(text)
    root = path.parent
    top = _Reader(path, lines, data, "")
    schema = top.get("schema", int, 1)
    if schema != 1:
        raise top.error("schema", f"schema {schema} is not supported by this hti (expects 1)")

    def file_path(reader: _Reader, name: str, must_exist: bool = True, default: Any = _MISSING,
                  ) -> Path | None:
        value = reader.get(name, str, default)
        if value is None:
            return None
        p = (root / value)
        if must_exist and not p.exists():
            raise reader.error(name, f"file '{value}' does not exist")
        return p

    ix = top.table("index", required=True)
    years = ix.get_list("years", int)
    if not years:
        raise ix.error("years", "at least one index year is needed")
    if len(set(years)) != len(years):
        raise ix.error("years", "a year is listed twice")
    index = IndexConfig(
        id=ix.get("id", str, "index"), name=ix.get("name", str),
        name_en=ix.get("name_en", str, ""), years=tuple(sorted(years)),
        unit_label=ix.get("unit_label", str, "kommun"),
        unit_label_plural=ix.get("unit_label_plural", str, "kommuner"),
        decimals=ix.get("decimals", int, 1), disclaimer=ix.get("disclaimer", str, ""))
    ix.finish()

    un = top.table("units", required=True)
    cols = un.table("columns")
    columns = {k: cols.get(k, str) for k in list(cols.data)}
    units = UnitsConfig(registry=file_path(un, "registry"),  # type: ignore[arg-type]
                        code_changes=file_path(un, "code_changes", default=None),
                        columns=columns)
    un.finish()

    pa_ = top.table("paths")
    paths = PathsConfig(*(root / pa_.get(k, str, d) for k, d in (
        ("raw", "datasets/raw"), ("observations", "datasets/observations"),
        ("results", "datasets/results"), ("quality", "datasets/quality"))))
    pa_.finish()

    pl = top.table("plugins")
    dirs = []
    for d in pl.get_list("directories", str, ()):
        if not (root / d).is_dir():
            raise pl.error("directories", f"plugin directory '{d}' does not exist")
        dirs.append(root / d)
    plugins = PluginsConfig(tuple(dirs), pl.get_list("disabled", str, ()),
                            pl.get_list("enabled", str, ()), pl.get("entry_points", bool, True))
    pl.finish()

    sources = parse_sources(top.table("sources"))

    tree = _parse_tree(top.table("tree", required=True), root)
    method = _parse_method(top.table("method"))
    sensitivity = _parse_sensitivity(top.table("sensitivity"))
    peers = parse_peers(top.table("peers"))

    ui = top.table("ui")
    keys_tab = ui.table("keys")
    ui_cfg = UiConfig(ui.get("language", str, "sv", choices=("sv", "en")),
                      ui.get("theme", str, "textual-dark"),
                      {k: keys_tab.get(k, str) for k in list(keys_tab.data)})
    ui.finish()

    sy = top.table("synthetic")
    synthetic = SyntheticConfig(sy.get("seed", int, 2022), sy.get_list("years", int, ()))
    sy.finish()
    top.finish()
    return Config(path=path, root=root, sha256=sha, index=index, units=units, paths=paths,
                  plugins=plugins, sources=sources, tree=tree, method=method,
                  sensitivity=sensitivity, ui=ui_cfg, synthetic=synthetic, lines=lines,
                  peers=peers)


def _parse_tree(t: _Reader, base: Path) -> TreeConfig:
    metadata = t.get("metadata", str, None)
    if metadata is not None and not (base / metadata).is_file():
        raise t.error("metadata", f"file '{metadata}' does not exist")
    metadata_source = t.get("metadata_source", str, "")
    if metadata is not None and not metadata_source:
        raise t.error("metadata", "a tree read from a metadata table needs metadata_source: "
                      "the source whose measures its indicators read")
    nodes_tab = t.table("nodes", required=metadata is None)
    nodes: dict[str, NodeConfig] = {}
    for nid in list(nodes_tab.data):
        n = nodes_tab.table(nid)
        weight = n.get("weight", float, 1.0)
        if weight < 0:
            raise n.error("weight", f"weight {weight} is negative")
        nodes[nid] = NodeConfig(nid, n.get("name", str), n.get("name_en", str, ""),
                                n.get("parent", str), weight, n.get("description", str, ""))
        n.finish()
    iw_tab = t.table("indicator_weights")
    iw = {k: iw_tab.get(k, float) for k in list(iw_tab.data)}
    for k, w in iw.items():
        if w < 0:
            raise iw_tab.error(k, f"weight {w} is negative")
    iw_tab.finish()
    tree = TreeConfig(
        root=t.get("root", str, "index"), root_name=t.get("root_name", str),
        root_name_en=t.get("root_name_en", str, ""),
        level_names=t.get_list("level_names", str,
                               ("indikator", "kvalitetsområde", "delindex", "index")),
        level_names_en=t.get_list("level_names_en", str,
                                  ("indicator", "quality area", "sub-index", "index")),
        nodes=nodes, indicator_weights=iw,
        metadata=base / metadata if metadata is not None else None,
        metadata_source=metadata_source)
    for node in nodes.values() if metadata is None else ():
        if node.parent != tree.root and node.parent not in nodes:
            raise nodes_tab.error(f"{node.id}.parent", f"parent '{node.parent}' is not a node "
                                  f"of the tree (nor the root '{tree.root}')")
    t.finish()
    return tree


def _parse_method(m: _Reader) -> MethodConfig:
    rg = m.table("result_groups")
    rg_method = rg.get("method", str, "quantiles", choices=methods.RESULT_GROUP_METHODS)
    quantiles = rg.get_list("quantiles", float, (0.2, 0.4, 0.6, 0.8))
    cutoffs = rg.get_list("cutoffs", float, ())
    labels = rg.get_list("labels", str, methods.RESULT_GROUPS_SV)
    labels_en = rg.get_list("labels_en", str, methods.RESULT_GROUPS_EN)
    if list(quantiles) != sorted(quantiles) or not all(0 < q < 1 for q in quantiles):
        raise rg.error("quantiles", "quantiles must rise and lie strictly between 0 and 1")
    if list(cutoffs) != sorted(cutoffs):
        raise rg.error("cutoffs", "cutoffs must be listed from lowest to highest")
    if rg_method == "cutoffs" and not cutoffs:
        raise rg.error("cutoffs", "method 'cutoffs' needs a list of cutoffs")
    bounds = cutoffs if rg_method == "cutoffs" else quantiles
    if len(labels) != len(bounds) + 1:
        raise rg.error("labels", f"{len(bounds)} boundaries make {len(bounds) + 1} groups, "
                       f"but {len(labels)} labels are given")
    if len(labels_en) != len(labels):
        raise rg.error("labels_en", "needs as many labels as 'labels'")
    groups = ResultGroupConfig(rg_method, quantiles, cutoffs, labels, labels_en)
    rg.finish()
    cfg = MethodConfig(
        normalisation=m.get("normalisation", str, "goalposts", choices=methods.NORMALISATIONS),
        aggregation=m.get("aggregation", str, "arithmetic", choices=methods.AGGREGATIONS),
        missing=m.get("missing", str, "reweight", choices=methods.MISSING_POLICIES),
        min_coverage=m.get("min_coverage", float, 0.5),
        penalise_statuses=m.get_list("penalise_statuses", str, ("not_reported",),
                                     choices=("suppressed", "not_reported", "not_applicable",
                                              "invalid")),
        outliers=m.get("outliers", str, "none", choices=methods.OUTLIER_TREATMENTS),
        winsor_skew=m.get("winsor_skew", float, 2.0),
        winsor_kurtosis=m.get("winsor_kurtosis", float, 3.5),
        winsor_max_share=m.get("winsor_max_share", float, 0.05),
        result_groups=groups)
    if not 0 <= cfg.min_coverage <= 1:
        raise m.error("min_coverage", "must lie between 0 and 1")
    m.finish()
    return cfg


def _parse_sensitivity(s: _Reader) -> SensitivityConfig:
    cfg = SensitivityConfig(
        runs=s.get("runs", int, 1000), seed=s.get("seed", int, 1),
        weight_spread=s.get("weight_spread", float, 0.25),
        normalisations=s.get_list("normalisations", str, ("goalposts", "minmax", "zscore", "rank"),
                                  choices=methods.NORMALISATIONS),
        aggregations=s.get_list("aggregations", str, ("arithmetic", "geometric"),
                                choices=methods.AGGREGATIONS),
        missing=s.get_list("missing", str, methods.MISSING_POLICIES,
                           choices=methods.MISSING_POLICIES),
        interval=s.get("interval", float, 0.9))
    if cfg.runs < 1:
        raise s.error("runs", "needs at least one run")
    if not 0 <= cfg.weight_spread < 1:
        raise s.error("weight_spread", "must lie in [0, 1)")
    if not 0 < cfg.interval < 1:
        raise s.error("interval", "must lie strictly between 0 and 1")
    s.finish()
    return cfg
