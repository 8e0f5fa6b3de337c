"""The project's own error types.

Every failure a user can cause (a bad hti.toml, a malformed source file, a broken
plugin) is raised as an :class:`HtiError` carrying *where* it happened, so the CLI
and the UI can print one clear line instead of a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: the words of a location, (svenska, English): "rad 12, kolumn 'Värde'"
_WHERE = {"line": ("rad", "line"), "key": ("nyckel", "key"), "row": ("rad", "row"),
          "column": ("kolumn", "column"), "plugin": ("plugin", "plugin"),
          "hook": ("hook", "hook")}


def _word(key: str, language: str) -> str:
    sv, en = _WHERE[key]
    return sv if language == "sv" else en


#: what a note names instead of a file (the results of a year, an indicator), in Swedish
_PLACES_SV = {"results ": "resultat ", "indicator ": "indikator "}


def place(file: str, language: str = "en") -> str:
    """A note's file as the reader reads it: a path as it is; "results 2024" and
    "indicator x" (what a build's own notes name) in ``language``."""
    if language == "sv":
        for en, sv in _PLACES_SV.items():
            if file.startswith(en) and "/" not in file:
                return sv + file.removeprefix(en)
    return file


def _location(file: str | Path | None, row: int | None, column: str | None,
              line: int | None = None, key: str | None = None, language: str = "en") -> str:
    parts: list[str] = []
    if file is not None:
        parts.append(place(str(file), language))
    if line is not None:
        parts.append(f"{_word('line', language)} {line}")
    if key is not None:
        parts.append(f"{_word('key', language)} '{key}'")
    if row is not None:
        parts.append(f"{_word('row', language)} {row}")
    if column is not None:
        parts.append(f"{_word('column', language)} '{column}'")
    return ", ".join(parts)


class HtiError(Exception):
    """Base of every error hti reports to a user; never shown with a traceback.

    ``sv`` and ``sv_hint`` are the message and hint in Swedish, for the errors an analyst
    meets most (an unknown kommun, year or indicator); :meth:`describe` with
    ``language="sv"`` uses them, and says the location in Swedish ("rad 12, kolumn
    'Värde'"). ``str(error)`` stays the English text (logs, tests)."""

    def __init__(self, message: str, *, file: str | Path | None = None,
                 row: int | None = None, column: str | None = None,
                 hint: str | None = None, sv: str | None = None,
                 sv_hint: str | None = None) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.row = row
        self.column = column
        self.hint = hint
        self.sv = sv
        self.sv_hint = sv_hint
        super().__init__(self.describe())

    @property
    def location(self) -> str:
        return self.where("en")

    def where(self, language: str) -> str:
        """The location in ``language``."""
        return _location(self.file, self.row, self.column, language=language)

    def text(self, language: str = "en") -> str:
        """The message alone (no location, no hint) in ``language``."""
        return self.sv if language == "sv" and self.sv else self.message

    def hint_text(self, language: str = "en") -> str | None:
        """The hint in ``language`` (the English one when there is no Swedish)."""
        return self.sv_hint if language == "sv" and self.sv_hint else self.hint

    def describe(self, language: str = "en") -> str:
        loc = self.where(language)
        message = self.text(language)
        text = f"{loc}: {message}" if loc else message
        hint = self.hint_text(language)
        if hint:
            text += f" ({hint})"
        return text


class ConfigError(HtiError):
    """hti.toml is malformed, has an unknown key, a wrong type or names something missing."""

    def __init__(self, message: str, *, file: str | Path | None = None,
                 key: str | None = None, line: int | None = None,
                 hint: str | None = None, sv: str | None = None,
                 sv_hint: str | None = None) -> None:
        self.key = key
        self.line = line
        super().__init__(message, file=file, hint=hint, sv=sv, sv_hint=sv_hint)

    def where(self, language: str) -> str:
        return _location(self.file, None, None, line=self.line, key=self.key,
                         language=language)


class DataError(HtiError):
    """A source or data file cannot be read as its format promises."""


class PluginError(HtiError):
    """A plugin could not be loaded, declared something twice, or failed in a hook."""

    def __init__(self, message: str, *, plugin: str | None = None,
                 hook: str | None = None, hint: str | None = None,
                 sv: str | None = None, sv_hint: str | None = None) -> None:
        self.plugin = plugin
        self.hook = hook
        super().__init__(message, hint=hint, sv=sv, sv_hint=sv_hint)

    def where(self, language: str) -> str:
        parts = []
        if self.plugin:
            parts.append(f"plugin '{self.plugin}'")
        if self.hook:
            parts.append(f"hook {self.hook}")
        return ", ".join(parts)


class ModelError(HtiError):
    """The index tree or the method choices cannot be computed (cycle, bad weights, ...)."""


class UsageError(HtiError):
    """The user asked for something that does not exist (unknown kommun, year, indicator)."""


@dataclass(frozen=True)
class Note:
    """A data-quality note: something odd in an input that was handled, not fatal.

    Notes are kept with the build so that nothing is silently dropped: a suppressed
    cell, an unknown kommun code, a renamed column are all recorded here.

    ``message`` is the English text, ``sv`` the same in Swedish: the build stores both
    (``message``, ``message_sv``), so a note reads in the user's language without a
    rebuild; a note without ``sv`` (a plugin's, an old notes file) is shown in English.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    severity: str = "warning"  # "info" | "warning" | "error"
    code: str = ""  # a short machine-readable kind, e.g. "unknown_unit"
    sv: str | None = None  # the message in Swedish

    def text(self, language: str = "en") -> str:
        """The message in ``language`` (English when no Swedish text was given)."""
        return self.sv if language == "sv" and self.sv else self.message

    def describe(self, language: str = "en") -> str:
        loc = _location(self.file, self.row, self.column, language=language)
        message = self.text(language)
        return f"{loc}: {message}" if loc else message
