"""Senior Alert, the national quality register for prevention in elderly care.

The yearly file counts persons 65+ with hemtjänst, how many were risk assessed and
how many at risk got a preventive measure. Counts below 5 are ``*``. Kommuner that do
not take part are absent, and the indicators see them as not reported. The shares the
index uses are computed by the indicator plugins (indicators/stod.py) from these counts.
"""

from __future__ import annotations

from hti_tui import (
    AdapterSpec,
    ReadContext,
    SourceSpec,
    add_wide_rows,
    hookimpl,
    parse_count,
    read_csv,
    required_headers,
)

__version__ = "1.2"

SOURCE = "senior_alert"
UNIT = "Kommunkod"

COLUMNS: dict[str, str] = {
    "inskrivna": "Antal personer 65+",
    "riskbed_fall": "Riskbedömda fall",
    "riskbed_trycksar": "Riskbedömda trycksår",
    "riskbed_undernaring": "Riskbedömda undernäring",
    "riskbed_munhalsa": "Riskbedömda munhälsa",
    "med_risk": "Personer med risk",
    "med_risk_atgard": "Personer med risk och åtgärd",
}

#: every count and the count it is a part of (a part larger than its whole is an error)
PARTS: dict[str, str] = {
    "riskbed_fall": "inskrivna", "riskbed_trycksar": "inskrivna",
    "riskbed_undernaring": "inskrivna", "riskbed_munhalsa": "inskrivna",
    "med_risk": "inskrivna", "med_risk_atgard": "med_risk",
}


def read_register(ctx: ReadContext) -> None:
    """Read one year's register extract (cp1252 or UTF-8, semicolons, NBSP thousands)."""
    sheet = read_csv(ctx.path, required_headers(UNIT, COLUMNS), display=ctx.display_path)
    add_wide_rows(ctx, sheet, unit=UNIT, measures=COLUMNS,
                  parsers=dict.fromkeys(COLUMNS, parse_count))
    ctx.obs.check_parts(PARTS)


@hookimpl
def hti_sources() -> list[SourceSpec]:
    return [SourceSpec(
        id=SOURCE, name="Senior Alert", publisher="Senior Alert (nationellt kvalitetsregister)",
        kind="register", url="https://www.senioralert.se/",
        description="Riskbedömningar och förebyggande åtgärder för personer 65+ i hemtjänst.",
        citation="Källa: Senior Alert")]


@hookimpl
def hti_adapters() -> list[AdapterSpec]:
    return [AdapterSpec(id="senior_alert_csv", source=SOURCE, read=read_register,
                        path="{year}/senior_alert_{year}.csv", formats=(2021, 2022, 2023, 2024),
                        version=__version__, options=(),  # only hti's own options
                        description="CSV cp1252, '*' = fewer than 5")]
