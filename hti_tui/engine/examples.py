"""Random inputs shaped like HTI, for tests and benchmarks (never for published results).

The shape is the open model's: four delindex weighted 1, 1, 2, 1 under the index, 18
kvalitetsområden (4 + 3 + 8 + 3 per delindex, hti.toml's area weights), and any number of
indicators spread evenly over the areas, a few of them lower-is-better. Values are
percent-like with goalposts (0, 100); a share of cells is left missing at random.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hti_tui.engine.model import IndicatorParams
from hti_tui.engine.tree import NodeDef, Tree

DELINDEX = (("information", 1.0, (1.0, 1.0, 1.0)),
            ("bistand", 1.0, (1.0, 1.0, 1.25, 1.0)),
            ("utforande", 2.0, (1.0, 1.5, 1.5, 1.5, 1.0, 1.0, 0.75, 0.75)),
            ("stod", 1.0, (1.0, 1.0, 1.0)))


def hti_like_tree(n_indicators: int = 49) -> Tree:
    """A tree in HTI's shape with ``n_indicators`` (≥ 18) indicators, every 7th lower-better."""
    nodes = [NodeDef("index", None, 1.0, "Index")]
    areas: list[str] = []
    for d, w, area_weights in DELINDEX:
        nodes.append(NodeDef(d, "index", w, d))
        for k, aw in enumerate(area_weights):
            areas.append(f"{d}_{k + 1}")
            nodes.append(NodeDef(areas[-1], d, aw, areas[-1]))
    for i in range(n_indicators):
        nodes.append(NodeDef(f"ind{i + 1:03d}", areas[i % len(areas)], 1.0, f"Indicator {i + 1}",
                             is_indicator=True, direction=-1 if i % 7 == 3 else 1))
    return Tree.build(nodes, "index")


def random_values(tree: Tree, units: int, seed: int = 0,
                  missing_share: float = 0.03) -> npt.NDArray[np.float64]:
    """Percent-like values (units × indicators) with a unit effect, some cells missing."""
    rng = np.random.default_rng(seed)
    quality = rng.normal(0.0, 1.0, (units, 1))
    level = rng.uniform(35.0, 80.0, (1, tree.n_indicators))
    x: npt.NDArray[np.float64] = np.clip(
        level + 8.0 * quality * tree.direction + rng.normal(0.0, 9.0, (units, tree.n_indicators)),
        0.0, 100.0)
    x[rng.random(x.shape) < missing_share] = np.nan
    return x


def percent_params(tree: Tree) -> IndicatorParams:
    """Goalposts (0, 100), bounds (0, 100) and a target of 90 (10 for lower-is-better)."""
    n = tree.n_indicators
    return IndicatorParams(goalposts=np.tile([0.0, 100.0], (n, 1)),
                           targets=np.where(tree.direction > 0, 90.0, 10.0),
                           bounds=np.tile([0.0, 100.0], (n, 1)))
