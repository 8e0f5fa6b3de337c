"""Progress of a build, reported through a callback so the pipeline knows no UI.

The CLI turns these into rich progress bars, the TUI into a progress widget, tests
into a list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class BuildEvent:
    kind: str  # "start" | "step" | "done" | "skip" | "error"
    stage: str  # "observations" | "results"
    task: str  # e.g. "kolada 2024" or "index 2024"
    total: int = 0
    info: dict[str, Any] = field(default_factory=dict)


Progress = Callable[[BuildEvent], None]


def ignore(_event: BuildEvent) -> None:
    """The default progress callback: report nothing."""
