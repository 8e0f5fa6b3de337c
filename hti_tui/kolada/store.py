"""What ``hti fetch kolada`` saved: pages byte for byte, and one provenance record.

``datasets/raw/<year>/kolada/`` holds every answer exactly as Kolada sent it (one
file per page) and ``fetch.json``, the record the build reads: for each page its
URL, when it was fetched, its sha256, its size and how many values it holds. Each
file is written to a temporary name and renamed when complete; the record is
written last, so an interrupted fetch leaves the previous record (whose pages the
adapter checks by sha256) or a complete new one. A page whose bytes did not change
is not rewritten, and a fetch that brings nothing new leaves every file untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hti_tui.atomic_files import write_atomically
from hti_tui.errors import DataError

MANIFEST = "fetch.json"
FORMAT = "hti-kolada-fetch/1"


def atomic_write(path: Path, data: bytes) -> None:
    """A fetched page or the manifest, written whole or not at all."""
    write_atomically(path, data)


@dataclass(frozen=True)
class SavedPage:
    """One page as the record lists it."""

    kind: str  # data | oudata | kpi | municipality_groups | ou
    query: str  # the first URL of the page sequence it belongs to
    url: str
    file: str
    sha256: str
    bytes: int
    count: int
    fetched_at: str
    attempts: int = 1
    #: the KPIs this page is read for (a KPI fetched again later is read from there)
    kpis: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["kpis"] = list(self.kpis)
        return d


@dataclass
class FetchRecord:
    year: int | None
    base_url: str
    pages: list[SavedPage] = field(default_factory=list)

    def as_json(self) -> bytes:
        doc = {"format": FORMAT, "source": "kolada", "api": "v3", "year": self.year,
               "base_url": self.base_url, "synthetic": False,
               "note": "Raw answers of the Kolada API, saved byte for byte by `hti fetch "
                       "kolada`. Källa: Kolada.",
               "pages": [p.as_dict() for p in self.pages]}
        return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_record(folder: Path) -> FetchRecord | None:
    """The record in ``folder``, None if there is none; a broken one is a DataError."""
    path = folder / MANIFEST
    if not path.is_file():
        return None
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        pages = [SavedPage(**{**p, "kpis": tuple(p.get("kpis", ()))}) for p in doc["pages"]]
        return FetchRecord(doc.get("year"), doc.get("base_url", ""), pages)
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"not a fetch record ({type(exc).__name__}: {exc}); delete it and "
                        "fetch again", file=path,
                        sv=f"ingen hämtningspost ({type(exc).__name__}: {exc}); ta bort den och "
                           "hämta igen") from None


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def save(folder: Path, record: FetchRecord, bodies: dict[str, bytes],
         replaced_queries: set[str]) -> bool:
    """Merge freshly fetched pages into the record in ``folder``; True if anything changed.

    ``bodies`` maps each new page's file name to its bytes; pages of the queries in
    ``replaced_queries`` are replaced, every other page of the old record is kept (a
    fetch of one KPI does not forget the others).
    """
    old = read_record(folder)
    old_pages = old.pages if old else []
    fresh = {(p.kind, k) for p in record.pages for k in p.kpis}
    kept = []
    for p in old_pages:
        if p.query in replaced_queries:
            continue
        # A KPI fetched anew is read from its new pages only: an older page that also
        # holds it keeps serving its other KPIs, and is dropped when none is left.
        own = tuple(k for k in p.kpis if (p.kind, k) not in fresh)
        if p.kpis and not own:
            continue
        kept.append(SavedPage(**{**p.__dict__, "kpis": own}))
    changed = old is None or old.base_url != record.base_url or \
        any(k.kpis != o.kpis for k, o in zip(kept, (o for o in old_pages if o.file in
                                                     {k.file for k in kept})))
    old_by_file = {p.file: p for p in old_pages}
    merged = FetchRecord(record.year, record.base_url, kept)
    for page in record.pages:
        before = old_by_file.get(page.file)
        on_disk = folder / page.file
        if before is not None and before.sha256 == page.sha256 and before.url == page.url \
                and before.kpis == page.kpis and on_disk.is_file():
            merged.pages.append(before)  # same bytes: keep the first fetch's time
            continue
        changed = True
        atomic_write(on_disk, bodies[page.file])
        merged.pages.append(page)
    gone = {p.file for p in old_pages} - {p.file for p in merged.pages}
    changed = changed or bool(gone)
    if not changed:
        return False
    atomic_write(folder / MANIFEST, merged.as_json())
    for name in gone:
        with contextlib.suppress(OSError):
            (folder / name).unlink()
    return True


def load_values(folder: Path, kind: str) -> list[Any]:
    """The ``values`` of every saved page of ``kind`` in ``folder``, each page checked
    against the sha256 its record holds (a changed or lost page is a DataError)."""
    record = read_record(folder)
    out: list[Any] = []
    for page in record.pages if record else []:
        if page.kind != kind:
            continue
        path = folder / page.file
        body = path.read_bytes() if path.is_file() else b""
        if sha256(body) != page.sha256:
            raise DataError(f"page {page.file} is {'missing' if not body else 'changed'} "
                            "since it was fetched; fetch again", file=folder / MANIFEST,
                            sv=f"sidan {page.file} har {'försvunnit' if not body else 'ändrats'}"
                               " sedan den hämtades; hämta igen")
        out.extend(json.loads(body.decode("utf-8")).get("values", []))
    return out


__all__ = ["MANIFEST", "FetchRecord", "SavedPage", "atomic_write", "load_values", "read_record",
           "save"]
