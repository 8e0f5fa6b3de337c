"""The query layer: every question the CLI, the TUI and the reports ask of the results.

Each question is one typed value or function returning frozen rows whose ``as_dict()`` is
the command's JSON. Presentation code asks here and renders; it never computes.
(Being moved here from ``hti_tui.facade`` step by step; see docs/ARCHITECTURE.md.)
"""

from hti_tui.query.ranking import SORT_KEYS, RankQuery

__all__ = ["SORT_KEYS", "RankQuery"]
