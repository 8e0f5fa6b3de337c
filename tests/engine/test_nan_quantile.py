"""engine.stats.nan_quantile is numpy's nanquantile (method "linear") bit for bit.

The engine's p10 penalty and the priorities' targets use it instead of
``np.nanquantile(x, q, axis=0)``, which loops over columns whenever a NaN is present; the
results must not move by one ulp (the engine is compared with COINr to 1e-12)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from hti_tui.engine.stats import nan_quantile


@pytest.mark.parametrize("seed", range(4))
def test_equals_numpy_bit_for_bit(seed: int) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(300):
        rows, cols = int(rng.integers(0, 30)), int(rng.integers(1, 7))
        x = rng.normal(size=(rows, cols)) * 10.0 ** rng.integers(-3, 4)
        if rng.random() < 0.5:  # ties, as in survey shares and ja/nej items
            x = np.round(x, int(rng.integers(0, 2)))
        x[rng.random((rows, cols)) < rng.random()] = np.nan
        for q in (0.0, 0.1, 0.25, 0.5, 0.75, 1.0, float(rng.random())):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
                want = np.nanquantile(x, q, axis=0) if rows else np.full(cols, np.nan)
            assert np.array_equal(nan_quantile(x, q), want, equal_nan=True), (q, x)


def test_a_column_without_values_is_nan() -> None:
    x = np.array([[np.nan, 1.0], [np.nan, 3.0]])
    assert np.isnan(nan_quantile(x, 0.5)[0]) and nan_quantile(x, 0.5)[1] == 2.0
    assert nan_quantile(np.empty((0, 3)), 0.5).shape == (3,)
