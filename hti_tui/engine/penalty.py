"""Penalties: the score a missing value gets when the model penalises it instead of
re-weighting it (HTI: a kommun that does not answer a survey is penalised, not imputed).

Three penalties, chosen per source and status in hti.toml:

* ``zero`` — the lowest possible score (0): harsh; on goalposts that sit well below the
  observed range it costs far more than any real result would.
* ``worst`` — the score of the worst observed value of that indicator that year: no kommun
  gains by not reporting, and the cost is bounded by what real kommuner reach.
* ``p10`` — the 10th percentile of the observed scores: "as if among the weakest tenth".

Cells are coded 0 (not penalised), 1 zero, 2 worst, 3 p10, so one array carries a different
penalty per source and status; a boolean mask means "the method's default penalty".
"""

from __future__ import annotations

import warnings

import numpy as np

from hti_tui.engine.stats import nan_quantile
from hti_tui.errors import ModelError

PENALTIES = ("zero", "worst", "p10")
CODE = {name: k + 1 for k, name in enumerate(PENALTIES)}


def codes(penalise: np.ndarray, default: str) -> np.ndarray:
    """A penalty-code array (int8) from a boolean mask (→ ``default``) or codes as given."""
    p = np.asarray(penalise)
    if p.dtype == bool:
        if default not in CODE:
            raise ModelError(f"unknown penalty '{default}'", hint="choose one of: " +
                             ", ".join(PENALTIES))
        return np.where(p, CODE[default], 0).astype(np.int8)
    out = p.astype(np.int8)
    if ((out < 0) | (out > len(PENALTIES))).any():
        raise ModelError(f"penalty codes must lie in 0…{len(PENALTIES)}")
    return out


def apply(scores: np.ndarray, code: np.ndarray) -> np.ndarray:
    """The scores with every penalised missing cell set to its penalty score.

    ``worst`` and ``p10`` are taken per indicator over the observed scores; an indicator with
    no observed score falls back to 0.
    """
    observed = ~np.isnan(scores)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
        worst = np.nan_to_num(np.nanmin(scores, axis=0), nan=0.0) if scores.size else \
            np.zeros(scores.shape[1])
        p10 = np.nan_to_num(nan_quantile(scores, 0.1), nan=0.0) if scores.size \
            else np.zeros(scores.shape[1])  # np.nanpercentile(scores, 10, axis=0), bit for bit
    value = np.select([code == CODE["zero"], code == CODE["worst"], code == CODE["p10"]],
                      [np.zeros_like(scores), np.broadcast_to(worst, scores.shape),
                       np.broadcast_to(p10, scores.shape)], np.nan)
    return np.where(~observed & (code > 0), value, scores)


def from_names(names: np.ndarray) -> np.ndarray:
    """Penalty codes (int8) from an array of penalty names (None / "" = not penalised)."""
    out = np.zeros(np.shape(names), dtype=np.int8)
    for name, code in CODE.items():
        out[names == name] = code
    return out
