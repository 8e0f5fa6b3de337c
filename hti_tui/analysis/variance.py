"""Variance-based sensitivity indices (Saltelli et al. 2010), vectorised over units.

For a model ``Y = f(X_1 … X_k)`` with independent factor groups, the first-order index
``S_i = V[E(Y | X_i)] / V(Y)`` is the share of the output variance that factor ``i`` explains
alone; the total-effect index ``ST_i = E[V(Y | X_~i)] / V(Y)`` includes every interaction it
takes part in (``ST_i − S_i`` large: the factor matters through interactions). Estimated from
two independent sample matrices ``A``, ``B`` and, per factor, ``A_B^i`` (A with factor ``i``'s
columns taken from B), ``N·(k + 2)`` model runs in all:

    S_i  ≈ mean(f(B) · (f(A_B^i) − f(A))) / V          (Saltelli 2010, eq. b)
    ST_i ≈ mean((f(A) − f(A_B^i))²) / (2·V)            (Jansen 1999)

with ``V`` the variance of ``f(A)`` and ``f(B)`` pooled. The output here is each unit's rank,
so every estimate is a vector over units (one array operation for all of them).
"""

from __future__ import annotations

import numpy as np


def indices(f_a: np.ndarray, f_b: np.ndarray, f_ab: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(first order (k, U), total effect (k, U), variance (U,)) from ``f_a``, ``f_b`` (N, U)
    and ``f_ab`` (k, N, U). Units whose output does not vary get NaN."""
    fa, fb, fab = (np.asarray(a, dtype=float) for a in (f_a, f_b, f_ab))
    v = np.concatenate([fa, fb]).var(axis=0, ddof=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        first = (fb[None] * (fab - fa[None])).mean(axis=1) / v[None]
        total = ((fa[None] - fab) ** 2).mean(axis=1) / (2.0 * v[None])
    ok = v > 0
    return (np.where(ok[None], first, np.nan), np.where(ok[None], total, np.nan), v)


def summary(first: np.ndarray, total: np.ndarray, weight: np.ndarray | None = None
            ) -> tuple[np.ndarray, np.ndarray]:
    """Per factor: the units' indices averaged, weighted by each unit's output variance
    (``weight``; a unit whose rank barely moves says little about which factor moves it)."""
    w = np.ones(first.shape[1]) if weight is None else np.asarray(weight, dtype=float)
    ok = ~np.isnan(first).any(axis=0) & ~np.isnan(total).any(axis=0) & (w > 0)
    if not ok.any():
        return np.full(first.shape[0], np.nan), np.full(first.shape[0], np.nan)
    ww = w[ok] / w[ok].sum()
    return first[:, ok] @ ww, total[:, ok] @ ww
