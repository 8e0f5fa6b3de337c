"""The project: hti.toml, its unit registry and its plugins, loaded together."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hti_tui.data.registry import UnitRegistry, load_registry
from hti_tui.engine.registry import REGISTRY
from hti_tui.errors import ConfigError
from hti_tui.project.config import Config, check_methods, load_config
from hti_tui.project.plugins import ENV_VAR, PluginHost, Selection
from hti_tui.specs import AdapterSpec, IndicatorSpec, SourceSpec


@dataclass
class Project:
    """A loaded project; the presentation layers get everything through this."""

    config: Config
    plugins: PluginHost
    _registry: UnitRegistry | None = field(default=None, repr=False)

    @classmethod
    def load(cls, config_path: Path | None = None, *, disable: Iterable[str] = (),
             environ: Mapping[str, str] | None = None) -> Project:
        config = load_config(config_path, plugin_methods=True)
        env = os.environ if environ is None else environ
        selection = Selection.build(config.plugins.enabled,
                                    [*config.plugins.disabled, *disable], env.get(ENV_VAR))
        host = PluginHost()
        host.load(config.plugins.directories, selection, config.plugins.entry_points)
        host.register_methods(REGISTRY)
        check_methods(config, host.method_origins())
        return cls(config, host)

    @property
    def root(self) -> Path:
        return self.config.root

    @property
    def registry(self) -> UnitRegistry:
        if self._registry is None:
            u = self.config.units
            self._registry = load_registry(u.registry, u.columns, u.code_changes)
        return self._registry

    def source_spec(self, source: str) -> SourceSpec | None:
        found = self.plugins.sources().get(source)
        return found[0] if found else None

    def adapter_for(self, source: str, year: int) -> tuple[AdapterSpec, str]:
        """The adapter hti.toml assigns to a data year, and the plugin providing it."""
        cfg = self.config.sources[source]
        adapter_id = cfg.adapters[year]
        found = self.plugins.adapters().get(adapter_id)
        key = f"sources.{source}.adapters.{year}"
        if found is None:
            known = ", ".join(sorted(self.plugins.adapters())) or "none"
            raise self.config.error(key, f"no plugin provides adapter '{adapter_id}'",
                                    hint=f"adapters available: {known}",
                                    sv=f"inget plugin ger adaptern '{adapter_id}'",
                                    sv_hint=f"tillgängliga adaptrar: {known}")
        spec, plugin = found
        if spec.source not in (source, "*"):
            raise self.config.error(key, f"adapter '{adapter_id}' reads source '{spec.source}', "
                                    f"not '{source}'",
                                    sv=f"adaptern '{adapter_id}' läser källan '{spec.source}', "
                                       f"inte '{source}'")
        return spec, plugin

    def input_path(self, source: str, year: int) -> Path:
        """Where the raw file of a source's data year is (hti.toml path, else the adapter's)."""
        cfg = self.config.sources[source]
        if year in cfg.paths:
            template = cfg.paths[year]
            base = self.config.root
        else:
            template = self.adapter_for(source, year)[0].path
            base = self.config.paths.raw
        return base / template.format(year=year, source=source)

    def indicators(self) -> dict[str, tuple[IndicatorSpec, str]]:
        return self.plugins.indicators()

    def config_problems(self) -> list[ConfigError]:
        """Every source year whose adapter no plugin provides (or that reads another source)."""
        problems = []
        for source, cfg in self.config.sources.items():
            for year in cfg.adapters:
                try:
                    self.adapter_for(source, year)
                except ConfigError as exc:
                    problems.append(exc)
        return problems
