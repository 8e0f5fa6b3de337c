"""The ranking question as one value: which year, which filters, which order.

``hti rank`` and the ranking screen both build a :class:`RankQuery` and apply it to the
same rows, so the command in the screen's status line (:meth:`RankQuery.argv`) prints
exactly the rows the screen shows, in the screen's order. Filters match the way a user
types: case- and accent-tolerant, a whole value or its beginning ("orebro" finds
"Örebro län"); a value that matches no kommun at all is an error, not an empty list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hti_tui.data.registry import fold
from hti_tui.errors import UsageError
from hti_tui.i18n import swedish_key
from hti_tui.query.flags import flags
from hti_tui.query.rows import RankRow, num, rank_or_none

if TYPE_CHECKING:
    from hti_tui.query.context import Index

#: the sort keys besides the delindex ids
SORT_KEYS = ("rank", "name", "lan", "index", "group", "change")

_MISSING = object()


def matches(value: str | None, wanted: str) -> bool:
    """Whether a filter value ``wanted`` selects ``value`` (folded: equal or a prefix)."""
    return value is not None and fold(value).startswith(fold(wanted))


def _choose(wanted: str, values: Iterable[str | None]) -> Callable[[str | None], bool]:
    """The predicate of one filter: the exact (folded) value when one is, else the prefix.

    An exact value never also selects a longer one that begins with it.
    """
    key = fold(wanted)
    if any(v is not None and fold(v) == key for v in values):
        return lambda v: v is not None and fold(v) == key
    return lambda v: matches(v, wanted)


@dataclass(frozen=True)
class RankQuery:
    """What to rank (the index or one delindex), which kommuner, in which order, how many.

    ``sort`` is "rank" (default), "name", "lan", "index", "group", "change" or a delindex
    id; numbers sort best first, names A–Ö; ``reverse`` turns that round. Kommuner without
    a value for the sort key always come last.
    """

    year: int | None = None
    delindex: str | None = None
    lan: str | None = None
    kommungrupp: str | None = None
    group: str | None = None
    search: str | None = None
    sort: str = "rank"
    reverse: bool = False
    top: int | None = None

    # -- the command that runs it -------------------------------------------------
    def argv(self) -> list[str]:
        """The ``hti rank`` arguments of this query (without --config)."""
        out = ["rank"]
        pairs: list[tuple[str, Any]] = [
            ("--year", self.year), ("--delindex", self.delindex), ("--lan", self.lan),
            ("--kommungrupp", self.kommungrupp), ("--group", self.group),
            ("--search", self.search)]
        if self.sort != "rank":
            pairs.append(("--sort", self.sort))
        for flag, value in pairs:
            if value is not None and value != "":
                out += [flag, str(value)]
        if self.reverse:
            out.append("--reverse")
        if self.top is not None:
            out += ["--top", str(self.top)]
        return out

    # -- applying it ----------------------------------------------------------------
    def check_sort(self, delindex_ids: Sequence[str]) -> None:
        if self.sort not in SORT_KEYS and self.sort not in delindex_ids:
            raise UsageError(f"cannot sort by '{self.sort}'",
                             hint="choose one of: " + ", ".join([*SORT_KEYS, *delindex_ids]),
                             sv=f"kan inte sortera efter '{self.sort}'",
                             sv_hint="välj ett av: " + ", ".join([*SORT_KEYS, *delindex_ids]))

    def select(self, rows: Sequence[RankRow], unit_label: str = "kommun",
               lan_codes: dict[str, str] | None = None,
               group_labels: Sequence[str] = ()) -> list[RankRow]:
        """The rows the filters keep (in the order given).

        ``lan_codes`` maps kommun code → län code, so ``lan`` may also be a län's code;
        ``group_labels`` are the model's result groups (best first). A filter that matches
        no row of ``rows`` at all (no label, for ``group``) is a UsageError naming the choices.
        """
        out = list(rows)
        if self.lan:
            codes = lan_codes or {}
            by_name = _choose(self.lan, (r.lan for r in rows))
            out = [r for r in out if by_name(r.lan) or codes.get(r.kommun_kod) == self.lan]
            if not out:
                raise UsageError(f"no {unit_label} in län '{self.lan}'",
                                 sv=f"ingen {unit_label} i län '{self.lan}'")
        if self.kommungrupp:
            known = sorted({r.kommungrupp for r in rows if r.kommungrupp})
            if not known:
                raise UsageError("no kommungrupp to filter on: the registry's kommungrupp "
                                 "column is empty",
                                 hint="fill the registry's kommungrupp column (SKR's grouping)",
                                 sv="ingen kommungrupp att filtrera på: registrets kolumn "
                                    "kommungrupp är tom",
                                 sv_hint="fyll i registrets kolumn kommungrupp (SKR:s "
                                         "indelning)")
            pick = _choose(self.kommungrupp, known)
            if not any(pick(k) for k in known):
                raise UsageError(f"no {unit_label} in kommungrupp '{self.kommungrupp}'",
                                 hint="choose one of: " + ", ".join(known),
                                 sv=f"ingen {unit_label} i kommungrupp '{self.kommungrupp}'",
                                 sv_hint="välj en av: " + ", ".join(known))
            out = [r for r in out if pick(r.kommungrupp)]
        if self.group:
            labels = list(group_labels) or [
                r.resultatgrupp for r in sorted(rows, key=lambda r: -r.group) if r.resultatgrupp]
            pick = _choose(self.group, labels)
            if labels and not any(pick(g) for g in labels):
                raise UsageError(f"no result group '{self.group}'",
                                 hint="choose one of: " + ", ".join(dict.fromkeys(labels)),
                                 sv=f"ingen resultatgrupp '{self.group}'",
                                 sv_hint="välj en av: " + ", ".join(dict.fromkeys(labels)))
            out = [r for r in out if pick(r.resultatgrupp)]
        if self.search:
            q = fold(self.search)
            out = [r for r in out if q in fold(r.kommun_namn) or r.kommun_kod.startswith(q)]
        return out

    def sort_value(self, row: RankRow) -> Any:
        """The key of ``row`` for ``sort`` (ascending = the default order), or _MISSING."""
        k = self.sort
        if k == "name":
            return swedish_key(row.kommun_namn)
        if k == "lan":
            return swedish_key(row.lan) if row.lan else _MISSING
        if k == "rank":
            return (row.rank, fold(row.kommun_namn)) if row.rank is not None else _MISSING
        if k == "group":
            return -row.group if row.group >= 0 else _MISSING
        value = {"index": row.index, "change": row.change}.get(k, row.delindex.get(k))
        return -value if value is not None else _MISSING  # higher is better: best first

    def order(self, rows: Iterable[RankRow]) -> list[RankRow]:
        """Sorted by ``sort`` (stable on rank, then name); missing values last."""
        base = sorted(rows, key=lambda r: (r.rank if r.rank is not None else 10**9,
                                           fold(r.kommun_namn)))
        if self.sort == "rank" and not self.reverse:
            return base
        present = [r for r in base if self.sort_value(r) is not _MISSING]
        missing = [r for r in base if self.sort_value(r) is _MISSING]
        return sorted(present, key=self.sort_value, reverse=self.reverse) + missing

    def apply(self, rows: Sequence[RankRow], unit_label: str = "kommun",
              lan_codes: dict[str, str] | None = None,
              group_labels: Sequence[str] = ()) -> list[RankRow]:
        """Filtered, ordered and cut to ``top``: what the command prints and the screen shows."""
        out = self.order(self.select(rows, unit_label, lan_codes, group_labels))
        return out[:self.top] if self.top else out


def rank(ix: Index, query: RankQuery) -> list[RankRow]:
    """The rows of ``query``: what ``hti rank`` prints and the ranking screen shows."""
    year = ix.default_year(query.year)
    delindex = query.delindex
    data = ix.data(year)
    dels = ix.delindex_ids()
    if delindex is not None and delindex not in dels:
        names = {fold(ix.node_name(d)): d for d in dels}
        if fold(delindex) in names:
            delindex = names[fold(delindex)]
        else:
            raise UsageError(f"no delindex '{delindex}'", hint="choose one of: " +
                             ", ".join(dels), sv=f"inget delindex '{delindex}'",
                             sv_hint="välj ett av: " + ", ".join(dels))
    query.check_sort(dels)
    order_node = data.node(delindex) if delindex else data.root
    prev = ix.previous_year(year)
    prev_data = ix.headline(prev) if prev is not None else None
    prev_pos = {u: i for i, u in enumerate(prev_data.unit_ids)} if prev_data else {}
    reg = ix.registry
    regions = reg.table.column("region").to_pylist()
    groups = reg.table.column("group").to_pylist()
    del_pos = [data.node(d) for d in dels]
    fl = flags(ix, year)
    rows: list[RankRow] = []
    for u, unit in enumerate(data.unit_ids):
        r = reg.position(unit)
        change = rank_change = None
        if prev_data is not None and unit in prev_pos:
            p = prev_pos[unit]
            change = num(data.index[u] - prev_data.index[p])
            if data.index_rank[u] > 0 and prev_data.index_rank[p] > 0:
                rank_change = int(prev_data.index_rank[p] - data.index_rank[u])
        rows.append(RankRow(
            rank=rank_or_none(data.rank[u, order_node]), kommun_kod=unit, kommun_namn=reg.names[r],
            lan=regions[r], kommungrupp=groups[r], index=num(data.index[u]),
            resultatgrupp=ix.group_label(int(data.group[u])), group=int(data.group[u]),
            delindex={d: num(data.score[u, k]) for d, k in zip(dels, del_pos)},
            delindex_rank={d: rank_or_none(data.rank[u, k]) for d, k in zip(dels, del_pos)},
            change=change, rank_change=rank_change,
            coverage=float(fl.coverage[u]), synthetic=data.synthetic,
            ranked=bool(fl.ranked[u]), unranked_reason=fl.reason[u],
            observed_share=float(fl.observed_share[u]), imputed=fl.imputed[u],
            reweighted=fl.reweighted[u], penalised=fl.penalised[u]))
    if query.kommungrupp and not any(groups):
        raise UsageError(f"no kommungrupp to filter on: the column is empty in {reg.file}",
                         hint="fill the registry's kommungrupp column (SKR's grouping)",
                         sv=f"ingen kommungrupp att filtrera på: kolumnen är tom i {reg.file}",
                         sv_hint="fyll i registrets kolumn kommungrupp (SKR:s indelning)")
    lan_codes = {u: str(c) for u, c in zip(reg.ids, reg.table.column("region_id").to_pylist())
                 if c is not None}
    return query.apply(rows, ix.config.index.unit_label, lan_codes, ix.group_labels())
