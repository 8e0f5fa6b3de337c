"""Peers: the units a unit should be compared with.

A known structural group (HTI: SKR's kommungrupp) is the most defensible peer set, because it
is public and not derived from the results. Where the unit has no group, the nearest ``k``
units by Euclidean distance on a profile (e.g. the kvalitetsområde scores) are used, with
NaN-aware distances: squared differences over the columns both units have, scaled up to all
columns (``sqrt(K / shared · Σ shared)``, as scikit-learn's ``nan_euclidean_distances``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hti_tui.analysis.contributions import column_medians
from hti_tui.engine.computed import Computed
from hti_tui.errors import UsageError

_TEXT = {
    "group": ("samma grupp '{g}' ({n} {units})", "same group '{g}' ({n} {units})"),
    "nearest": ("de {n} närmaste enligt euklidiskt avstånd på {k} profilmått",
                "the {n} nearest by Euclidean distance on {k} profile measures"),
    "fallback": ("ingen annan i gruppen '{g}'; ", "no other unit in group '{g}'; "),
}


def distances(profile: np.ndarray, unit: int) -> np.ndarray:
    """(U,) NaN-aware Euclidean distance of every unit to ``unit`` (inf if nothing shared)."""
    p = np.asarray(profile, dtype=float)
    shared = ~np.isnan(p) & ~np.isnan(p[unit])[None, :]
    sq = np.where(shared, (p - p[unit][None, :]) ** 2, 0.0).sum(axis=1)
    n = shared.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.sqrt(sq * p.shape[1] / n)
    return np.where(n > 0, d, np.inf)


def _known(g: object) -> bool:
    return g is not None and not (isinstance(g, float) and np.isnan(g)) and str(g) != ""


def find(profile: np.ndarray, unit: int, groups: np.ndarray | None = None, k: int = 10,
         language: str = "en") -> tuple[np.ndarray, str]:
    """(peer indices, text naming the method). Same group when the unit's group is known
    (all members, nearest first), else the nearest ``k``. The unit itself is never a peer."""
    p = np.asarray(profile, dtype=float)
    if p.ndim != 2:
        raise UsageError("the peer profile must be a units × measures matrix")
    if not 0 <= unit < p.shape[0]:
        raise UsageError(f"unit {unit} does not exist (there are {p.shape[0]} units)")
    lang = 0 if language == "sv" else 1
    units_word = ("enheter", "units")[lang]
    d = distances(p, unit)
    d[unit] = np.inf
    prefix = ""
    if groups is not None and _known(groups[unit]):
        g = groups[unit]
        same = np.asarray(groups, dtype=object) == g
        same[unit] = False
        members = np.flatnonzero(same)
        if members.size:
            members = members[np.argsort(d[members], kind="stable")]
            return members, _TEXT["group"][lang].format(g=g, n=members.size, units=units_word)
        prefix = _TEXT["fallback"][lang].format(g=g)
    candidates = np.flatnonzero(np.isfinite(d))
    nearest = candidates[np.argsort(d[candidates], kind="stable")][:k]
    return nearest, prefix + _TEXT["nearest"][lang].format(n=nearest.size, k=p.shape[1])


@dataclass(frozen=True)
class PeerGap:
    """One indicator: the unit's score against its peers' median (``gap`` > 0: unit better)."""

    indicator: int
    indicator_id: str
    unit_score: float
    peer_median: float
    gap: float
    unit_raw: float
    peer_raw_median: float
    n_peers: int


def where_better(computed: Computed, unit: int, peers: np.ndarray) -> list[PeerGap]:
    """Per indicator (tree order): the unit's normalised score and raw value against the
    median of its peers (peers without a value are left out)."""
    peers = np.asarray(peers, dtype=np.int64).reshape(-1)
    if not 0 <= unit < computed.n_units:
        raise UsageError(f"unit {unit} does not exist (there are {computed.n_units} units)")
    peers = peers[peers != unit]
    if peers.size == 0:
        raise UsageError("no peers to compare with")
    med = column_medians(computed.normalised[peers])
    raw_med = column_medians(computed.raw[peers])
    n = (~np.isnan(computed.normalised[peers])).sum(axis=0)
    s = computed.normalised[unit]
    return [PeerGap(i, computed.tree.indicator_ids[i], float(s[i]), float(med[i]),
                    float(s[i] - med[i]), float(computed.raw[unit, i]), float(raw_med[i]),
                    int(n[i])) for i in range(computed.tree.n_indicators)]
