"""The analyses' sections of hti.toml: ``[peers]`` (which kommuner are comparable).

Kept apart from ``config.py`` so the analyses can grow their options without touching the
model's parser; the reader is ``config._Reader`` (duck-typed here: get, get_list, error,
finish).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: Peer methods, most defensible first. "profile" is the results-profile fallback.
PEER_METHODS = ("liknande", "kommungrupp", "storleksklass", "profile")


@dataclass(frozen=True)
class PeersConfig:
    """``method`` is tried first, then ``fallback`` in order, until one gives at least
    ``min_peers`` ranked peers; "profile" (the ``k`` nearest on the kvalitetsområde scores,
    labelled "liknande resultatprofil") is the last resort. ``liknande_file``: RKA's
    "Liknande kommuner äldreomsorg" as one CSV per year (``{year}`` is replaced; relative to
    the project), columns ``kommun_kod`` and ``liknande_kommun_kod``."""

    method: str = "liknande"
    fallback: tuple[str, ...] = ("kommungrupp", "storleksklass")
    liknande_file: str = "datasets/reference/liknande_kommuner_aldreomsorg_{year}.csv"
    group_column: str = "kommungrupp"
    size_column: str = "storleksklass"
    k: int = 10
    min_peers: int = 2


def parse_peers(s: Any) -> PeersConfig:
    d = PeersConfig()
    cfg = PeersConfig(
        method=s.get("method", str, d.method, choices=PEER_METHODS),
        fallback=s.get_list("fallback", str, d.fallback, choices=PEER_METHODS),
        liknande_file=s.get("liknande_file", str, d.liknande_file),
        group_column=s.get("group_column", str, d.group_column),
        size_column=s.get("size_column", str, d.size_column),
        k=s.get("k", int, d.k), min_peers=s.get("min_peers", int, d.min_peers))
    if cfg.k < 1:
        raise s.error("k", "needs at least one peer", sv="behöver minst en jämförbar kommun")
    if cfg.min_peers < 1:
        raise s.error("min_peers", "must be at least 1", sv="måste vara minst 1")
    s.finish()
    return cfg
