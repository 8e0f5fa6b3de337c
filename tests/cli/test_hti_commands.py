"""The commands on the shipped (synthetic) HTI project, as a kommun analyst runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from hti_tui.cli.main import main
from hti_tui.query import analyses as q_analyses
from hti_tui.query.context import Index
from tests.conftest import copy_project


@pytest.fixture(scope="module")
def hti_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = copy_project(tmp_path_factory.mktemp("hti"))
    assert main(["--config", str(config), "build"]) == 0
    return config


def run(capsys, config: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--config", str(config), *args])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, config: Path, *args: str):
    code, out, err = run(capsys, config, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_build_writes_every_source_year_with_provenance(hti_project: Path) -> None:
    obs = hti_project.parent / "datasets" / "observations"
    files = sorted(p.relative_to(obs).as_posix() for p in obs.rglob("*.parquet"))
    assert "brukarundersokning/year=2024/observations.parquet" in files
    assert "senior_alert/year=2021/observations.parquet" in files
    assert "kolada/year=2021/observations.parquet" in files  # its lagged KPIs
    assert len(files) == 3 * 3 + 4 + 4  # three sources × 3 years, Senior Alert, Kolada × 4
    meta = pq.read_schema(obs / "kolada/year=2024/observations.parquet").metadata
    prov = json.loads(meta[b"hti"])
    assert prov["synthetic"] is True and prov["adapter"] == "kolada_csv_export"
    assert len(prov["inputs"][0]["sha256"]) == 64 and len(prov["config_sha256"]) == 64


def test_second_build_skips_and_validate_is_clean(capsys, hti_project: Path) -> None:
    code, out, _ = run(capsys, hti_project, "build")
    assert code == 0 and "aktuell" in out and "Inget har ändrats" in out
    code, out, _ = run(capsys, hti_project, "validate")
    assert code == 0, out


def test_rank_json_has_the_documented_keys(capsys, hti_project: Path) -> None:
    rows = run_json(capsys, hti_project, "rank", "--year", "2024")
    assert len(rows) == 290
    first = rows[0]
    for key in ("rank", "kommun_kod", "kommun_namn", "index", "resultatgrupp", "delindex",
                "synthetic"):
        assert key in first
    assert set(first["delindex"]) == {"information", "bistand", "utforande", "stod"}
    assert first["synthetic"] is True and first["rank"] == 1
    ranked = [r["rank"] for r in rows if r["rank"] is not None]
    assert ranked == sorted(ranked)


def test_rank_filters_by_lan_and_top(capsys, hti_project: Path) -> None:
    rows = run_json(capsys, hti_project, "rank", "--lan", "Örebro län", "--top", "3")
    assert len(rows) == 3 and {r["lan"] for r in rows} == {"Örebro län"}


def test_show_accent_tolerant_and_contributions_add_up(capsys, hti_project: Path) -> None:
    shown = run_json(capsys, hti_project, "show", "orebro")
    assert shown["kommun_namn"] == "Örebro" and shown["kommun_kod"] == "1880"
    total = sum(i["contribution"] or 0.0 for i in shown["indicators"])
    assert total == pytest.approx(shown["index"], abs=1e-9)
    for ind in shown["indicators"]:
        assert {"id", "name", "raw", "status", "score", "weight", "contribution"} <= set(ind)


def test_show_unknown_kommun_suggests_names(capsys, hti_project: Path) -> None:
    code, out, err = run(capsys, hti_project, "show", "Örebrp")
    assert code != 0 and "Örebro" in err and "Traceback" not in err + out


def test_whatif_same_engine_and_out_of_range(capsys, hti_project: Path) -> None:
    shown = run_json(capsys, hti_project, "show", "Örebro")
    tid = next(i for i in shown["indicators"] if i["id"] == "bu_tid")
    same = run_json(capsys, hti_project, "whatif", "Örebro", "--set", f"bu_tid={tid['raw']}")
    assert same["after"]["index"] == pytest.approx(shown["index"], abs=1e-12)
    code, _out, err = run(capsys, hti_project, "whatif", "Örebro", "--set", "bu_tid=150")
    assert code != 0 and "utanför det möjliga intervallet" in err and "Traceback" not in err


def test_every_analysis_command_runs(capsys, hti_project: Path) -> None:
    for args in (("compare", "Örebro", "Kumla", "Lund"), ("trend", "Örebro"),
                 ("priorities", "Örebro"), ("peers", "Örebro"), ("audit", "--year", "2023"),
                 ("sensitivity", "--runs", "200")):
        code, out, err = run(capsys, hti_project, *args)
        assert code == 0, (args, err)
        assert "SYNTETISKA" in out, args


def test_a_kommun_without_an_index_has_no_rank_interval(capsys, hti_project: Path) -> None:
    rows = run_json(capsys, hti_project, "rank", "--year", "2024")
    unranked = [r["kommun_kod"] for r in rows if r["rank"] is None]
    assert unranked, "the shipped 2024 data have kommuner without an index"
    ix = Index.open(hti_project)
    assert q_analyses.rank_interval(ix, unranked[0], 2024) is None
    ranked = next(r for r in rows if r["rank"] is not None)
    low, high = q_analyses.rank_interval(ix, ranked["kommun_kod"], 2024)
    assert 1 <= low <= high <= len(rows)


def test_tui_outside_a_project_fails_before_opening(capsys, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main([]) == 2
    assert "ingen hti.toml" in capsys.readouterr().err


def test_rank_by_kommungrupp_uses_the_real_skr_grouping(capsys, hti_project: Path) -> None:
    rows = run_json(capsys, hti_project, "rank", "--kommungrupp", "B3")
    rows = rows["rows"] if isinstance(rows, dict) else rows
    assert len(rows) == 23 and {r["kommungrupp"] for r in rows} == {"B3"}
    assert "Örebro" in {r["kommun_namn"] for r in rows}
    code, _, err = run(capsys, hti_project, "rank", "--kommungrupp", "B33")
    assert code == 2 and "B33" in err and "B3" in err  # a warning with the choices, not 0 rows


def test_rank_by_kommungrupp_without_the_column_says_so(capsys, tmp_path: Path) -> None:
    config = copy_project(tmp_path)
    registry = tmp_path / "datasets" / "reference" / "kommuner.csv"
    lines = registry.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    at = header.index("kommungrupp")
    blanked = [lines[0]] + [",".join("" if i == at else c for i, c in enumerate(line.split(",")))
                            for line in lines[1:]]
    registry.write_text("\n".join(blanked) + "\n", encoding="utf-8")
    assert main(["--config", str(config), "build"]) == 0
    code, out, err = run(capsys, config, "rank", "--kommungrupp", "B3")
    assert code == 2 and "kommungrupp" in err and "tom" in err and not out.strip()


def test_register_kpis_come_from_the_year_before_survey_kpis_from_the_same(
        capsys, hti_project: Path) -> None:
    """measure_lag: the 2024 index reads personalkontinuitet and HME from Kolada's 2023
    file and nöjdhet from the 2024 export; the raw values are the published ones."""
    raw = hti_project.parent / "datasets/raw"
    doc = json.loads((raw / "2023/kolada_2023.json").read_text(encoding="utf-8"))
    of_2023 = {r["kpi"]: r["values"][0]["value"] for r in doc["values"]
               if r["municipality"] == "0114"}
    export = (raw / "2024/kolada_export_2024.csv").read_text(encoding="utf-8-sig")
    row = next(line.split(";") for line in export.splitlines()
               if line.startswith("0114;") and ";U21468;" in line and ";Totalt;" in line)
    shown = run_json(capsys, hti_project, "show", "0114", "--year", "2024")
    raw_of = {i["id"]: i["raw"] for i in shown["indicators"]}
    assert raw_of["personalkontinuitet"] == of_2023["U21401"]
    assert raw_of["hme_totalindex"] == of_2023["U21200"]
    assert raw_of["nojd_helhet"] == float(row[6].replace(",", "."))
