"""The ``[sources.*]`` tables of hti.toml: which adapter reads each data year, and lags.

A source's ``lag`` is how many years its data year lies before the index year it
feeds. One source can carry measures of different kinds: Kolada serves this spring's
user survey (same year) beside last year's register figures, so ``measure_lag`` sets
the lag of single measures (``{ personalkontinuitet = 1 }``) over the source's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hti_tui.project.toml_reader import Reader


@dataclass(frozen=True)
class SourceConfig:
    id: str
    lag: int
    adapters: dict[int, str]
    paths: dict[int, str]
    options: dict[str, Any]
    measure_lag: dict[str, int] = field(default_factory=dict)

    def lag_of(self, measure: str) -> int:
        """The lag of one measure: its own if hti.toml sets one, else the source's."""
        return self.measure_lag.get(measure, self.lag)

    def data_year(self, index_year: int, measure: str | None = None) -> int:
        return index_year - (self.lag if measure is None else self.lag_of(measure))

    def data_years(self, index_year: int) -> tuple[int, ...]:
        """Every data year that feeds the index year, newest first."""
        lags = {self.lag, *self.measure_lag.values()}
        return tuple(sorted((index_year - lag for lag in lags), reverse=True))


def _year(reader: Reader, key: str) -> int:
    if not key.isdigit() or len(key) != 4:
        raise reader.error(key, "keys here are data years like 2024",
                           sv="nycklarna här är dataår som 2024")
    return int(key)


def parse_sources(src_tab: Reader) -> dict[str, SourceConfig]:
    sources: dict[str, SourceConfig] = {}
    for sid in list(src_tab.data):
        s = src_tab.table(sid)
        ad = s.table("adapters", required=True)
        adapters = {_year(ad, y): ad.get(y, str) for y in list(ad.data)}
        ad.finish()
        if not adapters:
            raise s.error("adapters", "no data year has an adapter",
                          sv="inget dataår har en adapter")
        ps = s.table("paths")
        spaths = {_year(ps, y): ps.get(y, str) for y in list(ps.data)}
        ps.finish()
        for y in spaths:
            if y not in adapters:
                raise ps.error(str(y), f"a path for data year {y}, which has no adapter",
                               sv=f"en sökväg för dataåret {y}, som saknar adapter")
        opts = s.table("options")
        options = {k: opts.get(k, (str, int, float, bool, list, dict)) for k in list(opts.data)}
        ml = s.table("measure_lag")
        measure_lag = {k: ml.get(k, int) for k in list(ml.data)}
        for k, v in measure_lag.items():
            if v < 0:
                raise ml.error(k, f"lag {v} is negative (data cannot come from a later year)",
                               sv=f"fördröjningen {v} är negativ (data kan inte komma från ett "
                                  "senare år)")
        lag = s.get("lag", int, 0)
        if lag < 0:
            raise s.error("lag", f"lag {lag} is negative (data cannot come from a later year)",
                          sv=f"fördröjningen {lag} är negativ (data kan inte komma från ett "
                             "senare år)")
        sources[sid] = SourceConfig(sid, lag, adapters, spaths, options, measure_lag)
        s.finish()
    src_tab.finish()
    return sources
