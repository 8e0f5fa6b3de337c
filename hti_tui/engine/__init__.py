"""The numerical core: a pure, vectorised composite-index engine for any hierarchical index.

Nothing here reads files, prints or knows about hti.toml; it takes arrays and small
dataclasses (``Tree``, ``IndicatorParams``, ``Methods``) and returns a ``Computed``.
"""

from hti_tui.engine.compute import compute
from hti_tui.engine.computed import Computed
from hti_tui.engine.model import GroupRule, IndicatorParams, Methods
from hti_tui.engine.tree import NodeDef, Tree

__all__ = ["Computed", "GroupRule", "IndicatorParams", "Methods", "NodeDef", "Tree", "compute"]
