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

from hti_tui.errors import ConfigError
from hti_tui.project.config_analyses import PeersConfig, parse_peers
from hti_tui.project.config_method import (
    MethodConfig,
    ResultGroupConfig,
    SensitivityConfig,
    parse_method,
    parse_sensitivity,
)
from hti_tui.project.sources import SourceConfig, parse_sources
from hti_tui.project.toml_lines import key_lines, line_of
from hti_tui.project.toml_reader import MISSING as _MISSING
from hti_tui.project.toml_reader import Reader as _Reader

CONFIG_NAME = "hti.toml"
__all__ = ["CONFIG_NAME", "Config", "MethodConfig", "ResultGroupConfig", "SensitivityConfig",
           "find_config", "load_config"]


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
    required: bool = False
    min_coverage: float | None = None


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
    required: tuple[str, ...] = ()  # [tree] required: nodes (any level) required for a rank
    indicator_roles: dict[str, str] = field(default_factory=dict)  # id -> index | context


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

    def error(self, key: str, message: str, hint: str | None = None, *,
              sv: str | None = None, sv_hint: str | None = None) -> ConfigError:
        """A ConfigError pointing at ``key`` in this file (``sv``/``sv_hint``: in Swedish)."""
        return ConfigError(message, file=self.path, key=key, line=line_of(self.lines, key),
                           hint=hint, sv=sv, sv_hint=sv_hint)

    def rel(self, path: Path) -> str:
        """A path as the user sees it: relative to the project root where possible."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


def find_config(start: Path | None = None) -> Path:
    """hti.toml in ``start`` (default: the working directory) or its nearest parent."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise ConfigError(f"no {CONFIG_NAME} in {here} or any parent directory",
                      hint="run hti inside a project or pass --config PATH",
                      sv=f"ingen {CONFIG_NAME} i {here} eller någon katalog ovanför",
                      sv_hint="kör hti i ett projekt eller ange --config SÖKVÄG")


MIN_YEAR, MAX_YEAR = 1900, 2200  # a year outside is a typo (and overflows int32 columns)


def load_config(path: Path | None = None, *, plugin_methods: bool = False) -> Config:
    """Read and check hti.toml; ``path`` None means search from the working directory.

    ``plugin_methods``: leave the normalisation and aggregation names unchecked, because
    plugins not loaded yet may register them (``Project.load`` checks them after that,
    with :func:`check_methods`); otherwise they must be in the method registry now."""
    if path is None:
        path = find_config()
    path = path.resolve() if path.exists() else path
    if not path.is_file():
        raise ConfigError("the configuration file does not exist", file=path,
                          sv="konfigurationsfilen finns inte")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # a BOM some editors write
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text (byte {exc.start})", file=path,
                          sv=f"inte UTF-8-text (byte {exc.start})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        import re

        text_msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", text_msg)
        line = getattr(exc, "lineno", None) or (int(m.group(1)) if m else None)
        text_sv = text_msg
        if m:
            text_sv = f"{text_msg[:m.start()].strip()} (kolumn {m.group(2)})"
            text_msg = f"{text_msg[:m.start()].strip()} (column {m.group(2)})"
        raise ConfigError(f"not valid TOML: {text_msg}", file=path, line=line,
                          sv=f"inte giltig TOML: {text_sv}") from None
    return _parse(path, text, data, hashlib.sha256(raw).hexdigest(), plugin_methods)


def _parse(path: Path, text: str, data: dict[str, Any], sha: str,
           plugin_methods: bool = False) -> Config:
    lines = key_lines(text)
    root = path.parent
    top = _Reader(path, lines, data, "")
    schema = top.get("schema", int, 1)
    if schema != 1:
        raise top.error("schema", f"schema {schema} is not supported by this hti (expects 1)",
                        sv=f"schema {schema} stöds inte av den här versionen av hti (väntar 1)")

    def file_path(reader: _Reader, name: str, must_exist: bool = True, default: Any = _MISSING,
                  ) -> Path | None:
        value = reader.get(name, str, default)
        if value is None:
            return None
        p: Path = root / value
        if must_exist and not p.exists():
            raise reader.error(name, f"file '{value}' does not exist",
                               sv=f"filen '{value}' finns inte")
        return p

    ix = top.table("index", required=True)
    years = ix.get_list("years", int)
    if not years:
        raise ix.error("years", "at least one index year is needed",
                       sv="minst ett indexår behövs")
    if len(set(years)) != len(years):
        raise ix.error("years", "a year is listed twice", sv="ett år står två gånger")
    odd = [y for y in years if not MIN_YEAR <= y <= MAX_YEAR]
    if odd:
        raise ix.error("years", f"{odd[0]} is not a plausible index year",
                       hint=f"years lie between {MIN_YEAR} and {MAX_YEAR}",
                       sv=f"{odd[0]} är inte ett rimligt indexår",
                       sv_hint=f"åren ligger mellan {MIN_YEAR} och {MAX_YEAR}")
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
            raise pl.error("directories", f"plugin directory '{d}' does not exist",
                           sv=f"pluginkatalogen '{d}' finns inte")
        dirs.append(root / d)
    plugins = PluginsConfig(tuple(dirs), pl.get_list("disabled", str, ()),
                            pl.get_list("enabled", str, ()), pl.get("entry_points", bool, True))
    pl.finish()

    sources = parse_sources(top.table("sources"))

    tree = _parse_tree(top.table("tree", required=True), root)
    method = parse_method(top.table("method"), plugin_methods)
    sensitivity = parse_sensitivity(top.table("sensitivity"), plugin_methods)
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
        raise t.error("metadata", f"file '{metadata}' does not exist",
                      sv=f"filen '{metadata}' finns inte")
    metadata_source = t.get("metadata_source", str, "")
    if metadata is not None and not metadata_source:
        raise t.error("metadata", "a tree read from a metadata table needs metadata_source: "
                      "the source whose measures its indicators read",
                      sv="ett träd som läses ur en metadatatabell behöver metadata_source: "
                         "källan vars mått dess indikatorer läser")
    nodes_tab = t.table("nodes", required=metadata is None)
    nodes: dict[str, NodeConfig] = {}
    for nid in list(nodes_tab.data):
        n = nodes_tab.table(nid)
        weight = n.get("weight", float, 1.0)
        if weight < 0:
            raise n.error("weight", f"weight {weight} is negative",
                          sv=f"vikten {weight} är negativ")
        min_cov = n.get("min_coverage", float, None)
        if min_cov is not None and not 0 <= min_cov <= 1:
            raise n.error("min_coverage", f"min_coverage {min_cov} must lie between 0 and 1",
                          sv=f"min_coverage {min_cov} måste ligga mellan 0 och 1")
        nodes[nid] = NodeConfig(nid, n.get("name", str), n.get("name_en", str, ""),
                                n.get("parent", str), weight, n.get("description", str, ""),
                                n.get("required", bool, False), min_cov)
        n.finish()
    iw_tab = t.table("indicator_weights")
    iw = {k: iw_tab.get(k, float) for k in list(iw_tab.data)}
    for k, w in iw.items():
        if w < 0:
            raise iw_tab.error(k, f"weight {w} is negative", sv=f"vikten {w} är negativ")
    iw_tab.finish()
    roles_tab = t.table("indicator_roles")
    roles = {k: roles_tab.get(k, str, choices=("index", "context")) for k in list(roles_tab.data)}
    roles_tab.finish()
    tree = TreeConfig(
        root=t.get("root", str, "index"), root_name=t.get("root_name", str),
        root_name_en=t.get("root_name_en", str, ""),
        level_names=t.get_list("level_names", str,
                               ("indikator", "kvalitetsområde", "delindex", "index")),
        level_names_en=t.get_list("level_names_en", str,
                                  ("indicator", "quality area", "sub-index", "index")),
        nodes=nodes, indicator_weights=iw,
        metadata=base / metadata if metadata is not None else None,
        metadata_source=metadata_source, required=t.get_list("required", str, ()),
        indicator_roles=roles)
    for node in nodes.values() if metadata is None else ():
        if node.parent != tree.root and node.parent not in nodes:
            raise nodes_tab.error(f"{node.id}.parent", f"parent '{node.parent}' is not a node "
                                  f"of the tree (nor the root '{tree.root}')",
                                  sv=f"föräldern '{node.parent}' är ingen nod i trädet (och "
                                     f"inte roten '{tree.root}')")
    t.finish()
    return tree


#: hti.toml keys that name registered methods → the kind of method
METHOD_KEYS = {"method.normalisation": "normalisation", "method.aggregation": "aggregation",
               "sensitivity.normalisations": "normalisation",
               "sensitivity.aggregations": "aggregation"}


def check_methods(config: Config, origins: set[str] | None = None) -> None:
    """Every method name in hti.toml is registered: built-in or by one of ``origins`` (this
    project's plugins; None: any)."""
    from hti_tui.engine.registry import REGISTRY

    values = {"method.normalisation": (config.method.normalisation,),
              "method.aggregation": (config.method.aggregation,),
              "sensitivity.normalisations": config.sensitivity.normalisations,
              "sensitivity.aggregations": config.sensitivity.aggregations}
    imp = config.method.impute
    values["method.impute.method"] = (imp.method,)
    kinds = dict(METHOD_KEYS, **{"method.impute.method": "imputation"})
    for table, overrides in (("sources", imp.sources), ("statuses", imp.statuses)):
        for k, name in overrides.items():
            key = f"method.impute.{table}.{k}"
            kinds[key] = "imputation"
            values[key] = () if name == "none" else (name,)
    for key, kind in kinds.items():
        known = REGISTRY.names(kind, origins)
        for name in values[key]:
            if name not in known:
                raise config.error(key, f"unknown value '{name}'",
                                   hint=f"choose one of: {', '.join(known)} (a plugin's "
                                        "hti_methods hook may add more)",
                                   sv=f"okänt värde '{name}'",
                                   sv_hint=f"välj ett av: {', '.join(known)} (ett plugins "
                                           "hti_methods-hook kan lägga till fler)")
