"""Loading plugins one by one and calling their hooks through a typed wrapper.

pluggy stops at the first plugin that raises. hti must not: a kommun analyst's UI
should not go down because a third-party indicator has a bug. So each plugin is
imported, registered and called on its own, and every failure is recorded with the
plugin's name and the hook, for ``hti plugins`` and the UI to show.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import importlib
import importlib.metadata
import importlib.util
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import pluggy

from hti_tui import hookspecs
from hti_tui.data.clean import strip_controls
from hti_tui.engine.registry import MethodRegistry, MethodSpec
from hti_tui.errors import HtiError, Note, PluginError
from hti_tui.specs import AdapterSpec, IndicatorSpec, SourceSpec

ENTRY_POINT_GROUP = "hti"
ENV_VAR = "HTI_LOAD_PLUGINS"
BUILTIN_MODULES = ("hti_tui.builtins.generic_table",)

LOADED, FAILED, DISABLED = "loaded", "failed", "disabled"

#: hooks (and uses of declarations) whose failure changes what the index contains; a
#: plugin failing one of them fails ``hti build`` unless ``--allow-failed-plugins``
BUILD_HOOKS = frozenset({"hti_sources", "hti_adapters", "hti_indicators", "hti_adapters.read",
                         "hti_indicators.compute", "declarations", "hti_methods"})

T = TypeVar("T")

#: what a plugin declares, as a Swedish reason names it
_WHAT_SV = {"source": "källan", "adapter": "adaptern", "indicator": "indikatorn",
            "method": "metoden"}


@dataclass
class PluginRecord:
    """What ``hti plugins`` shows about one plugin."""

    name: str
    origin: str  # "built-in" | "directory" | "entry point"
    location: str
    version: str = "?"
    hooks: list[str] = field(default_factory=list)
    status: str = LOADED
    error: str | None = None
    hook_errors: dict[str, str] = field(default_factory=dict)
    source_sha256: str = ""  # of the plugin's source files: part of every build cache key
    #: ``error`` and ``hook_errors`` in Swedish, where hti said them (a plugin's own
    #: exception text is quoted as it is)
    error_sv: str | None = None
    hook_errors_sv: dict[str, str] = field(default_factory=dict)

    def fail(self, error: str, sv: str) -> None:
        """The plugin could not be used at all: why, in English and Swedish."""
        self.status, self.error, self.error_sv = FAILED, error, sv

    def hook_failed(self, hook: str, message: str, sv: str | None = None) -> None:
        self.hook_errors[hook] = message
        if sv is not None:
            self.hook_errors_sv[hook] = sv

    @property
    def healthy(self) -> bool:
        return self.status == LOADED and not self.hook_errors

    @property
    def shown_status(self) -> str:
        """The status as ``hti plugins`` shows it: a plugin whose hook raised has failed."""
        return FAILED if self.status == LOADED and self.hook_errors else self.status

    @property
    def blocks_build(self) -> bool:
        """Failed to load, or failed in a hook that decides what the index contains."""
        return self.status == FAILED or any(h in BUILD_HOOKS for h in self.hook_errors)

    def reasons(self, language: str = "en") -> str:
        """Why the plugin failed, in ``language`` (English where no Swedish was said)."""
        sv = language == "sv"
        parts = [self.error_sv if sv and self.error_sv else self.error] if self.error else []
        parts += [f"{hook}: {self.hook_errors_sv.get(hook, msg) if sv else msg}"
                  for hook, msg in self.hook_errors.items()]
        return "; ".join(p for p in parts if p)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "origin": self.origin, "location": self.location,
                "version": self.version, "hooks": list(self.hooks),
                "status": self.shown_status, "error": self.error,
                "hook_errors": dict(self.hook_errors)}


@dataclass(frozen=True)
class Selection:
    """Which plugins may load: an allow list (empty = all) and a deny list."""

    allow: frozenset[str] = frozenset()
    deny: frozenset[str] = frozenset()

    @classmethod
    def build(cls, enabled: Iterable[str], disabled: Iterable[str],
              env_value: str | None) -> Selection:
        allow, deny = set(enabled), set(disabled)
        if env_value:
            names = [n.strip() for n in env_value.split(",") if n.strip()]
            env_allow = {n for n in names if not n.startswith("-")}
            deny |= {n[1:] for n in names if n.startswith("-")}
            if env_allow:
                allow = env_allow
        return cls(frozenset(allow), frozenset(deny))

    def permits(self, name: str) -> bool:
        if name in self.deny:
            return False
        return not self.allow or name in self.allow


def _version_of(obj: object, fallback: str = "?") -> str:
    for attr in ("__version__", "HTI_PLUGIN_VERSION", "VERSION"):
        value = getattr(obj, attr, None)
        if isinstance(value, str):
            return value
    return fallback


_OWN = (str(Path(__file__).resolve().parents[1]), str(Path(pluggy.__file__).resolve().parent))


def _short_error(exc: BaseException) -> str:
    """``Type: message (file:line)`` at the plugin's own line, not inside hti or pluggy
    (a bad ``direction=`` raises in hti_tui/specs.py, but the mistake is the plugin's)."""
    frames = traceback.extract_tb(exc.__traceback__)
    theirs = [f for f in frames if not str(Path(f.filename).resolve()).startswith(_OWN)]
    frame = theirs[-1] if theirs else frames[-1] if frames else None
    where = f" ({Path(frame.filename).name}:{frame.lineno})" if frame else ""
    if isinstance(exc, SystemExit):
        return f"called sys.exit({exc.code!r}){where}"
    return f"{type(exc).__name__}: {exc}{where}"


def source_sha256(obj: object) -> str:
    """sha256 over a plugin module's source (every ``.py`` file of a package), so a
    plugin edited without a version bump still invalidates what was built with it."""
    path = getattr(obj, "__file__", None)
    if not isinstance(path, str):
        module = sys.modules.get(getattr(obj, "__module__", "") or "")
        path = getattr(module, "__file__", None)
    if not isinstance(path, str):
        return ""
    file = Path(path)
    files = sorted(file.parent.rglob("*.py")) if file.name == "__init__.py" else [file]
    h = hashlib.sha256()
    for f in files:
        try:
            h.update(f.name.encode() + b"\0" + f.read_bytes())
        except OSError:
            continue
    return h.hexdigest()


def _import_file(path: Path, module_name: str) -> ModuleType:
    if path.is_dir():
        spec = importlib.util.spec_from_file_location(
            module_name, path / "__init__.py", submodule_search_locations=[str(path)])
    else:
        spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(module_name, None)
        raise
    return module


def discover_directory(directory: Path) -> list[tuple[str, Path]]:
    """Plugin candidates in a directory: ``name.py`` files and packages, not ``_private``."""
    found = []
    for entry in sorted(directory.iterdir()):
        if entry.name.startswith(("_", ".")):
            continue
        if entry.is_file() and entry.suffix == ".py":
            found.append((entry.stem, entry))
        elif entry.is_dir() and (entry / "__init__.py").is_file():
            found.append((entry.name, entry))
    return found


class PluginHost:
    """The one way the core talks to plugins; nothing else calls ``pm.hook``."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.records: dict[str, PluginRecord] = {}
        self.rejected: set[str] = set()
        self._cache: dict[str, Any] = {}

    # -- loading ---------------------------------------------------------
    def load(self, directories: Iterable[Path], selection: Selection,
             entry_points: bool = True, builtins: Iterable[str] = BUILTIN_MODULES) -> None:
        for modname in builtins:
            name = "hti." + modname.rsplit(".", 1)[-1]
            self._load_one(name, "built-in", modname, selection,
                           functools.partial(importlib.import_module, modname))
        for directory in directories:
            tag = hashlib.sha1(str(directory.resolve()).encode()).hexdigest()[:8]
            for name, path in discover_directory(directory):
                modname = f"hti_plugindir_{tag}.{name}"
                self._load_one(name, "directory", str(path), selection,
                               functools.partial(_import_file, path, modname))
        if entry_points:
            for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
                dist_version = getattr(getattr(ep, "dist", None), "version", None) or "?"
                self._load_one(ep.name, "entry point", ep.value, selection, ep.load,
                               fallback_version=dist_version)

    def _load_one(self, name: str, origin: str, location: str, selection: Selection,
                  importer: Callable[[], object], fallback_version: str = "?") -> None:
        if name in self.records:
            other = self.records[name]
            twin = PluginRecord(name, origin, location)
            twin.fail(f"a plugin named '{name}' is already loaded from {other.location} "
                      f"({other.origin}); this one ({origin}) is not used",
                      f"ett plugin som heter '{name}' är redan laddat från {other.location} "
                      f"({other.origin}); det här ({origin}) används inte")
            self.records[f"{name} ({location})"] = twin
            return
        record = PluginRecord(name, origin, location, version=fallback_version)
        self.records[name] = record
        if not selection.permits(name):
            record.status = DISABLED
            return
        try:
            with plugin_output():
                plugin = importer()
        except BaseException as exc:  # a plugin may raise anything while importing
            if isinstance(exc, KeyboardInterrupt):
                raise
            record.fail(f"import failed: {_short_error(exc)}",
                        f"importen misslyckades: {_short_error(exc)}")
            return
        record.version = _version_of(plugin, fallback_version)
        record.source_sha256 = source_sha256(plugin)
        try:
            self.pm.register(plugin, name=name)
            self.pm.check_pending()
        except (pluggy.PluginValidationError, ValueError) as exc:
            if self.pm.is_registered(plugin):
                self.pm.unregister(plugin)
            record.fail(f"not a valid hti plugin: {exc}", f"inget giltigt hti-plugin: {exc}")
            return
        record.hooks = sorted(c.name for c in self.pm.get_hookcallers(plugin) or [])
        if not record.hooks:
            self.pm.unregister(plugin)
            record.fail("implements no hti hook", "implementerar ingen hti-hook")

    def register(self, plugin: object, name: str, origin: str = "in memory") -> None:
        """Register an already imported plugin object (tests, embedding)."""
        self._load_one(name, origin, repr(plugin), Selection(), lambda: plugin)
        self._cache.clear()

    # -- calling ---------------------------------------------------------
    def _call_each(self, hook: str, kwargs: Mapping[str, Any]) -> list[tuple[str, Any]]:
        """Call every implementation of ``hook`` on its own, in the order the plugins were
        loaded (built-ins, project directories, entry points: the order of precedence);
        record failures by plugin. ``tryfirst``/``trylast`` do not reorder this."""
        results: list[tuple[str, Any]] = []
        caller = getattr(self.pm.hook, hook)
        order = {name: i for i, name in enumerate(self.records)}
        impls = sorted(caller.get_hookimpls(), key=lambda i: order.get(i.plugin_name, len(order)))
        for impl in impls:
            name = impl.plugin_name
            if name in self.rejected:
                continue
            try:
                args = {k: kwargs[k] for k in impl.argnames}
                with plugin_output():
                    results.append((name, impl.function(**args)))
            except BaseException as exc:  # isolate the plugin (even sys.exit), keep going
                if isinstance(exc, KeyboardInterrupt):
                    raise
                record = self.records.get(name)
                if record is not None:
                    record.hook_errors[hook] = _short_error(exc)
        return results

    def reject(self, plugin: str, hook: str, message: str, sv: str | None = None) -> None:
        """Stop using every declaration of ``plugin`` (a conflict, an unknown area): the
        plugin is rejected alone, with the reason (``sv``: in Swedish), and the others keep
        working."""
        self.rejected.add(plugin)
        self.record_failure(plugin, hook, message, sv)
        self._cache.clear()

    def _declarations(self, hook: str, kind: type[T], what: str) -> dict[str, tuple[T, str]]:
        while hook not in self._cache:
            found = self._collect(hook, kind, what)
            if found is not None:  # None: a plugin was rejected, collect without it
                self._cache[hook] = found
        declared: dict[str, tuple[T, str]] = self._cache[hook]  # the hook's kind, by _collect
        return declared

    def _settle(self) -> None:
        """Call every declaration hook until no more plugins are rejected."""
        while True:
            before = len(self.rejected)
            self.sources(), self.adapters(), self.indicators(), self.methods()
            if len(self.rejected) == before:
                return

    def _collect(self, hook: str, kind: type[T], what: str) -> dict[str, tuple[T, str]] | None:
        out: dict[str, tuple[T, str]] = {}
        for plugin, result in self._call_each(hook, {}):
            items = result if isinstance(result, (list, tuple)) else None
            if items is None or not all(isinstance(i, kind) for i in items):
                self.records[plugin].hook_failed(
                    hook, f"returned {type(result).__name__}, expected a list of "
                    f"{kind.__name__}", f"gav {type(result).__name__}, väntade en lista av "
                    f"{kind.__name__}")
                continue
            ids = [i.id for i in items]
            clash = next((i for i in ids if i in out), None)
            twice = next((i for i in ids if ids.count(i) > 1), None)
            if clash is not None:
                first = out[clash][1]
                origin = self.records[first].origin if first in self.records else "?"
                self.reject(plugin, "declarations",
                            f"declares {what} '{clash}', which plugin '{first}' ({origin}) "
                            f"already declares; '{plugin}' is not used (rename the id, or "
                            "disable one of them in hti.toml [plugins] disabled)",
                            f"deklarerar {_WHAT_SV.get(what, what)} '{clash}', som plugin "
                            f"'{first}' ({origin}) redan deklarerar; '{plugin}' används inte "
                            "(byt id, eller stäng av ett av dem i hti.toml [plugins] disabled)")
                return None
            if twice is not None:
                self.reject(plugin, "declarations", f"declares {what} '{twice}' twice",
                            f"deklarerar {_WHAT_SV.get(what, what)} '{twice}' två gånger")
                return None
            for item in items:
                out[item.id] = (_clean(item), plugin)
        return out

    def sources(self) -> dict[str, tuple[SourceSpec, str]]:
        """Source id → (declaration, plugin name)."""
        return self._declarations("hti_sources", SourceSpec, "source")

    def adapters(self) -> dict[str, tuple[AdapterSpec, str]]:
        """Adapter id → (declaration, plugin name)."""
        return self._declarations("hti_adapters", AdapterSpec, "adapter")

    def indicators(self) -> dict[str, tuple[IndicatorSpec, str]]:
        """Indicator id → (declaration, plugin name)."""
        return self._declarations("hti_indicators", IndicatorSpec, "indicator")

    def methods(self) -> dict[str, tuple[MethodSpec, str]]:
        """``normalisation:name`` / ``aggregation:name`` → (declaration, plugin name)."""
        return self._declarations("hti_methods", MethodSpec, "method")

    @staticmethod
    def method_origin(plugin: str) -> str:
        """How the method registry names a plugin as a method's origin."""
        return f"plugin '{plugin}'"

    def method_origins(self) -> set[str]:
        """The origins of this project's plugins' methods (for ``REGISTRY.names``)."""
        return {self.method_origin(p) for _, p in self.methods().values()}

    def register_methods(self, registry: MethodRegistry) -> None:
        """Put every plugin's methods in ``registry``; a plugin whose method clashes with a
        built-in or another's is rejected alone, with the reason."""
        for spec, plugin in self.methods().values():
            try:
                registry.add(spec, origin=self.method_origin(plugin))  # type: ignore[arg-type]
            except HtiError as exc:
                self.reject(plugin, "hti_methods", exc.describe(), exc.describe("sv"))

    def declared_by(self, language: str = "en") -> tuple[dict[str, list[str]], list[str]]:
        """What each plugin declares (``source:x``, ``adapter:y``, ``indicator:z``) and any
        declaration conflict (in ``language``), reported rather than raised so a listing
        still shows."""
        out: dict[str, list[str]] = {}
        problems: list[str] = []
        self._settle()
        for what, getter in (("source", self.sources), ("adapter", self.adapters),
                             ("indicator", self.indicators), ("method", self.methods)):
            try:
                for ident, (_, plugin) in getter().items():
                    out.setdefault(plugin, []).append(f"{what}:{ident}")
            except PluginError as exc:
                problems.append(exc.describe(language))
        return out, problems

    def validate(self, config: object) -> list[Note]:
        notes: list[Note] = []
        for plugin, result in self._call_each("hti_validate", {"config": config}):
            if result is None:
                continue
            if not isinstance(result, (list, tuple)) or not all(
                    isinstance(n, Note) for n in result):
                self.records[plugin].hook_failed("hti_validate", "did not return a list of Note",
                                                 "gav inte en lista av Note")
                continue
            notes.extend(result)
        return notes

    def build_finished(self, summary: dict[str, Any]) -> None:
        self._call_each("hti_build_finished", {"summary": summary})

    def record_failure(self, plugin: str, hook: str, message: str,
                       sv: str | None = None) -> None:
        """Note a failure that happened while using a declaration (e.g. inside ``read``);
        ``sv``: the message in Swedish."""
        if plugin in self.records:
            self.records[plugin].hook_failed(hook, message, sv)

    def failures(self) -> list[PluginRecord]:
        return [r for r in self.records.values() if r.status == FAILED or r.hook_errors]

    def build_failures(self) -> list[PluginRecord]:
        """Plugins whose failure changes what the index contains (after calling the
        declaration hooks, so that a hook that raises is known)."""
        self._settle()
        return [r for r in self.records.values() if r.blocks_build]

    def versions(self) -> dict[str, str]:
        return {r.name: r.version for r in self.records.values() if r.status == LOADED}

    def source_hashes(self) -> dict[str, str]:
        """Plugin name → sha256 of its source, for the build cache keys."""
        return {r.name: r.source_sha256 for r in self.records.values() if r.status == LOADED}


_TEXT_FIELDS = ("name", "name_en", "description", "publisher", "citation", "url")


def _clean(spec: T) -> T:
    """A declaration without control characters in its names and texts (an ANSI escape
    in an indicator name must not reach the terminal)."""
    changes = {f: strip_controls(getattr(spec, f)) for f in _TEXT_FIELDS
               if isinstance(getattr(spec, f, None), str)}
    changes = {f: v for f, v in changes.items() if v != getattr(spec, f)}
    return dataclasses.replace(spec, **changes) if changes else spec  # type: ignore[type-var]


@contextlib.contextmanager
def plugin_output() -> Iterator[None]:
    """While plugin code runs, what it prints goes to stderr: stdout carries the
    machine-readable output of ``--format json|csv`` and must stay parseable."""
    with contextlib.redirect_stdout(sys.stderr):
        yield
