"""Peers, gaps against a reference and priorities for the presentation.

The peer set (``peer_info``) is chosen once per kommun and year and cached, so ``hti peers``,
``hti show --reference peers`` and ``hti priorities --target peers`` always use the same
kommuner. Methods and their order come from hti.toml ``[peers]`` (``analysis.peers``).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from hti_tui.analysis import gaps as gaps_mod
from hti_tui.analysis import peers as peers_mod
from hti_tui.analysis import priorities as priorities_mod
from hti_tui.errors import DataError, UsageError
from hti_tui.query.rows import PeersView, PriorityView
from hti_tui.query.rows import num as _num

if TYPE_CHECKING:
    from hti_tui.data.registry import UnitRegistry
    from hti_tui.query.context import Index

_CODE, _PEER = "kommun_kod", "liknande_kommun_kod"



def read_peer_lists(path: Path, shown: str, registry: UnitRegistry) -> dict[str, list[str]]:
    """kommun code → its listed peers, from a CSV with ``kommun_kod`` and
    ``liknande_kommun_kod`` (Kolada's "Liknande kommuner äldreomsorg", one row per pair).
    A missing column or an unknown code is a DataError naming file, row and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read the peer list: {exc}", file=shown,
                        sv=f"listan över jämförbara kan inte läsas: {exc}") from exc
    reader = csv.DictReader(text.splitlines())
    for col in (_CODE, _PEER):
        if col not in (reader.fieldnames or []):
            raise DataError(f"the peer list has no column '{col}'", file=shown, row=1,
                            column=col, hint=f"columns needed: {_CODE}, {_PEER}",
                            sv=f"listan över jämförbara saknar kolumnen '{col}'",
                            sv_hint=f"kolumner som behövs: {_CODE}, {_PEER}")
    out: dict[str, list[str]] = {}
    for row_no, row in enumerate(reader, start=2):
        ids = []
        for col in (_CODE, _PEER):
            unit, why = registry.resolve(row.get(col) or "")
            if unit is None:
                raise DataError(why or "unknown code", file=shown, row=row_no, column=col,
                                sv=registry.reason(row.get(col) or "", "sv"))
            ids.append(unit)
        out.setdefault(ids[0], []).append(ids[1])
    return out


def _ranked_mask(ix: Index, year: int) -> np.ndarray:
    c = ix.computed(year)
    r = getattr(c, "ranked", None)
    return np.asarray(r, dtype=bool) if r is not None else c.rank > 0

def _peer_candidates(ix: Index, year: int, u: int,
                     method: str) -> peers_mod.Candidates:
    data = ix.data(year)
    cfg = ix.config.peers
    sv = ix.language == "sv"
    order = [ix.registry.position(x) for x in data.unit_ids]
    if method == "liknande":
        rel = cfg.liknande_file.format(year=year)
        path = ix.config.root / rel
        if not path.is_file():
            return peers_mod.Candidates(method, np.empty(0, np.int64),
                                        why=("ingen fil " if sv else "no file ") + rel)
        lists = _liknande(ix, path, rel)
        at = {x: i for i, x in enumerate(data.unit_ids)}
        unit = data.unit_ids[u]
        if unit not in lists:
            return peers_mod.Candidates(method, np.empty(0, np.int64),
                                        why=f"{unit} {'saknas i' if sv else 'not in'} {rel}")
        idx = [at[p] for p in lists[unit] if p in at]
        return peers_mod.Candidates(method, np.asarray(idx, np.int64),
                                    label=f"Kolada, {Path(rel).name}")
    column = cfg.group_column if method == "kommungrupp" else cfg.size_column
    if method == "kommungrupp" and not ix.registry.has_column(column) and \
            ix.registry.has_column("group"):
        column = "group"  # the registry's structural group, whatever the file called it
    if not ix.registry.has_column(column):
        return peers_mod.Candidates(method, np.empty(0, np.int64),
                                    why=("ingen kolumn" if sv else "no registry column")
                                    + f" '{column}'")
    values = np.asarray(ix.registry.column(column), dtype=object)[order]
    c = peers_mod.same_group(values.tolist(), u)
    why = ("okänd grupp" if sv else "no group") if c.why else ""
    key = "group" if column == "group" else method  # not SKR's unless it is
    return peers_mod.Candidates(key, c.units, c.label, why)

def _liknande(ix: Index, path: Path, shown: str) -> dict[str, list[str]]:
    cache = ix.cache("liknande")
    if path not in cache:
        cache[path] = read_peer_lists(path, shown, ix.registry)
    lists: dict[str, list[str]] = cache[path]
    return lists

def peer_info(ix: Index, year: int, u: int) -> peers_mod.PeerSet:
    """The kommun's peers (cached per year): hti.toml [peers] methods in order, ranked
    kommuner only, the results profile ("liknande resultatprofil") as the last resort."""
    cache = ix.cache("peers")
    key = (year, u)
    if key not in cache:
        cfg = ix.config.peers
        methods = [m for m in dict.fromkeys((cfg.method, *cfg.fallback))
                   if m != "profile"]
        cands = [_peer_candidates(ix, year, u, m) for m in methods]
        data = ix.data(year)
        areas = [data.node(a) for a in ix.area_ids()]
        ps = peers_mod.choose(u, cands, _ranked_mask(ix, year), data.score[:, areas],
                              k=cfg.k, min_peers=cfg.min_peers, language=ix.language)
        order = np.argsort(np.where(data.index_rank[ps.units] > 0,
                                    data.index_rank[ps.units], 10**9), kind="stable")
        cache[key] = peers_mod.PeerSet(ps.units[order], ps.method, ps.text, ps.structural)
    chosen: peers_mod.PeerSet = cache[key]
    return chosen

def peer_set(ix: Index, year: int, u: int, k: int | None = None
             ) -> tuple[np.ndarray, str]:
    """(peer unit indices, the method in words); see ``peer_info``."""
    ps = peer_info(ix, year, u)
    return ps.units, ps.text

def reference_method(ix: Index, year: int, u: int, reference: str) -> str:
    """In words: which units a gap's reference is taken over, and which quantile."""
    sv = ix.language == "sv"
    units = ix.config.index.unit_label_plural
    if reference == "peers":
        return ("median av de jämförbara: " if sv else "median of the peers: ") + \
            peer_set(ix, year, u)[1]
    if reference == "quartile":
        return (f"bästa kvartilen (75:e percentilen) av alla {units} med värde; index: "
                f"rankade {units}" if sv else "the best quartile (75th percentile) of all "
                f"{units} with a value; index: ranked {units}")
    return (f"median av alla {units} med värde; index: rankade {units}" if sv
            else f"median of all {units} with a value; index: ranked {units}")

def node_gaps(ix: Index, year: int, u: int,
              reference: str = "median") -> tuple[gaps_mod.Gaps, str]:
    """Unit ``u``'s gap at every node against ``reference`` (median | peers | quartile),
    with its indicator parts (``analysis.gaps``; one row: ``u``), and the method."""
    if reference not in gaps_mod.REFERENCES:
        raise UsageError(f"unknown reference '{reference}'",
                         hint="choose " + ", ".join(gaps_mod.REFERENCES),
                         sv=f"okänd referens '{reference}'",
                         sv_hint="välj " + ", ".join(gaps_mod.REFERENCES))
    c = ix.computed(year)
    population = None
    if reference == "peers":
        idx, _ = peer_set(ix, year, u)
        population = np.zeros(c.n_units, dtype=bool)
        population[idx] = True
    g = gaps_mod.decompose(c.tree, c.scores, gaps_mod.REFERENCES[reference],
                           population=population, root_population=_ranked_mask(ix, year),
                           rows=np.array([u]))
    return g, reference_method(ix, year, u, reference)

def _steps(ix: Index, year: int, u: int, target: str
           ) -> list[priorities_mod.Step]:
    st = ix.state(year)
    m = ix.model
    units_of = [m.indicators[i].unit for i in m.tree.indicator_ids]
    peers = peer_set(ix, year, u)[0] if target == "peers" else None
    return priorities_mod.steps(m.tree, st.values, m.params, m.methods, u, target,
                                peers=peers, penalise=st.penalise, units_of=units_of,
                                imputed=st.imputed, base=st.computed)

def peers(ix: Index, query: str, year: int | None = None,
          k: int | None = None) -> PeersView:
    """The kommun's peers and, sorted by the index points reaching the peers' median
    would buy, the indicators where the peers' median score is higher (real gaps only)."""
    year = ix.default_year(year)
    unit = ix.resolve(query)
    data = ix.data(year)
    u = data.unit(unit)
    ps = peer_info(ix, year, u)
    idx = ps.units if k is None or ps.structural else ps.units[:k]
    peers = [{"kommun_kod": data.unit_ids[p],
              "kommun_namn": ix.registry.name(data.unit_ids[p]),
              "index": _num(data.index[p]), "rank": int(data.index_rank[p]) or None}
             for p in idx]
    gains = {s.indicator_id: s for s in _steps(ix, year, u, "peers")
             if s.basis in ("peers", "next_category", "category")}
    better: list[dict[str, Any]] = []
    for g in peers_mod.where_better(ix.computed(year), u, ps.units):
        peers_have = g.n_peers > 0 and g.peer_median == g.peer_median
        unit_lower = g.unit_score != g.unit_score or g.gap < -priorities_mod.EPS
        if not (peers_have and unit_lower):
            continue  # only real gaps: the peers' median score is higher
        step = gains.get(g.indicator_id)
        better.append({"indicator": g.indicator_id, "name": ix.node_name(g.indicator_id),
                       "score": _num(g.unit_score), "peer_median": _num(g.peer_median),
                       "gap": _num(g.gap), "raw": _num(g.unit_raw),
                       "peer_raw_median": _num(g.peer_raw_median), "n_peers": g.n_peers,
                       "points": step.points if step else 0.0,
                       "target": step.target if step else None})
    better.sort(key=lambda b: (-float(b["points"]), b["gap"] if b["gap"] is not None else 0.0))
    return PeersView(unit, ix.registry.name(unit), year, ps.text, peers, better,
                     data.synthetic, method_key=ps.method, structural=ps.structural)

def priorities(ix: Index, query: str, year: int | None = None,
               target: str = "median", k: int | None = None) -> PriorityView:
    """Attainable steps, most index points first (``analysis.priorities``)."""
    if target not in priorities_mod.TARGETS:
        raise UsageError(f"unknown target '{target}'",
                         hint="choose " + ", ".join(priorities_mod.TARGETS),
                         sv=f"okänt mål '{target}'",
                         sv_hint="välj " + ", ".join(priorities_mod.TARGETS))
    year = ix.default_year(year)
    unit = ix.resolve(query)
    st = ix.state(year)
    u = st.data.unit(unit)
    m = ix.model
    items = [{"indicator": p.indicator_id, "name": ix.node_name(p.indicator_id),
              "unit": m.indicators[p.indicator_id].unit, "current": _num(p.current),
              "target": _num(p.target), "basis": p.basis, "points": _num(p.points),
              "new_index": _num(p.new_index), "new_rank": int(p.new_rank) or None,
              "unblocks": p.unblocks,
              "changes": {m.tree.indicator_ids[i]: v for i, v in p.changes}}
             for p in _steps(ix, year, u, target)]
    method = reference_method(ix, year, u, target)
    blocked = bool(items and items[0]["unblocks"])
    return PriorityView(unit, ix.registry.name(unit), year, target, method, items,
                        st.data.synthetic, blocked=blocked,
                        ranked=bool(_ranked_mask(ix, year)[u]))
