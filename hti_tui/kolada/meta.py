"""``hti validate --kolada``: the model's KPI ids checked against Kolada's own metadata.

Pure functions: given Kolada's KPI descriptions (``/v3/kpi``) and what the model maps,
return notes. A wrong id is caught three ways — its title is not the one hti.toml
writes next to it, its unit does not fit the indicator (a count feeding a percent
indicator would score every kommun at a goalpost), or Kolada does not know it — and a
discontinued KPI is an error once the model needs a data year after its last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hti_tui.errors import Note

_LAST_YEAR = re.compile(r"\(\s*-\s*(\d{4})\s*\)\s*$")


@dataclass(frozen=True)
class Mapped:
    """One KPI as the model uses it."""

    kpi: str
    measure: str
    title: str | None  # as written in hti.toml
    indicators: tuple[tuple[str, str], ...]  # (indicator id, unit)
    last_data_year: int | None  # the latest data year the model reads it for


def squash(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def kpi_unit(meta: Mapping[str, Any]) -> str:
    """Kolada states the unit in the title's tail ("andel (%)", "antal", "kr/inv");
    the v2 field ``unit`` is used when the answer carries it."""
    if meta.get("unit"):
        return str(meta["unit"])
    title = _LAST_YEAR.sub("", str(meta.get("title", ""))).strip().casefold()
    if "(%)" in title or title.endswith("%"):
        return "%"
    if re.search(r"\bkr\b|kr/", title):
        return "kr"
    if title.endswith("antal") or title.endswith(", antal"):
        return "antal"
    if "medelvärde" in title or "median" in title or "genomsnitt" in title:
        return "medelvärde"
    if "index" in title:
        return "index"
    if "ja=1" in title:
        return "ja/nej"
    return "?"


def last_year(meta: Mapping[str, Any]) -> int | None:
    """The last year of a discontinued KPI: Kolada ends its title with "(-2024)"."""
    m = _LAST_YEAR.search(str(meta.get("title", "")))
    if m:
        return int(m.group(1))
    flag = meta.get("discontinued", meta.get("is_discontinued"))
    if isinstance(flag, int) and flag > 1900:
        return flag
    return None


#: indicator unit → the Kolada units that can feed it
COMPATIBLE = {"%": {"%"}, "antal": {"antal", "medelvärde"}, "index": {"index", "medelvärde"},
              "ja/nej": {"ja/nej", "%"}, "kr": {"kr"}}


def check(mapped: Iterable[Mapped], metadata: Mapping[str, Mapping[str, Any]],
          where: str) -> list[Note]:
    """Notes for every mapped KPI; ``where`` names the hti.toml table for the reader."""
    notes: list[Note] = []

    def note(kpi: str, message: str, severity: str, code: str, sv: str) -> None:
        notes.append(Note(where, None, kpi, message, severity, code, sv))

    for m in mapped:
        meta = metadata.get(m.kpi)
        if meta is None:
            note(m.kpi, f"Kolada has no KPI {m.kpi} (mapped to '{m.measure}')", "error",
                 "kolada_unknown_kpi",
                 f"Kolada har inget nyckeltal {m.kpi} (mappat till '{m.measure}')")
            continue
        title = str(meta.get("title", ""))
        if m.title is None:
            note(m.kpi, f"write Kolada's title next to the id: title = \"{title}\"", "warning",
                 "kolada_no_title", f"skriv Koladas titel bredvid id:t: title = \"{title}\"")
        elif squash(m.title) != squash(title):
            note(m.kpi, f"hti.toml says '{m.title}', but Kolada's {m.kpi} is '{title}': a wrong "
                 "id?", "error", "kolada_title",
                 f"hti.toml säger '{m.title}', men Koladas {m.kpi} heter '{title}': fel id?")
        unit = kpi_unit(meta)
        for ind, ind_unit in m.indicators:
            if unit not in COMPATIBLE.get(ind_unit, {ind_unit}):
                kind = "a count" if unit == "antal" else f"unit '{unit}'"
                slag = "ett antal" if unit == "antal" else f"enheten '{unit}'"
                note(m.kpi, f"{kind} KPI ('{title}') feeds indicator '{ind}' in unit "
                     f"'{ind_unit}'", "error", "kolada_unit",
                     f"ett nyckeltal i {slag} ('{title}') matar indikatorn '{ind}' i enheten "
                     f"'{ind_unit}'")
        if not m.indicators:
            note(m.kpi, f"no indicator reads measure '{m.measure}'", "warning", "kolada_unused",
                 f"ingen indikator läser måttet '{m.measure}'")
        if str(meta.get("municipality_type", "K")).upper() not in ("K", "A", ""):
            note(m.kpi, f"a KPI of regions (municipality_type {meta['municipality_type']}), "
                 "not of kommuner", "error", "kolada_not_kommun",
                 f"ett nyckeltal för regioner (municipality_type {meta['municipality_type']}), "
                 "inte för kommuner")
        end = last_year(meta)
        if end is not None:
            if m.last_data_year is not None and m.last_data_year > end:
                note(m.kpi, f"discontinued: Kolada's last year is {end}, but the model reads it "
                     f"for data year {m.last_data_year}; choose a successor KPI", "error",
                     "kolada_discontinued",
                     f"upphört: Koladas sista år är {end}, men modellen läser det för dataåret "
                     f"{m.last_data_year}; välj ett efterföljande nyckeltal")
            else:
                note(m.kpi, f"discontinued after {end} (the model reads it up to data year "
                     f"{m.last_data_year}); a later index year will need a successor",
                     "info", "kolada_discontinued",
                     f"upphört efter {end} (modellen läser det till och med dataåret "
                     f"{m.last_data_year}); ett senare indexår behöver ett efterföljande")
    return notes


def metadata_from(values: Iterable[Any]) -> dict[str, Mapping[str, Any]]:
    """KPI id → description, from the rows of ``/v3/kpi`` answers."""
    return {str(v["id"]): v for v in values if isinstance(v, Mapping) and "id" in v}


__all__ = ["Mapped", "check", "kpi_unit", "last_year", "metadata_from"]
