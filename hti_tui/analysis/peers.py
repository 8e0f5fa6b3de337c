"""Peers (jämförbara kommuner): the units a unit should be compared with.

Structural peers come first, because they are public and not derived from the results: RKA's
"Liknande kommuner äldreomsorg" (Kolada's municipality groups: the kommuner most alike in the
structural factors behind the need and cost of äldreomsorg), SKR's kommungrupp, HTI's size
bands. ``choose`` tries the configured methods in order and takes the first that leaves at
least ``min_peers`` eligible peers; eligible means ranked (an unranked unit is never a peer)
and not the unit itself. Only when no structural method gives peers does it fall back to the
results profile — labelled "liknande resultatprofil", because peers chosen by results are
circular (they share the unit's weaknesses, so the gap cannot show).

The results profile is the nearest ``k`` units by Euclidean distance on a profile (the
kvalitetsområde scores), NaN-aware: squared differences over the columns both units have,
scaled up to all columns (``sqrt(K / shared · Σ shared)``, as scikit-learn's
``nan_euclidean_distances``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


STRUCTURAL = ("liknande", "kommungrupp", "storleksklass", "group")

_METHOD_TEXT = {
    "liknande": ("RKA:s Liknande kommuner äldreomsorg ({source}): {n} rankade kommuner",
                 "RKA's Liknande kommuner äldreomsorg ({source}): {n} ranked kommuner"),
    "kommungrupp": ("samma SKR-kommungrupp {g}: {n} rankade kommuner",
                    "same SKR kommungrupp {g}: {n} ranked kommuner"),
    "group": ("samma grupp '{g}' i enhetsregistret: {n} rankade",
              "same group '{g}' in the unit registry: {n} ranked"),
    "storleksklass": ("samma storleksklass ({g} invånare): {n} rankade kommuner",
                      "same size band ({g} inhabitants): {n} ranked kommuner"),
    "profile": ("liknande resultatprofil: de {n} närmaste på {k} kvalitetsområden "
                "(euklidiskt avstånd) — valda efter resultat, inte struktur",
                "liknande resultatprofil (similar results profile): the {n} nearest on {k} "
                "quality areas (Euclidean distance) — chosen by results, not structure"),
    "skipped": ("{method} gav inga jämförbara ({why}); ", "{method} gave no peers ({why}); "),
}
_NAMES = {"liknande": ("Liknande kommuner äldreomsorg", "Liknande kommuner äldreomsorg"),
          "kommungrupp": ("SKR-kommungrupp", "SKR kommungrupp"),
          "storleksklass": ("storleksklass", "size band")}


@dataclass(frozen=True)
class Candidates:
    """One structural method's candidates for the unit: ``units`` (before the eligibility
    filter), ``label`` (the group's name or the source) or ``why`` it has none."""

    method: str
    units: np.ndarray
    label: str = ""
    why: str = ""


@dataclass(frozen=True)
class PeerSet:
    """The chosen peers: ``units`` (ranked, never the unit), the ``method`` that gave them,
    ``text`` naming the method in words, ``structural`` (False only for the profile)."""

    units: np.ndarray
    method: str
    text: str
    structural: bool


def same_group(groups: Sequence[object], unit: int) -> Candidates:
    """The units with the unit's value of a structural column (kommungrupp, size band)."""
    g = np.asarray(groups, dtype=object)
    if not _known(g[unit]):
        return Candidates("", np.empty(0, np.int64), why="no group")
    members = np.flatnonzero(g == g[unit])
    return Candidates("", members[members != unit], label=str(g[unit]))


def listed(lists: Mapping[int, Sequence[int]], unit: int, source: str) -> Candidates:
    """The unit's published peer list (RKA's Liknande kommuner äldreomsorg)."""
    if unit not in lists:
        return Candidates("liknande", np.empty(0, np.int64), why="not in the list")
    return Candidates("liknande", np.asarray(list(lists[unit]), dtype=np.int64), label=source)


def choose(unit: int, candidates: Sequence[Candidates], eligible: np.ndarray,
           profile: np.ndarray, k: int = 10, min_peers: int = 2,
           language: str = "en") -> PeerSet:
    """The first method in ``candidates`` that leaves ``min_peers`` eligible peers, else the
    results profile (the ``k`` nearest eligible units on ``profile``). Structural peers come
    in unit order, profile peers nearest first."""
    lang = 0 if language == "sv" else 1
    ok = np.asarray(eligible, dtype=bool).copy()
    if not 0 <= unit < ok.size:
        raise UsageError(f"unit {unit} does not exist (there are {ok.size} units)")
    ok[unit] = False
    prefix = ""
    for c in candidates:
        units = np.unique(c.units[(c.units >= 0) & (c.units < ok.size)])
        units = units[ok[units]]
        if c.why == "" and units.size >= min_peers:
            text = _METHOD_TEXT[c.method][lang].format(source=c.label, g=c.label, n=units.size)
            return PeerSet(units, c.method, prefix + text, True)
        why = c.why or (f"{units.size} ranked" if lang else f"{units.size} rankade")
        name = _NAMES.get(c.method, (c.method, c.method))[lang]
        prefix += _METHOD_TEXT["skipped"][lang].format(method=name, why=why)
    p = np.asarray(profile, dtype=float)
    d = distances(p, unit)
    d[~ok] = np.inf
    cand = np.flatnonzero(np.isfinite(d))
    nearest = cand[np.argsort(d[cand], kind="stable")][:k]
    text = _METHOD_TEXT["profile"][lang].format(n=nearest.size, k=p.shape[1])
    return PeerSet(nearest, "profile", prefix + text, False)


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
        raise UsageError("no peers to compare with", sv="inga jämförbara att jämföra med")
    med = column_medians(computed.normalised[peers])
    raw_med = column_medians(computed.raw[peers])
    n = (~np.isnan(computed.normalised[peers])).sum(axis=0)
    s = computed.normalised[unit]
    return [PeerGap(i, computed.tree.indicator_ids[i], float(s[i]), float(med[i]),
                    float(s[i] - med[i]), float(computed.raw[unit, i]), float(raw_med[i]),
                    int(n[i])) for i in range(computed.tree.n_indicators)]
