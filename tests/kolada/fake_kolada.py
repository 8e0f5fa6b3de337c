"""A whole Kolada for the tests and the fetch benchmark: v3-shaped answers for every kommun.

Values follow one known quality per kommun (``q`` rises with the kommun's place in
the registry), so a test can tell the ranking the index must give. Answers are split
into pages of ``per_page`` values linked by ``next_url`` as Kolada does.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tests.kolada.server import KoladaServer, Reply, page, row

#: KPIs whose good direction is lower
LOWER = {"U21401"}
#: cost KPIs (kr) and their level at q = 0.5
COST = {"N21006": 300_000.0, "N21024": 40_000.0}


def kommuner(registry: Path) -> list[tuple[str, str]]:
    with registry.open(encoding="utf-8") as f:
        return [(r["kommun_kod"], r["kommun_namn"]) for r in csv.DictReader(f)]


def quality(i: int, n: int) -> float:
    return i / (n - 1)


def value(kpi: str, q: float, year: int) -> float:
    if kpi in COST:  # kr: no quality in it, and not a ranking criterion (context)
        return round(COST[kpi] * (1.5 - q), 0)
    if kpi in LOWER:
        return round(24.0 - 15.0 * q, 1)
    return round(55.0 + 40.0 * q + (year - 2023) * 0.5, 1)


def serve_data(server: KoladaServer, kinds: str, kpis: list[str], year: int,
               codes: list[str], per_page: int = 500, suppressed: str | None = None,
               fail_first: bool = False, chunk: int = 10) -> int:
    """Serve ``/v3/{kinds}/kpi/{chunk}/year/{year}`` for every chunk; returns pages."""
    pages = 0
    key = "municipality" if kinds == "data" else "ou"
    for start in range(0, len(kpis), chunk):
        ids = kpis[start:start + chunk]
        rows = [row(k, c, year, None if (c == suppressed and k == "U21468") else
                    value(k, quality(i, len(codes)), year), key=key)
                for k in ids for i, c in enumerate(codes)]
        if kinds == "data":
            rows += [row(k, "0000", year, 80.0) for k in ids]  # riket: skipped by the adapter
        path = f"/v3/{kinds}/kpi/{','.join(ids)}/year/{year}"
        parts = [rows[i:i + per_page] for i in range(0, len(rows), per_page)]
        for n, part in enumerate(parts):
            url = path if n == 0 else f"{path}?page={n + 1}&per_page={per_page}"
            nxt = server.url(f"{path}?page={n + 2}&per_page={per_page}") \
                if n + 1 < len(parts) else None
            body = page(part, nxt)
            if fail_first and n == 1:
                server.add(url, Reply(b'{"error": "internal"}', 500), Reply(body))
            else:
                server.add(url, body)
            pages += 1
    return pages


def serve_meta(server: KoladaServer, titles: dict[str, str], chunk: int = 10) -> None:
    ids = sorted(titles)
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]
        server.add(f"/v3/kpi/{','.join(part)}", page([
            {"id": k, "title": titles[k], "municipality_type": "K", "is_divided_by_gender": 0,
             "has_ou_data": k.startswith("U214"), "operating_area": "Äldreomsorg",
             "perspective": "Kvalitet och resultat", "publ_period": "2024",
             "publication_date": "2025-03-01", "description": titles[k]} for k in part]))


def ous(codes: list[tuple[str, str]], per_kommun: int = 3, kommuner: int = 12
        ) -> list[tuple[str, str, str]]:
    """(ou id, kommun code, title) of a few hemtjänst units in the first kommuner."""
    return [(f"V21E{code}{n + 1:04d}", code, f"Hemtjänst {name} {'ABCDE'[n]}")
            for code, name in codes[:kommuner] for n in range(per_kommun)]


def serve_ou(server: KoladaServer, kpis: list[str], year: int,
             units: list[tuple[str, str, str]], suppressed: str | None = None,
             chunk: int = 10, ou_chunk: int = 50) -> None:
    """/v3/oudata for the OU KPIs (unit quality: the unit's place within its kommun)
    and /v3/ou for their names; ``suppressed`` has no published value (too few answers)."""
    for start in range(0, len(kpis), chunk):
        ids = kpis[start:start + chunk]
        rows = [row(k, ou, year, None if ou == suppressed else
                    round(60.0 + 10.0 * int(ou[-4:]), 1), key="ou")
                for k in ids for ou, _, _ in units]
        server.add(f"/v3/oudata/kpi/{','.join(ids)}/year/{year}", page(rows))
    ordered = sorted(units)
    for start in range(0, len(ordered), ou_chunk):
        part = ordered[start:start + ou_chunk]
        server.add(f"/v3/ou/{','.join(u for u, _, _ in part)}", page(
            [{"id": u, "municipality": m, "title": t} for u, m, t in part]))
