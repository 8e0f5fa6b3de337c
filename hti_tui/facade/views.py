"""Moved to :mod:`hti_tui.query.rows` (kept so code in flight still imports)."""

from hti_tui.query.rows import *  # noqa: F403
from hti_tui.query.rows import __all__  # noqa: F401
