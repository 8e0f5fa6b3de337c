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

if TYPE_CHECKING:
    from hti_tui.facade.views import RankRow

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
                             hint="choose one of: " + ", ".join([*SORT_KEYS, *delindex_ids]))

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
                raise UsageError(f"no {unit_label} in län '{self.lan}'")
        if self.kommungrupp:
            known = sorted({r.kommungrupp for r in rows if r.kommungrupp})
            if not known:
                raise UsageError("no kommungrupp to filter on: the registry's kommungrupp "
                                 "column is empty",
                                 hint="fill the registry's kommungrupp column (SKR's grouping)")
            pick = _choose(self.kommungrupp, known)
            if not any(pick(k) for k in known):
                raise UsageError(f"no {unit_label} in kommungrupp '{self.kommungrupp}'",
                                 hint="choose one of: " + ", ".join(known))
            out = [r for r in out if pick(r.kommungrupp)]
        if self.group:
            labels = list(group_labels) or [
                r.resultatgrupp for r in sorted(rows, key=lambda r: -r.group) if r.resultatgrupp]
            pick = _choose(self.group, labels)
            if labels and not any(pick(g) for g in labels):
                raise UsageError(f"no result group '{self.group}'",
                                 hint="choose one of: " + ", ".join(dict.fromkeys(labels)))
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
