"""The ``[sources.X.options]`` of hti.toml held to what each adapter declares it reads.

An option the adapter does not read (a typo: ``shet = "Tabell 2"``) would otherwise be
ignored without a word, and one of the wrong type (``sheet = 2``) would be read as "no
sheet given". So ``hti validate`` warns about every unknown key, naming its hti.toml
line, and the build refuses a value of the wrong type before the adapter runs (see
:class:`hti_tui.specs.AdapterOption`). An adapter that declares nothing
(``options=None``) is not checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hti_tui.errors import Note
from hti_tui.project.toml_lines import line_of
from hti_tui.specs import AdapterOption, AdapterSpec, declared_options

if TYPE_CHECKING:
    from hti_tui.project.config import Config

#: how the TOML types are named in a message
_TOML_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
               list: "a list", dict: "a table"}
_TOML_NAMES_SV = {str: "en sträng", int: "ett heltal", float: "ett tal",
                  bool: "true eller false", list: "en lista", dict: "en tabell"}


def _where(config: Config, source: str, year: int, key: str) -> tuple[str, bool]:
    """The dotted hti.toml key the option of ``year`` comes from; True if a year table."""
    options = config.sources[source].options
    table = options.get(str(year))
    if isinstance(table, dict) and key in table:
        return f"sources.{source}.options.{year}.{key}", True
    return f"sources.{source}.options.{key}", False


def _entries(config: Config, source: str, year: int) -> dict[str, Any]:
    options = config.sources[source].options
    out = {k: v for k, v in options.items() if not str(k).isdigit()}
    table = options.get(str(year))
    if isinstance(table, dict):
        out.update(table)
    return out


def _is(value: object, kind: type | tuple[type, ...]) -> bool:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if object in kinds:
        return True
    if isinstance(value, bool):  # TOML true/false is never an integer or a number
        return bool in kinds
    if isinstance(value, int) and float in kinds:
        return True
    return isinstance(value, kinds)


def _named(kind: type | tuple[type, ...], language: str = "en") -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = _TOML_NAMES_SV if language == "sv" else _TOML_NAMES
    return (" eller " if language == "sv" else " or ").join(names.get(k, k.__name__)
                                                           for k in kinds)


def _problem(spec: AdapterOption, value: object, language: str = "en") -> str | None:
    """What is wrong with ``value`` for ``spec`` (None: nothing), in ``language``."""
    sv = language == "sv"
    if not _is(value, spec.kind):
        return (f"måste vara {_named(spec.kind, language)}, inte {value!r}" if sv else
                f"must be {_named(spec.kind)}, not {value!r}")
    if spec.items is not None and isinstance(value, list):
        for i, item in enumerate(value):
            if not _is(item, spec.items):
                return (f"post {i + 1} måste vara {_named(spec.items, language)}, inte "
                        f"{item!r}" if sv else
                        f"element {i + 1} must be {_named(spec.items)}, not {item!r}")
    if spec.choices and isinstance(value, str) and value not in spec.choices:
        choices = ", ".join(repr(c) for c in spec.choices)
        return (f"måste vara en av {choices}, inte {value!r}" if sv else
                f"must be one of {choices}, not {value!r}")
    return None


def check_option_values(config: Config, source: str, adapter: AdapterSpec,
                        year: int) -> None:
    """Raise a ConfigError (hti.toml line) for the first option of data year ``year``
    whose value the adapter cannot take; unknown keys are :func:`unknown_options`'s."""
    declared = declared_options(adapter)
    if declared is None:
        return
    for key, value in _entries(config, source, year).items():
        spec = declared.get(key)
        if spec is None:
            continue
        where, per_year = _where(config, source, year, key)
        if per_year and not spec.per_year:
            raise config.error(where, f"option '{key}' of source '{source}' cannot differ "
                               f"per data year", hint=f"move it to [sources.{source}.options]",
                               sv=f"inställningen '{key}' för källan '{source}' kan inte "
                                  "skilja sig per dataår",
                               sv_hint=f"flytta den till [sources.{source}.options]")
        problem = _problem(spec, value)
        if problem is not None:
            raise config.error(where, f"option '{key}' of adapter '{adapter.id}' "
                               f"(source '{source}', data year {year}) {problem}",
                               hint=f"{key}: {spec.description}" if spec.description else None,
                               sv=f"inställningen '{key}' för adaptern '{adapter.id}' (källan "
                                  f"'{source}', dataåret {year}) "
                                  f"{_problem(spec, value, 'sv')}")


def unknown_options(config: Config, source: str, adapter: AdapterSpec,
                    year: int) -> list[Note]:
    """A warning per option of ``year`` the adapter does not read, with its hti.toml line."""
    declared = declared_options(adapter)
    if declared is None:
        return []
    notes = []
    for key in _entries(config, source, year):
        if key in declared:
            continue
        where, _ = _where(config, source, year, key)
        number = line_of(config.lines, where)
        line = f":{number}" if number else ""
        notes.append(Note(config.rel(config.path) + line, None, None,
                          f"[{where.rsplit('.', 1)[0]}] {key}: adapter '{adapter.id}' of "
                          f"source '{source}' does not read this option "
                          f"(it reads: {', '.join(sorted(declared)) or 'none'})",
                          "warning", "unknown_option",
                          f"[{where.rsplit('.', 1)[0]}] {key}: adapter '{adapter.id}' för "
                          f"källan '{source}' läser inte den här inställningen "
                          f"(den läser: {', '.join(sorted(declared)) or 'inga'})"))
    return notes
