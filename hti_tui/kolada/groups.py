"""RKA's "Liknande kommuner äldreomsorg" peer groups, from Kolada's municipality groups.

Kolada publishes, for every kommun and year, a group titled
``Liknande kommuner äldreomsorg, <kommun>, <year>``: the kommuner RKA finds most
alike in the structural factors that drive the cost and need of äldreomsorg. The
groups are read from ``/v3/municipality_groups`` at fetch time and written as
project data, one row per (kommun, peer), in the format ``docs/KOLADA.md``
describes, for ``hti peers`` to read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from hti_tui.errors import DataError

TITLE = re.compile(r"^\s*Liknande kommuner äldreomsorg,\s*(?P<name>.+?),\s*(?P<year>\d{4})\s*$")
COLUMNS = ("kommun_kod", "kommun_namn", "kolada_grupp_id", "grupp_titel",
           "liknande_kommun_kod", "liknande_kommun_namn")


def file_name(year: int) -> str:
    return f"liknande_kommuner_aldreomsorg_{year}.csv"


def peer_rows(groups: Iterable[Any], year: int, find: Any) -> list[tuple[str, ...]]:
    """Rows of COLUMNS for ``year``; ``find(name)`` gives the kommun codes of a name.

    A group whose kommun cannot be named by one code is an error naming the group,
    not a silently lost kommun.
    """
    rows: list[tuple[str, ...]] = []
    seen: dict[str, str] = {}
    for group in groups:
        if not isinstance(group, Mapping):
            continue
        m = TITLE.match(str(group.get("title", "")))
        if not m or int(m["year"]) != year:
            continue
        gid, title = str(group.get("id", "")), str(group["title"]).strip()
        codes = find(m["name"])
        if len(codes) != 1:
            raise DataError(f"group {gid} '{title}': the kommun '{m['name']}' is "
                            f"{'ambiguous' if codes else 'not in the unit registry'}",
                            file="/v3/municipality_groups",
                            sv=f"grupp {gid} '{title}': kommunen '{m['name']}' är "
                               f"{'tvetydig' if codes else 'inte med i enhetsregistret'}")
        code = codes[0]
        if code in seen:
            raise DataError(f"two groups for kommun {code} in {year}: {seen[code]} and {gid}",
                            file="/v3/municipality_groups",
                            sv=f"två grupper för kommun {code} {year}: {seen[code]} och {gid}")
        seen[code] = gid
        members = group.get("members")
        if not isinstance(members, list):
            raise DataError(f"group {gid} has no members list", file="/v3/municipality_groups",
                            sv=f"grupp {gid} saknar medlemslista")
        for member in members:
            peer = str(member.get("id", "")) if isinstance(member, Mapping) else ""
            if peer and peer != code:
                rows.append((code, m["name"].strip(), gid, title, peer,
                             str(member.get("title", ""))))
    rows.sort(key=lambda r: (r[0], r[4]))
    return rows


def to_csv(rows: list[tuple[str, ...]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def write_peer_groups(groups: Iterable[Any], year: int, config: Any) -> tuple[Path, int]:
    """Write the year's peer groups where ``[peers] liknande_file`` says (by default
    next to the unit registry); returns (path, kommuner)."""
    from hti_tui.data.registry import load_registry
    from hti_tui.kolada.store import atomic_write

    reg = load_registry(config.units.registry, config.units.columns, config.units.code_changes)
    exact: dict[str, list[str]] = {}
    for code, name in zip(reg.ids, reg.names):
        exact.setdefault(name, []).append(code)

    def find(name: str) -> list[str]:  # Håbo and Habo fold alike: the exact name first
        return exact.get(name.strip()) or reg.find(name)

    rows = peer_rows([g for g in groups if isinstance(g, Mapping) and "members" in g], year,
                     find)
    if not rows:
        raise DataError(f"Kolada's municipality groups hold no 'Liknande kommuner äldreomsorg' "
                        f"groups for {year}", file="/v3/municipality_groups",
                        hint="RKA publishes them some months into the year; try the year before",
                        sv=f"Koladas kommungrupper har inga grupper 'Liknande kommuner "
                           f"äldreomsorg' för {year}",
                        sv_hint="RKA publicerar dem några månader in på året; prova året före")
    peers = getattr(config, "peers", None)  # hti.toml [peers] liknande_file, where set
    template = getattr(peers, "liknande_file", "") or ""
    path = config.root / template.format(year=year) if template else \
        config.units.registry.parent / file_name(year)
    atomic_write(path, to_csv(rows))
    return path, len({r[0] for r in rows})


__all__ = ["COLUMNS", "file_name", "peer_rows", "to_csv", "write_peer_groups"]
