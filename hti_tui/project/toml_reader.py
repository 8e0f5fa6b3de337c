"""Typed, line-aware access to one table of hti.toml (shared by the config parsers).

A :class:`Reader` remembers which keys were read, so ``finish()`` can name an unknown key
(a typo) with its line and a "did you mean" hint.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hti_tui.data.clean import strip_controls
from hti_tui.errors import ConfigError
from hti_tui.project.toml_lines import line_of

MISSING = object()


class Reader:
    """Typed access to one TOML table that remembers which keys were used."""

    def __init__(self, file: Path, lines: dict[str, int], data: dict[str, Any], key: str) -> None:
        self.file, self.lines, self.data, self.key = file, lines, data, key
        self.used: set[str] = set()

    def _full(self, name: str) -> str:
        return f"{self.key}.{name}" if self.key else name

    def error(self, name: str, message: str, hint: str | None = None, *,
              sv: str | None = None, sv_hint: str | None = None) -> ConfigError:
        """A ConfigError naming the key and its line; ``sv``/``sv_hint``: in Swedish."""
        full = self._full(name)
        return ConfigError(message, file=self.file, key=full, line=line_of(self.lines, full),
                           hint=hint, sv=sv, sv_hint=sv_hint)

    def has(self, name: str) -> bool:
        return name in self.data

    def get(self, name: str, kind: type | tuple[type, ...], default: Any = MISSING,
            choices: tuple[str, ...] | None = None) -> Any:
        self.used.add(name)
        if name not in self.data:
            if default is MISSING:
                raise self.error(name, "required key is missing",
                                 sv="nyckeln krävs men saknas")
            return default
        value = self.data[name]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if float in kinds and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if isinstance(value, bool) and bool not in kinds:
            raise self.error(name, f"expected {_kind_name(kinds)}, found a boolean",
                             sv=f"väntade {_kind_name(kinds, 'sv')}, fann ett sanningsvärde")
        if not isinstance(value, kinds):
            raise self.error(name, f"expected {_kind_name(kinds)}, found {_describe(value)}",
                             sv=f"väntade {_kind_name(kinds, 'sv')}, fann "
                                f"{_describe(value, 'sv')}")
        if choices is not None and value not in choices:
            raise self.error(name, f"unknown value '{value}'",
                             hint=f"choose one of: {', '.join(choices)}",
                             sv=f"okänt värde '{value}'",
                             sv_hint=f"välj ett av: {', '.join(choices)}")
        return strip_controls(value) if isinstance(value, str) else value  # no ANSI escapes

    def get_list(self, name: str, kind: type, default: Any = MISSING,
                 choices: tuple[str, ...] | None = None) -> tuple[Any, ...]:
        raw = self.get(name, list, default)
        out = []
        for i, item in enumerate(raw):
            if kind is float and isinstance(item, int) and not isinstance(item, bool):
                item = float(item)
            if not isinstance(item, kind) or (isinstance(item, bool) and kind is not bool):
                raise self.error(name, f"item {i + 1} should be {_kind_name((kind,))}, "
                                 f"found {_describe(item)}",
                                 sv=f"post {i + 1} ska vara {_kind_name((kind,), 'sv')}, fann "
                                    f"{_describe(item, 'sv')}")
            if choices is not None and item not in choices:
                raise self.error(name, f"unknown value '{item}'",
                                 hint=f"choose from: {', '.join(choices)}",
                                 sv=f"okänt värde '{item}'",
                                 sv_hint=f"välj bland: {', '.join(choices)}")
            out.append(item)
        return tuple(out)

    def table(self, name: str, required: bool = False) -> Reader:
        value = self.get(name, dict, MISSING if required else {})
        return Reader(self.file, self.lines, value, self._full(name))

    def finish(self) -> None:
        for name in self.data:
            if name not in self.used:
                raise self.error(name, "unknown key", hint=_did_you_mean(name, self.used),
                                 sv="okänd nyckel",
                                 sv_hint=_did_you_mean(name, self.used, "sv"))


def _did_you_mean(name: str, known: set[str], language: str = "en") -> str | None:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    if not close:
        return None
    return f"menade du '{close[0]}'?" if language == "sv" else f"did you mean '{close[0]}'?"


_KINDS = {str: ("en sträng", "a string"), int: ("ett heltal", "an integer"),
          float: ("ett tal", "a number"), bool: ("true eller false", "true or false"),
          list: ("en lista", "a list"), dict: ("en tabell", "a table")}


def _kind_name(kinds: tuple[type, ...], language: str = "en") -> str:
    sv = language == "sv"
    names = [(_KINDS[k][0] if sv else _KINDS[k][1]) if k in _KINDS else k.__name__
             for k in kinds]
    return (" eller " if sv else " or ").join(names)


def _describe(value: Any, language: str = "en") -> str:
    kind = _kind_name((type(value),), language)
    return f"{kind} ({value!r})" if not isinstance(value, (dict, list)) else kind
