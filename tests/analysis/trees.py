"""Small hand-made trees the analysis tests compute by hand."""

from __future__ import annotations

import numpy as np

from hti_tui.engine.model import IndicatorParams
from hti_tui.engine.tree import NodeDef, Tree


def small() -> tuple[Tree, IndicatorParams]:
    """idx → A (a1, a2) and B (b1), equal weights, goalposts 0–100."""
    t = Tree.build([NodeDef("idx", None), NodeDef("A", "idx", 1), NodeDef("B", "idx", 1),
                    NodeDef("a1", "A", is_indicator=True), NodeDef("a2", "A", is_indicator=True),
                    NodeDef("b1", "B", is_indicator=True)], "idx")
    return t, IndicatorParams(np.tile([0.0, 100.0], (3, 1)), np.full(3, np.nan),
                              np.tile([0.0, 100.0], (3, 1)))
