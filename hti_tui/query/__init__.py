"""The query layer: every question the CLI, the TUI and the reports ask of the results.

Each question is one typed value or function returning frozen rows whose ``as_dict()`` is
the command's JSON. Presentation code asks here and renders; it never computes, and it
imports nothing from the engine, the analyses, the data readers or the pipeline (the
import-linter contracts in pyproject.toml hold it to that). The few lower-level names a
screen needs — the accent-folding match key, the cell parser a what-if form checks a
typed value with, the build's typed progress events — are re-exported here.
"""

from hti_tui.data.registry import fold
from hti_tui.data.tokens import Cell, parse_cell
from hti_tui.pipeline.events import (
    BuildEvent,
    BuildStopped,
    Progress,
    SourceFinished,
    SourceStarted,
    StageStarted,
    YearFinished,
    YearStarted,
)
from hti_tui.query.ranking import SORT_KEYS, RankQuery, matches

__all__ = ["SORT_KEYS", "BuildEvent", "BuildStopped", "Cell", "Progress", "RankQuery",
           "SourceFinished", "SourceStarted", "StageStarted", "YearFinished", "YearStarted",
           "fold", "matches", "parse_cell"]
