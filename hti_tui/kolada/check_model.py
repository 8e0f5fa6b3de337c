"""The I/O side of ``hti validate --kolada``: what the model maps, and Kolada's metadata
from the cache ``<raw>/kolada/`` (fetched from ``/v3/kpi`` the first time)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hti_tui.errors import HtiError, Note
from hti_tui.kolada import DEFAULT_BASE_URL
from hti_tui.kolada.fetch import META_DIR
from hti_tui.kolada.meta import Mapped, check, metadata_from
from hti_tui.kolada.store import load_values

SOURCE = "kolada"


def mapped_kpis(project: Any) -> list[Mapped]:
    """Every KPI of ``kpi_measures`` with its title, the indicators reading it and the
    latest data year the model reads it for (index year − the measure's lag)."""
    from hti_tui.pipeline.model import assemble

    src = project.config.sources[SOURCE]
    readers: dict[str, list[tuple[str, str]]] = {}
    for spec in assemble(project).indicators.values():
        for measure in spec.measures:
            source, _, name = measure.partition(":")
            if source == SOURCE:
                readers.setdefault(name, []).append((spec.id, spec.unit))
    out = []
    newest = max(project.config.index.years)
    for kpi, value in (src.options.get("kpi_measures") or {}).items():
        measure = str(value.get("measure") if isinstance(value, Mapping) else value)
        title = value.get("title") if isinstance(value, Mapping) else None
        out.append(Mapped(str(kpi), measure, title, tuple(readers.get(measure, ())),
                          newest - src.lag_of(measure)))
    return out


def cached_metadata(raw: Path) -> dict[str, Mapping[str, Any]]:
    """KPI descriptions saved by earlier fetches (pages checked against their sha256)."""
    try:
        return metadata_from(load_values(raw / META_DIR, "kpi"))
    except HtiError:
        return {}  # a broken cache is fetched again


def kolada_notes(project: Any, base_url: str | None = None, client: Any = None) -> list[Note]:
    """The Kolada checks as notes; fetches metadata missing from the cache."""
    config = project.config
    where = f"{config.rel(config.path)} [sources.kolada.options.kpi_measures]"
    if SOURCE not in config.sources:
        return [Note(config.rel(config.path), None, None, "no [sources.kolada] in the model; "
                     "nothing to check against Kolada", "error", "kolada_none",
                     "inget [sources.kolada] i modellen; inget att kontrollera mot Kolada")]
    try:
        mapped = mapped_kpis(project)
    except HtiError as exc:
        return [Note(where, None, None, exc.describe(), "error", "model", exc.describe("sv"))]
    raw = config.paths.raw
    metadata = cached_metadata(raw)
    missing = sorted({m.kpi for m in mapped} - set(metadata))
    if missing:
        from hti_tui.kolada.client import KoladaClient
        from hti_tui.kolada.fetch import fetch_meta

        options = config.sources[SOURCE].options
        base = str(base_url or options.get("base_url") or DEFAULT_BASE_URL).rstrip("/")
        own = client is None
        client = client or KoladaClient(retries=2, timeout=20.0)
        try:
            fetch_meta(client, raw, base, missing)
        except HtiError as exc:
            return [Note(where, None, None, f"Kolada's metadata of {', '.join(missing)} is not "
                         f"cached and could not be fetched: {exc.describe()}", "error",
                         "kolada_offline",
                         f"Koladas metadata för {', '.join(missing)} finns inte sparad och "
                         f"kunde inte hämtas: {exc.describe('sv')}")]
        finally:
            if own:
                client.close()
        metadata = cached_metadata(raw)
    return check(mapped, metadata, where)


__all__ = ["cached_metadata", "kolada_notes", "mapped_kpis"]
