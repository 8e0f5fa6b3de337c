"""Kolada (RKA): key figures per kommun, as the API v3 answers and as the web export.

Which KPIs feed which measure is configuration, not code: hti.toml
``[sources.kolada.options] kpi_measures`` maps a KPI id to a measure name, so a real
fetch of other KPIs needs no change here. KPIs in the file that are not mapped are
counted in one note; mapped KPIs absent from the file are noted too, because their
indicators will be missing for every kommun.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from typing import Any

from hti_tui import (
    NOT_REPORTED,
    SUPPRESSED,
    AdapterOption,
    AdapterSpec,
    ReadContext,
    SourceSpec,
    hookimpl,
    is_aggregate_code,
    read_csv,
    read_json,
)

__version__ = "1.2"

SOURCE = "kolada"

#: Kolada's gender codes and the web export's words for them
GENDERS = {"T": "T", "K": "K", "M": "M", "Totalt": "T", "Kvinnor": "K", "Män": "M"}

#: Kolada does not say *why* a value is missing: a user survey with too few answers
#: and a kommun that never reported look the same. Scoring an unknown reason as "did
#: not report" (penalised as 0 in the default model) would punish kommuner for the
#: publisher's suppression, so a missing value counts as suppressed (re-weighted)
#: unless hti.toml says otherwise with ``options.missing_status = "not_reported"``.
DEFAULT_MISSING = SUPPRESSED


def missing_status(ctx: ReadContext) -> str:
    status = ctx.options.get("missing_status", DEFAULT_MISSING)
    if status not in (SUPPRESSED, NOT_REPORTED):
        raise ctx.error(f"options.missing_status must be '{SUPPRESSED}' or '{NOT_REPORTED}', "
                        f"not '{status}'", sv=f"options.missing_status måste vara "
                                              f"'{SUPPRESSED}' eller '{NOT_REPORTED}', inte "
                                              f"'{status}'")
    return str(status)


def kpi_measures(ctx: ReadContext) -> dict[str, str]:
    """The KPI → measure map from hti.toml; without it the adapter cannot know anything.

    A value is a measure name, or a table ``{ measure = "...", title = "..." }`` that
    keeps Kolada's title of the KPI next to its id (checked by ``hti validate --kolada``).
    """
    mapping = ctx.options.get("kpi_measures")
    if not isinstance(mapping, Mapping) or not mapping:
        raise ctx.error("hti.toml [sources.kolada.options] kpi_measures is missing or empty; "
                        "it maps each Kolada KPI id to a measure name",
                        sv="hti.toml [sources.kolada.options] kpi_measures saknas eller är tom; "
                           "den mappar varje nyckeltals-id i Kolada till ett måttnamn")
    out = {}
    for kpi, value in mapping.items():
        measure = value.get("measure") if isinstance(value, Mapping) else value
        if not isinstance(measure, str) or not measure:
            raise ctx.error(f"hti.toml kpi_measures.{kpi} needs a measure name "
                            "(a string, or a table with measure = \"...\")",
                            sv=f"hti.toml kpi_measures.{kpi} behöver ett måttnamn "
                               "(en sträng, eller en tabell med measure = \"...\")")
        out[str(kpi)] = measure
    return out


class _KpiTally:
    """Notes KPIs read but not mapped, and mapped KPIs the file lacks."""

    def __init__(self, ctx: ReadContext, wanted: dict[str, str]) -> None:
        self.ctx, self.wanted = ctx, wanted
        self.unmapped: Counter[str] = Counter()
        self.seen: set[str] = set()

    def measure(self, kpi: str) -> str | None:
        if kpi in self.wanted:
            self.seen.add(kpi)
            return self.wanted[kpi]
        self.unmapped[kpi] += 1
        return None

    def finish(self) -> None:
        if self.unmapped:
            ids = ", ".join(f"{k} ({n} rows)" for k, n in sorted(self.unmapped.items()))
            self.ctx.note(f"KPIs not in kpi_measures were not used: {ids}", severity="info",
                          code="unmapped_kpi",
                          sv=f"nyckeltal som inte finns i kpi_measures användes inte: {ids}")
        for kpi in sorted(set(self.wanted) - self.seen):
            self.ctx.note(f"KPI {kpi} ({self.wanted[kpi]}) is not in the file; its "
                          "indicators are missing this year", code="kpi_absent",
                          sv=f"nyckeltalet {kpi} ({self.wanted[kpi]}) finns inte i filen; dess "
                             "indikatorer saknas i år")


def _field(ctx: ReadContext, obj: object, key: str, where: str) -> Any:
    if not isinstance(obj, Mapping) or key not in obj:
        raise ctx.error(f"{where} has no '{key}' field (not a Kolada v3 answer)", column=where,
                        sv=f"{where} saknar fältet '{key}' (inget svar från Kolada v3)")
    return obj[key]


def _read_rows(ctx: ReadContext, entries: object, tally: _KpiTally, missing: str,
               prefix: str = "", only: set[str] | None = None) -> None:
    """The data rows of one v3 answer (``values``) into observations; ``only``: the KPIs
    to read from this answer (a fetch record's page may serve some of its KPIs only)."""
    if not isinstance(entries, list):
        raise ctx.error(f"{prefix}'values' is not a list", column="values",
                        sv=f"{prefix}'values' är ingen lista")
    for i, entry in enumerate(entries):
        where = f"{prefix}values[{i}]"
        kpi = str(_field(ctx, entry, "kpi", where))
        if only is not None and kpi not in only:
            continue
        code = _field(ctx, entry, "municipality", where)
        if is_aggregate_code(code):
            continue
        measure = tally.measure(kpi)
        if measure is None:
            continue
        unit = ctx.obs.unit(code, row=None, column=f"{where}.municipality")
        if unit is None:
            continue
        period = _field(ctx, entry, "period", where)
        if str(period) != str(ctx.period):
            raise ctx.error(f"period {period} in a file configured for data year {ctx.period}",
                            column=f"{where}.period",
                            sv=f"perioden {period} i en fil angiven för dataåret {ctx.period}")
        for j, value in enumerate(_field(ctx, entry, "values", where) or []):
            cell = f"{where}.values[{j}]"
            gender = GENDERS.get(str(_field(ctx, value, "gender", cell)))
            if gender is None:
                raise ctx.error(f"unknown gender '{value['gender']}'", column=f"{cell}.gender",
                                sv=f"okänt kön '{value['gender']}'")
            ctx.obs.add(unit, measure, _field(ctx, value, "value", cell), column=f"{cell}.value",
                        gender=gender, status=missing)


def read_json_v3(ctx: ReadContext) -> None:
    """Read one page of ``/v3/data/kpi/{kpis}/year/{year}`` as saved JSON."""
    doc = read_json(ctx.path, ctx.display_path)
    tally = _KpiTally(ctx, kpi_measures(ctx))
    missing = missing_status(ctx)
    if isinstance(doc, Mapping) and doc.get("hti_synthetic"):
        ctx.mark_synthetic()
    entries = _field(ctx, doc, "values", "the document")
    if isinstance(doc, Mapping) and doc.get("next_page"):
        ctx.note("the file is one page of a longer answer (next_page is set); values on "
                 "other pages are missing", code="partial_page",
                 sv="filen är en sida av ett längre svar (next_page är satt); värdena på de "
                    "andra sidorna saknas")
    _read_rows(ctx, entries, tally, missing)
    tally.finish()


def read_fetched_v3(ctx: ReadContext) -> None:
    """Read what ``hti fetch kolada`` saved: ``fetch.json`` and the data pages it lists.

    Each page is checked against the sha256 the record holds, so a page edited or
    lost after the fetch is an error naming it, never a silently different number.
    """
    record = read_json(ctx.path, ctx.display_path)
    pages = _field(ctx, record, "pages", "the fetch record")
    if str(_field(ctx, record, "year", "the fetch record")) != str(ctx.period):
        raise ctx.error(f"the fetch record is of year {record['year']}, not {ctx.period}",
                        column="year",
                        sv=f"hämtningsposten gäller året {record['year']}, inte {ctx.period}")
    tally = _KpiTally(ctx, kpi_measures(ctx))
    missing = missing_status(ctx)
    data = [p for p in pages if isinstance(p, Mapping) and p.get("kind") == "data"]
    if not data:
        raise ctx.error("the fetch record lists no data pages; run `hti fetch kolada "
                        f"--year {ctx.period}`", column="pages",
                        sv="hämtningsposten listar inga datasidor; kör `hti fetch kolada "
                           f"--year {ctx.period}`")
    for page in data:
        name = str(_field(ctx, page, "file", "pages[]"))
        path = ctx.path.parent / name
        if not path.is_file():
            raise ctx.error(f"page file {name} listed in the record is missing; fetch again",
                            column="pages",
                            sv=f"sidfilen {name} som posten listar saknas; hämta igen")
        body = path.read_bytes()
        if hashlib.sha256(body).hexdigest() != page.get("sha256"):
            raise ctx.error(f"page file {name} is not what was fetched (sha256 differs); "
                            "fetch again", column="pages",
                            sv=f"sidfilen {name} är inte det som hämtades (sha256 skiljer "
                               "sig); hämta igen")
        doc = read_json(path, f"{ctx.display_path} → {name}")
        _read_rows(ctx, _field(ctx, doc, "values", name), tally, missing, prefix=f"{name}: ",
                   only={str(k) for k in page.get("kpis") or ()})
    tally.finish()


EXPORT_COLUMNS = {"unit": "Kommun-ID", "kpi": "Nyckeltal-ID", "year": "År", "gender": "Kön",
                  "value": "Värde"}


def read_csv_export(ctx: ReadContext) -> None:
    """Read Kolada's web export: semicolons, decimal commas, one row per KPI × kön."""
    sheet = read_csv(ctx.path, list(EXPORT_COLUMNS.values()), display=ctx.display_path)
    if sheet.synthetic:
        ctx.mark_synthetic()
    col = sheet.columns(EXPORT_COLUMNS)
    tally = _KpiTally(ctx, kpi_measures(ctx))
    missing = missing_status(ctx)
    for rownum, row in sheet.records():
        code = row[col["unit"]]
        if is_aggregate_code(code):
            continue
        measure = tally.measure(str(row[col["kpi"]]).strip())
        if measure is None:
            continue
        unit = ctx.obs.unit(code, row=rownum, column=EXPORT_COLUMNS["unit"])
        if unit is None:
            continue
        year = str(row[col["year"]]).strip()
        if year != str(ctx.period):
            raise ctx.error(f"year '{year}' in a file configured for data year {ctx.period}",
                            row=rownum, column=EXPORT_COLUMNS["year"],
                            sv=f"året '{year}' i en fil angiven för dataåret {ctx.period}")
        gender = GENDERS.get(str(row[col["gender"]]).strip())
        if gender is None:
            raise ctx.error(f"unknown value '{row[col['gender']]}' (Totalt, Kvinnor or Män)",
                            row=rownum, column=EXPORT_COLUMNS["gender"],
                            sv=f"okänt värde '{row[col['gender']]}' (Totalt, Kvinnor eller Män)")
        ctx.obs.add(unit, measure, row[col["value"]], row=rownum,
                    column=EXPORT_COLUMNS["value"], gender=gender, status=missing)
    tally.finish()


@hookimpl
def hti_sources() -> list[SourceSpec]:
    return [SourceSpec(
        id=SOURCE, name="Kolada", publisher="RKA (Rådet för främjande av kommunala analyser)",
        kind="api", url="https://api.kolada.se/v3/",
        description="Nyckeltal per kommun från Kolada; vilka KPI:er styrs av hti.toml.",
        citation="Källa: Kolada")]


#: the [sources.kolada.options] keys (base_url and ou_kpis are read by `hti fetch kolada`
#: and `hti units`, not by the adapters, but they belong to the source)
OPTIONS = (
    AdapterOption("kpi_measures", dict, description="Kolada KPI id → measure name, or "
                  "{ measure = …, title = … }"),
    AdapterOption("missing_status", str, choices=(SUPPRESSED, NOT_REPORTED),
                  description="the status of a value Kolada leaves out (default "
                              f"'{DEFAULT_MISSING}')"),
    AdapterOption("base_url", str, description="where `hti fetch kolada` asks"),
    AdapterOption("ou_kpis", list, items=str,
                  description="KPIs fetched per hemtjänst unit for `hti units`"),
)


@hookimpl
def hti_adapters() -> list[AdapterSpec]:
    return [
        AdapterSpec(id="kolada_json_v3", source=SOURCE, read=read_json_v3,
                    path="{year}/kolada_{year}.json", formats=(2021, 2022, 2023),
                    version=__version__, options=OPTIONS,
                    description="saved answer of the Kolada API v3 /data/kpi/…/year/…"),
        AdapterSpec(id="kolada_csv_export", source=SOURCE, read=read_csv_export,
                    path="{year}/kolada_export_{year}.csv", formats=(2024,), version=__version__,
                    options=OPTIONS,
                    description="Kolada web export: UTF-8 BOM, semicolons, decimal commas"),
        AdapterSpec(id="kolada_api_v3", source=SOURCE, read=read_fetched_v3,
                    path="{year}/kolada/fetch.json", formats=tuple(range(2016, 2031)),
                    version=__version__, options=OPTIONS,
                    description="what `hti fetch kolada` saved: every page of "
                                "/v3/data/kpi/…/year/… with its provenance record"),
    ]
