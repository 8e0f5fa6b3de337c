"""Progress of a build as typed events, reported through a callback so the pipeline knows no UI.

The CLI turns these into rich progress bars, the TUI into a progress widget, tests into a
list. One frozen dataclass per kind of event, each carrying what a consumer needs as typed
fields (the source id and data year, the index year, counts, the error), so no consumer parses
a label: match on the class (``isinstance`` or ``match``), read the fields.

A build reports, in order: :class:`StageStarted` ("observations"), per source file a
:class:`SourceStarted` and a :class:`SourceFinished`; then :class:`StageStarted` ("results"),
per index year a :class:`YearStarted` and a :class:`YearFinished`. A build stopped before a
stage (a broken registry, a failed plugin, a model that does not assemble) reports one
:class:`BuildStopped` instead of what would have followed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from hti_tui.errors import HtiError

#: the two stages of a build
Stage = Literal["observations", "results"]
#: what became of one step: written anew, up to date (nothing written), or failed
Outcome = Literal["built", "skipped", "failed"]


@dataclass(frozen=True)
class StageStarted:
    """A stage begins; ``total`` steps follow (source files, or index years)."""

    stage: Stage
    total: int


@dataclass(frozen=True)
class SourceStarted:
    """One raw file (``source``, data ``year``) is about to be read or skipped."""

    source: str
    year: int
    position: int  # 1-based, of ``total``
    total: int


@dataclass(frozen=True)
class SourceFinished:
    """One raw file is done: its observations were written, were up to date, or failed."""

    source: str
    year: int
    outcome: Outcome
    rows: int = 0
    notes: int = 0
    statuses: Mapping[str, int] = field(default_factory=dict)
    error: HtiError | None = None


@dataclass(frozen=True)
class YearStarted:
    """One index year is about to be computed or skipped."""

    year: int
    position: int  # 1-based, of ``total``
    total: int


@dataclass(frozen=True)
class YearFinished:
    """One index year is done: results written, up to date, or not computed."""

    year: int
    outcome: Outcome
    scored: int = 0
    error: HtiError | None = None


@dataclass(frozen=True)
class BuildStopped:
    """The build stopped before ``stage`` because ``cause`` failed; nothing more is written."""

    stage: Stage
    cause: Literal["registry", "plugins", "model"]
    error: HtiError


BuildEvent: TypeAlias = (StageStarted | SourceStarted | SourceFinished | YearStarted
                         | YearFinished | BuildStopped)

Progress = Callable[[BuildEvent], None]


def ignore(_event: BuildEvent) -> None:
    """The default progress callback: report nothing."""
