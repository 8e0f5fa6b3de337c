"""Every normalisation method against hand-computed values, direction-aware."""

from __future__ import annotations

import numpy as np
import pytest

from hti_tui.engine.model import IndicatorParams
from hti_tui.engine.normalise import normalise
from hti_tui.errors import ModelError

NAN = np.nan


def params(goal: list[tuple[float, float]], targets: list[float] | None = None) -> IndicatorParams:
    n = len(goal)
    return IndicatorParams(goalposts=np.array(goal, dtype=float),
                           targets=np.array(targets if targets else [NAN] * n, dtype=float),
                           bounds=np.tile([-np.inf, np.inf], (n, 1)))


def run(x: list[list[float]], method: str, direction: list[int],
        p: IndicatorParams | None = None) -> np.ndarray:
    arr = np.array(x, dtype=float)
    return normalise(arr, p or IndicatorParams.empty(arr.shape[1]), np.array(direction), method,
                     [f"i{k}" for k in range(arr.shape[1])])


def test_goalposts_hand_case() -> None:
    # goalposts (20, 70): 45 -> 50; 10 -> clipped to 0; 95 -> 100; lower-better 30 -> 80
    s = run([[45, 30], [10, 70], [95, NAN]], "goalposts", [1, -1], params([(20, 70), (20, 70)]))
    np.testing.assert_allclose(s, [[50, 80], [0, 0], [100, NAN]])


def test_goalposts_need_goalposts_naming_the_indicator() -> None:
    with pytest.raises(ModelError, match="i1"):
        run([[1, 2]], "goalposts", [1, 1], params([(0, 1), (NAN, NAN)]))
    with pytest.raises(ModelError, match="low < high"):
        run([[1, 2]], "goalposts", [1, 1], params([(0, 1), (5, 5)]))


def test_minmax_hand_case() -> None:
    s = run([[2, 2, 7], [4, 4, 7], [6, 6, 7], [10, 10, NAN]], "minmax", [1, -1, 1])
    np.testing.assert_allclose(s[:, 0], [0, 25, 50, 100])
    np.testing.assert_allclose(s[:, 1], [100, 75, 50, 0])
    np.testing.assert_allclose(s[:, 2], [50, 50, 50, NAN])  # constant indicator -> 50


def test_minmax_all_missing_column_stays_missing() -> None:
    s = run([[NAN, 1], [NAN, 2]], "minmax", [1, 1])
    assert np.isnan(s[:, 0]).all()


def test_zscore_hand_case() -> None:
    # mean 3, sample sd sqrt(2.5): z(5) = 2/1.58114 = 1.26491 -> 62.6491
    s = run([[1], [2], [3], [4], [5]], "zscore", [1])
    sd = np.sqrt(2.5)
    np.testing.assert_allclose(s[:, 0], 50 + 10 * (np.arange(1, 6) - 3) / sd)
    assert s[4, 0] == pytest.approx(62.649110640673516)
    s_low = run([[1], [2], [3], [4], [5]], "zscore", [-1])
    np.testing.assert_allclose(s_low[:, 0], 100 - s[:, 0])


def test_rank_percentile_ties_averaged() -> None:
    s = run([[10, 10], [20, 20], [20, 20], [30, 30], [NAN, NAN]], "rank", [1, -1])
    np.testing.assert_allclose(s[:, 0], [0, 50, 50, 100, NAN])
    np.testing.assert_allclose(s[:, 1], [100, 50, 50, 0, NAN])
    assert run([[7]], "rank", [1])[0, 0] == 50.0


def test_target_hand_case() -> None:
    p = params([(0, 100), (0, 100)], [80, 20])
    s = run([[40, 60], [90, 10], [-5, 120]], "target", [1, -1], p)
    # higher better: 100*min(1, (x-0)/(80-0)); lower better: 100*min(1, (100-x)/(100-20))
    np.testing.assert_allclose(s, [[50, 50], [100, 100], [0, 0]])


def test_target_needs_targets() -> None:
    with pytest.raises(ModelError, match="target"):
        run([[1]], "target", [1], params([(0, 10)]))
    with pytest.raises(ModelError, match="beyond"):
        run([[1]], "target", [1], params([(0, 10)], [0.0]))
