"""hti validate --kolada on the shipped model, against Kolada's metadata served locally.

The metadata served is Kolada's own, for the 122 hemtjänst KPIs in
../shared/data/kolada_reference (read here, never shipped); without it the tests skip.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from tests.conftest import shared_data
from tests.kolada.server import KoladaServer, page
from tests.kolada.test_fetch import free_port

META = shared_data("kolada_reference/kolada_kpi_meta_hemtjanst.csv")
pytestmark = pytest.mark.skipif(META is None, reason="../shared/data/kolada_reference absent")


def serve_reference(server: KoladaServer, ids: list[str]) -> None:
    assert META is not None
    with META.open(encoding="utf-8") as f:
        rows = {r["kpi"]: r for r in csv.DictReader(f)}
    ids = sorted(set(ids))
    for start in range(0, len(ids), 10):
        part = ids[start:start + 10]
        server.add(f"/v3/kpi/{','.join(part)}", page([
            {"id": k, "title": rows[k]["title"], "description": rows[k]["description"],
             "municipality_type": rows[k]["municipality_type"],
             "has_ou_data": rows[k]["has_ou_data"] == "TRUE",
             "is_divided_by_gender": rows[k]["is_divided_by_gender"] == "TRUE",
             "operating_area": rows[k]["operating_area"], "perspective": rows[k]["perspective"],
             "publ_period": rows[k]["publ_period"] or None} for k in part if k in rows]))


def validate(capsys, config: Path, *args: str) -> tuple[int, list[dict]]:
    capsys.readouterr()
    code = main(["--config", str(config), "validate", "--kolada", "--json", *args])
    out = json.loads(capsys.readouterr().out)
    return code, [n for n in out["notes"] if n["code"].startswith("kolada")]


SHIPPED = ["U21468", "U21401", "U21452", "N21608", "U21200", "N21006"]


def test_the_shipped_model_passes_and_the_metadata_is_cached(capsys, server,
                                                             project_dir: Path) -> None:
    serve_reference(server, SHIPPED)
    code, notes = validate(capsys, project_dir, "--base-url", server.base)
    assert code == 0, notes
    assert [(n["column"], n["severity"]) for n in notes] == [("U21401", "info")]
    assert "discontinued after 2024" in notes[0]["message"]
    asked = len(server.log)
    assert asked == 1  # six ids: one request
    # the second run reads the cache: no request, even with Kolada gone
    code, notes = validate(capsys, project_dir, "--base-url", f"http://127.0.0.1:{free_port()}")
    assert code == 0 and len(server.log) == asked


def test_the_old_wrong_ids_are_caught(capsys, server, project_dir: Path) -> None:
    text = project_dir.read_text(encoding="utf-8")
    start = text.index("[sources.kolada.options.kpi_measures]")
    end = text.index("\n\n", start)
    old = {  # the ids hti.toml had before #9, with the titles it meant
        "U21468": ("nojd_helhet", None), "U21401": ("personalkontinuitet", None),
        "U21463": ("genomforandeplan",
                   "Brukare i hemtjänst med aktuell genomförandeplan, andel (%)"),
        "N21705": ("usk_andel", "Hemtjänsttagare 80+ i ordinärt boende, antal"),
        "U21200": ("hme_totalindex", None)}
    lines = [f'{k} = {{ measure = "{m}", title = "{t}" }}' if t else f'{k} = "{m}"'
             for k, (m, t) in old.items()]
    text = text[:start] + "[sources.kolada.options.kpi_measures]\n" + "\n".join(lines) + \
        text[end:]
    project_dir.write_text(text, encoding="utf-8")
    serve_reference(server, ["U21468", "U21401", "U21463", "N21705", "U21200"])
    code, notes = validate(capsys, project_dir, "--base-url", server.base)
    assert code == 1
    found = {(n["column"], n["code"]) for n in notes}
    assert ("U21463", "kolada_title") in found  # it is "hänsyn till åsikter och önskemål"
    assert ("N21705", "kolada_unit") in found  # a count feeding a percent indicator
    assert ("U21401", "kolada_no_title") in found and ("U21468", "kolada_no_title") in found
    unit = next(n for n in notes if n["code"] == "kolada_unit")
    assert "a count KPI" in unit["message"] and "usk_andel" in unit["message"]


def test_a_discontinued_kpi_needed_after_its_last_year_is_an_error(capsys, server,
                                                                  project_dir: Path) -> None:
    text = project_dir.read_text(encoding="utf-8")
    project_dir.write_text(text.replace("measure_lag = { personalkontinuitet = 1,",
                                        "measure_lag = { personalkontinuitet = 0,"),
                           encoding="utf-8")
    serve_reference(server, SHIPPED)
    # index 2024 now reads personalkontinuitet of 2024: still within Kolada's last year
    code, notes = validate(capsys, project_dir, "--base-url", server.base)
    assert [n["severity"] for n in notes if n["column"] == "U21401"] == ["info"]
    text = project_dir.read_text(encoding="utf-8")
    project_dir.write_text(text.replace("years = [2022, 2023, 2024]", "years = [2022, 2023, 2025]"),
                           encoding="utf-8")
    code, notes = validate(capsys, project_dir, "--base-url", server.base)
    bad = [n for n in notes if n["code"] == "kolada_discontinued"]
    assert code == 1 and bad[0]["severity"] == "error" and "data year 2025" in bad[0]["message"]


def test_offline_without_a_cache_is_an_error_naming_the_url(capsys, project_dir: Path) -> None:
    base = f"http://127.0.0.1:{free_port()}/v3"
    code, notes = validate(capsys, project_dir, "--base-url", base)
    assert code == 1
    assert notes[0]["code"] == "kolada_offline" and f"{base}/kpi/" in notes[0]["message"]


def test_every_kpi_of_the_kolada_example_is_what_it_says(capsys, server, example: Path) -> None:
    import sys

    tomllib = __import__("tomllib" if sys.version_info >= (3, 11) else "tomli")
    doc = tomllib.loads(example.read_text(encoding="utf-8"))
    ids = list(doc["sources"]["kolada"]["options"]["kpi_measures"])
    serve_reference(server, ids)
    _, notes = validate(capsys, example, "--base-url", server.base)
    assert [n for n in notes if n["severity"] != "info"] == []
    assert {n["column"] for n in notes} == {"U21401"}  # discontinued after 2024, noted
