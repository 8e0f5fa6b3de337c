"""``hti fetch kolada``: ask Kolada for the model's KPIs and save the answers.

Data of a year go to ``<raw>/<year>/kolada/`` (what the build reads); metadata —
KPI descriptions, municipality groups, organisational units — to ``<raw>/kolada/``,
the cache ``hti validate --kolada`` reads. Each query is followed through all its
pages and checked (``pages``) before anything is written (``store``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from hti_tui.kolada import KPI_CHUNK
from hti_tui.kolada.client import KoladaClient
from hti_tui.kolada.pages import PageSequence, check_rows, parse_page
from hti_tui.kolada.store import FetchRecord, SavedPage, save, sha256

#: progress(kpi, rows so far, finished)
Progress = Callable[[str, int, bool], None]

META_DIR = "kolada"
#: OU ids per /v3/ou request (13 characters each: the URL stays under 1 kB)
OU_CHUNK = 50


def ou_ids(values: Iterable[object]) -> list[str]:
    """The organisational units an /oudata answer mentions."""
    return sorted({str(v["ou"]) for v in values if isinstance(v, dict) and "ou" in v})


def chunks(ids: Sequence[str], size: int = KPI_CHUNK) -> list[tuple[str, ...]]:
    return [tuple(ids[i:i + size]) for i in range(0, len(ids), size)]


@dataclass
class QueryResult:
    kind: str
    url: str
    kpis: tuple[str, ...]
    pages: int
    values: int
    attempts: int
    seconds: float
    rows_per_kpi: dict[str, int] = field(default_factory=dict)


@dataclass
class FetchSummary:
    folder: Path
    queries: list[QueryResult] = field(default_factory=list)
    changed: bool = False
    seconds: float = 0.0
    values: list[Any] = field(default_factory=list, repr=False)  # every row of every page (JSON)

    @property
    def pages(self) -> int:
        return sum(q.pages for q in self.queries)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class _Collector:
    """Pages of one fetch, in memory until every query is whole, then saved at once."""

    def __init__(self, folder: Path, base_url: str, year: int | None) -> None:
        self.summary = FetchSummary(folder)
        self.record = FetchRecord(year, base_url)
        self.bodies: dict[str, bytes] = {}
        self.queries: set[str] = set()

    def run(self, client: KoladaClient, kind: str, url: str, stem: str,
            kpis: tuple[str, ...] = (), unit_key: str | None = None, year: int | None = None,
            progress: Progress | None = None) -> QueryResult:
        start = time.perf_counter()
        seq = PageSequence(url)
        result = QueryResult(kind, url, kpis, 0, 0, 0, 0.0, dict.fromkeys(kpis, 0))
        next_url: str | None = url
        while next_url is not None:
            answer = client.get(next_url)
            page = parse_page(answer.body, next_url)
            if unit_key is not None and year is not None:
                for kpi, n in check_rows(page.values, next_url, unit_key, set(kpis),
                                         year).items():
                    result.rows_per_kpi[kpi] += n
                    if progress:
                        progress(kpi, result.rows_per_kpi[kpi], False)
            name = f"{stem}_p{len(seq.pages) + 1:03d}.json"
            self.bodies[name] = answer.body
            self.record.pages.append(SavedPage(
                kind=kind, query=url, url=next_url, file=name, sha256=sha256(answer.body),
                bytes=len(answer.body), count=len(page.values), fetched_at=_now(),
                attempts=answer.attempts, kpis=kpis))
            result.attempts += answer.attempts
            next_url = seq.add(page)
        if progress:
            for kpi in kpis:
                progress(kpi, result.rows_per_kpi[kpi], True)
        result.pages, result.values = len(seq.pages), len(seq.values)
        result.seconds = time.perf_counter() - start
        self.summary.queries.append(result)
        self.summary.values.extend(seq.values)
        self.queries.add(url)
        return result

    def save(self) -> FetchSummary:
        self.summary.changed = save(self.summary.folder, self.record, self.bodies, self.queries)
        return self.summary


def fetch_data(client: KoladaClient, raw: Path, base_url: str, year: int, kpis: Sequence[str],
               progress: Progress | None = None, kind: str = "data",
               unit_key: str = "municipality") -> FetchSummary:
    """``/data/kpi/{ids}/year/{year}`` (or ``/oudata/...``) for every chunk of KPIs."""
    start = time.perf_counter()
    col = _Collector(raw / str(year) / "kolada", base_url, year)
    for chunk in chunks(list(kpis)):
        url = f"{base_url}/{kind}/kpi/{','.join(chunk)}/year/{year}"
        col.run(client, kind, url, f"{kind}_{'-'.join(chunk)}_{year}", chunk, unit_key, year,
                progress)
    summary = col.save()
    summary.seconds = time.perf_counter() - start
    return summary


def fetch_meta(client: KoladaClient, raw: Path, base_url: str, kpis: Iterable[str] = (),
               groups: bool = False, ou_ids: Iterable[str] = ()) -> FetchSummary:
    """KPI metadata, municipality groups and organisational units into the cache."""
    start = time.perf_counter()
    col = _Collector(raw / META_DIR, base_url, None)
    for chunk in chunks(sorted(set(kpis))):
        col.run(client, "kpi", f"{base_url}/kpi/{','.join(chunk)}", f"kpi_{'-'.join(chunk)}")
    if groups:
        col.run(client, "municipality_groups", f"{base_url}/municipality_groups",
                "municipality_groups")
    for n, chunk in enumerate(chunks(sorted(set(ou_ids)), OU_CHUNK)):
        col.run(client, "ou", f"{base_url}/ou/{','.join(chunk)}", f"ou_{n + 1:03d}")
    summary = col.save()
    summary.seconds = time.perf_counter() - start
    return summary


__all__ = ["META_DIR", "OU_CHUNK", "FetchSummary", "Progress", "QueryResult", "chunks",
           "fetch_data", "fetch_meta", "ou_ids"]
