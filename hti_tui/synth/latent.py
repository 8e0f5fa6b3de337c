"""The hidden model behind the synthetic data: a quality that persists and correlates.

Each kommun gets a latent overall quality that drifts slowly from year to year
(AR(1), ρ = 0.85) and, for each delindex, a factor that loads on it, so indicators of
one area correlate, areas correlate with each other, and a good kommun stays fairly
good. The factors have standard deviation ``SPREAD`` (< 1): calibrated so the index spreads
about as much as the published one does (about 55–84, SD ≈ 4–5), never to imitate any
kommun's result. Quality is drawn by position with the seed alone — blind to names, codes,
population and kommungrupp.

Survey respondents are the one thing tied to a real fact: they grow with the kommun's real
population aged 80+ (``datasets/reference``), since who answers the survey are the kommun's
hemtjänst users. ``USERS_PER_80`` users per inhabitant 80+ (persistent ±15 % per kommun)
times a response rate of 45–55 % a year gives thousands in Stockholm and fewer than 30
(suppressed) only in the smallest kommuner.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

RHO_QUALITY = 0.85
RHO_FACTOR = 0.8
LOADING = 0.6
SPREAD = 0.32
LEVEL = 0.5  # the factors' mean: the level of the index (published values sit near 70)
USERS_PER_80 = 0.24
DELINDEX = ("information", "bistand", "utforande", "stod")


@dataclass(frozen=True)
class Latent:
    years: tuple[int, ...]
    quality: np.ndarray  # (Y, U)
    factor: dict[str, np.ndarray]  # delindex → (Y, U)
    size: np.ndarray  # (U,) persistent log-size of the kommun's hemtjänst, standardised
    respondents: np.ndarray  # (Y, U) survey respondents per year (int)

    def f(self, delindex: str, year: int) -> np.ndarray:
        factor: np.ndarray = self.factor[delindex][self.years.index(year)]
        return factor

    def n(self, year: int) -> np.ndarray:
        """Survey respondents in ``year``: the survey and Kolada's U21468 use the same."""
        respondents: np.ndarray = self.respondents[self.years.index(year)]
        return respondents


def _ar1(rng: np.random.Generator, n_years: int, n_units: int, rho: float) -> np.ndarray:
    out = np.empty((n_years, n_units))
    out[0] = rng.standard_normal(n_units)
    for y in range(1, n_years):
        out[y] = rho * out[y - 1] + np.sqrt(1 - rho**2) * rng.standard_normal(n_units)
    return out


def draw(rng: np.random.Generator, years: tuple[int, ...], n_units: int,
         population_80: np.ndarray | None = None) -> Latent:
    """One draw of the latent model for ``years`` (sorted) and ``n_units`` kommuner.

    ``population_80`` (U,) the real population aged 80+; without it (a registry that lacks
    the column) sizes are drawn, as synthetic as everything else.
    """
    quality = SPREAD * _ar1(rng, len(years), n_units, RHO_QUALITY)
    factor = {d: LEVEL + LOADING * quality + SPREAD * np.sqrt(1 - LOADING**2) *
              _ar1(rng, len(years), n_units, RHO_FACTOR) for d in DELINDEX}
    drawn = rng.normal(0.0, 1.0, n_units)
    users_noise = rng.normal(0.0, 0.15, n_units)
    rate = rng.uniform(0.45, 0.55, (len(years), n_units))
    pop = np.asarray(population_80, dtype=float) if population_80 is not None else None
    if pop is None or pop.shape != (n_units,) or not np.isfinite(pop).all() or (pop <= 0).any():
        pop = np.exp(np.log(800.0) + 0.95 * drawn)
    users = USERS_PER_80 * pop * np.exp(users_noise)
    respondents = np.maximum(4, np.round(users[None, :] * rate)).astype(np.int64)
    log_size = np.log(users)
    size = (log_size - log_size.mean()) / (log_size.std() or 1.0)
    return Latent(years, quality, factor, size, respondents)


def logistic(x: np.ndarray) -> npt.NDArray[np.float64]:
    p: npt.NDArray[np.float64] = 1.0 / (1.0 + np.exp(-x))
    return p


def logit(p: float) -> float:
    return float(np.log(p / (1 - p)))
