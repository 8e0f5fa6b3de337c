"""The hemtjänst-unit level of a kommun (Kolada OU data), for ``hti units`` and the UI."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from hti_tui.errors import UsageError

if TYPE_CHECKING:
    from hti_tui.kolada.units import UnitIndicator
    from hti_tui.query.context import Index


def unit_indicators(ix: Index) -> list[UnitIndicator]:
    """The model's indicators fed by a KPI of ``[sources.kolada.options] ou_kpis``."""
    from hti_tui.kolada.units import UnitIndicator

    source = ix.config.sources.get("kolada")
    options = dict(source.options) if source else {}
    measure_of = {str(k): (v.get("measure") if isinstance(v, Mapping) else v)
                  for k, v in (options.get("kpi_measures") or {}).items()}
    by_measure = {spec.measures[0].split(":", 1)[1]: spec
                  for spec in ix.model.indicators.values()
                  if len(spec.measures) == 1 and spec.measures[0].startswith("kolada:")
                  and spec.goalposts}
    out = []
    for kpi in options.get("ou_kpis") or []:
        spec = by_measure.get(str(measure_of.get(kpi) or ""))
        if spec is not None and spec.goalposts is not None:
            low, high = spec.goalposts
            out.append(UnitIndicator(spec.id, spec.name, kpi, low, high, int(spec.direction)))
    return out

def unit_years(ix: Index) -> list[int]:
    """Data years with fetched unit (OU) data, newest first."""
    from hti_tui.kolada.store import read_record

    raw = ix.config.paths.raw
    years = []
    for path in raw.glob("*/kolada/fetch.json"):
        year = path.parent.parent.name
        record = read_record(path.parent) if year.isdigit() else None
        if record and any(p.kind == "oudata" for p in record.pages):
            years.append(int(year))
    return sorted(years, reverse=True)

def units(ix: Index, query: str, year: int | None = None) -> dict[str, Any]:
    """A kommun's hemtjänst units scored and ranked within the kommun (see
    ``hti_tui.kolada.units`` for the method)."""
    indicators = unit_indicators(ix)
    if not indicators:
        raise UsageError("no indicator of the model reads a KPI listed in hti.toml "
                         "[sources.kolada.options] ou_kpis", hint="see examples/kolada",
                         sv="ingen indikator i modellen läser ett nyckeltal som står i hti.toml "
                            "[sources.kolada.options] ou_kpis", sv_hint="se examples/kolada")
    code = ix.resolve(query)
    years = unit_years(ix)
    if year is not None:
        years = [y for y in years if y == year]
    if not years:
        raise UsageError("no unit (OU) data fetched" + (f" for {year}" if year else ""),
                         hint="run `hti fetch kolada --year Y` with ou_kpis in hti.toml",
                         sv="inga enhetsdata (OU) hämtade" + (f" för {year}" if year else ""),
                         sv_hint="kör `hti fetch kolada --year Å` med ou_kpis i hti.toml")
    # imported only now: kolada.fetch brings httpx (0.15 s), which a project without unit
    # data (the kommun screen asks on every open) never needs
    from hti_tui.kolada.fetch import META_DIR
    from hti_tui.kolada.store import load_values
    from hti_tui.kolada.units import rank_units

    year = years[0]
    raw = ix.config.paths.raw
    coverage = ix.config.method.min_coverage
    rows = rank_units(code, load_values(raw / str(year) / "kolada", "oudata"),
                      load_values(raw / META_DIR, "ou"), indicators, coverage)
    return {
        "kommun_kod": code, "kommun_namn": ix.registry.name(code), "year": year,
        "source": "Källa: Kolada", "min_coverage": coverage,
        "method": "mean of the indicator scores (the model's goalposts) the unit has, "
                  f"re-weighted when at least {coverage:.0%} are published; ranked within "
                  "the kommun; unpublished values stay suppressed",
        "indicators": [{"id": i.id, "name": i.name, "kpi": i.kpi} for i in indicators],
        "units": [{"rank": r.rank, "ou": r.ou, "name": r.name, "score": r.score,
                   "coverage": r.coverage, "status": r.status, "values": r.values}
                  for r in rows]}
