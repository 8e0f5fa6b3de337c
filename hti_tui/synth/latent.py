"""The hidden model behind the synthetic data: a quality that persists and correlates.

Each kommun gets a latent overall quality that drifts slowly from year to year
(AR(1), ρ = 0.85) and, for each delindex, a factor that loads on it, so indicators of
one area correlate, areas correlate with each other, and a good kommun stays fairly
good. The scale is arbitrary (standard normal); the writers turn factors into shares,
days and counts. Nothing here imitates a published result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RHO_QUALITY = 0.85
RHO_FACTOR = 0.8
LOADING = 0.6
DELINDEX = ("information", "bistand", "utforande", "stod")


@dataclass(frozen=True)
class Latent:
    years: tuple[int, ...]
    quality: np.ndarray  # (Y, U)
    factor: dict[str, np.ndarray]  # delindex → (Y, U)
    size: np.ndarray  # (U,) persistent log-size of the kommun's hemtjänst (synthetic)

    def f(self, delindex: str, year: int) -> np.ndarray:
        return self.factor[delindex][self.years.index(year)]


def _ar1(rng: np.random.Generator, n_years: int, n_units: int, rho: float) -> np.ndarray:
    out = np.empty((n_years, n_units))
    out[0] = rng.standard_normal(n_units)
    for y in range(1, n_years):
        out[y] = rho * out[y - 1] + np.sqrt(1 - rho**2) * rng.standard_normal(n_units)
    return out


def draw(rng: np.random.Generator, years: tuple[int, ...], n_units: int) -> Latent:
    """One draw of the latent model for ``years`` (sorted) and ``n_units`` kommuner."""
    quality = _ar1(rng, len(years), n_units, RHO_QUALITY)
    factor = {d: LOADING * quality + np.sqrt(1 - LOADING**2) *
              _ar1(rng, len(years), n_units, RHO_FACTOR) for d in DELINDEX}
    size = rng.normal(0.0, 1.0, n_units)
    return Latent(years, quality, factor, size)


def logistic(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def logit(p: float) -> float:
    return float(np.log(p / (1 - p)))
