"""The analysis commands on a small real index (COINr's ASEM example, 51 units)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hti_tui.cli.main import main


def run_json(capsys, config: Path, *args: str):
    code = main(["--config", str(config), *args, "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


def test_rank_json_shape(capsys, asem_project: Path) -> None:
    rows = run_json(capsys, asem_project, "rank")
    assert len(rows) == 51
    assert [r["rank"] for r in rows][:3] == [1, 2, 3]
    for key in ("rank", "kommun_kod", "kommun_namn", "index", "resultatgrupp", "delindex",
                "synthetic"):
        assert key in rows[0]
    assert set(rows[0]["delindex"]) == {"Conn", "Sust"}
    assert rows[0]["synthetic"] is False
    assert rows == sorted(rows, key=lambda r: r["rank"])


def test_rank_filters(capsys, asem_project: Path) -> None:
    rows = run_json(capsys, asem_project, "rank", "--lan", "asia", "--top", "3")
    assert len(rows) == 3 and all(r["lan"] == "Asia" for r in rows)
    by_sust = run_json(capsys, asem_project, "rank", "--delindex", "Sust")
    assert [r["delindex_rank"]["Sust"] for r in by_sust][:5] == [1, 2, 3, 4, 5]


def test_show_contributions_add_up(capsys, asem_project: Path) -> None:
    view = run_json(capsys, asem_project, "show", "austria")
    assert view["kommun_kod"] == "AUT"
    total = sum(i["contribution"] or 0.0 for i in view["indicators"])
    assert total == pytest.approx(view["index"], abs=1e-9)
    for key in ("id", "name", "raw", "status", "score", "weight", "contribution"):
        assert key in view["indicators"][0]
    # gaps reconcile: the indicators' parts add up to index − median index, and every
    # node's gap is its own score − its median (the sign a reader sees)
    parts = sum(i["vs_median"] or 0.0 for i in view["indicators"])
    assert parts == pytest.approx(view["index"] - view["index_median"], abs=1e-9)
    for node in [*view["delindex"].values(), *view["kvalitetsomraden"].values()]:
        assert node["vs_median"] == pytest.approx(node["score"] - node["median"], abs=1e-9)
        assert sum(node["parts"].values()) == pytest.approx(node["gap"], abs=1e-9)


def test_compare_gap_explains_difference(capsys, asem_project: Path) -> None:
    view = run_json(capsys, asem_project, "compare", "AUT", "BEL", "DEU")
    assert [k["kommun_kod"] for k in view["kommuner"]] == ["AUT", "BEL", "DEU"]
    root = view["nodes"][0]
    assert root["diff"][0] == pytest.approx(root["scores"][0] - root["scores"][1])


def test_whatif_current_value_changes_nothing(capsys, asem_project: Path) -> None:
    show = run_json(capsys, asem_project, "show", "AUT")
    lpi = next(i for i in show["indicators"] if i["id"] == "LPI")
    view = run_json(capsys, asem_project, "whatif", "AUT", "--set", f"LPI={lpi['raw']}")
    assert view["after"]["index"] == pytest.approx(view["before"]["index"])
    assert view["before"]["index"] == pytest.approx(show["index"])
    better = run_json(capsys, asem_project, "whatif", "AUT", "--set", "LPI=4,3")
    assert better["after"]["index"] >= better["before"]["index"]


def test_priorities_peers_sensitivity_audit(capsys, asem_project: Path) -> None:
    pri = run_json(capsys, asem_project, "priorities", "AUT")
    points = [i["points"] for i in pri["items"]]
    assert points == sorted(points, reverse=True) and all(p > 0 for p in points)
    peers = run_json(capsys, asem_project, "peers", "AUT")
    assert peers["method"] and "AUT" not in [p["kommun_kod"] for p in peers["peers"]]
    sens = run_json(capsys, asem_project, "sensitivity", "--runs", "200")
    assert len(sens["kommuner"]) == 51
    for row in sens["kommuner"]:
        assert row["low"] <= row["median_rank"] <= row["high"]
    assert {f["factor"] for f in sens["factors"]} == {"weights", "normalisation",
                                                       "aggregation", "sampling"}
    assert [s["scenario"] for s in sens["scenarios"]] == ["reweight", "penalise"]
    assert all(f["first_order"] is not None for f in sens["factors"]
               if f["factor"] != "sampling")  # ASEM has no survey n: no sampling error
    audit = run_json(capsys, asem_project, "audit")
    assert len(audit["indicators"]) > 40 and audit["alpha"]


@pytest.mark.parametrize(("args", "message"), [
    (["show", "Atlantis"], "no country called 'Atlantis'"),
    (["show", "Austrai"], "did you mean"),
    (["whatif", "AUT", "--set", "LPI=many"], "is not INDICATOR=VALUE"),
    (["whatif", "AUT", "--set", "NOPE=1"], "no indicator 'NOPE'"),
    (["rank", "--year", "1999"], "not an index year"),
    (["rank", "--delindex", "Nothing"], "no delindex"),
    (["compare", "AUT"], "two to five"),
])
def test_bad_requests_are_one_line(capsys, asem_project: Path, args: list[str],
                                   message: str) -> None:
    code = main(["--config", str(asem_project), *args])
    err = capsys.readouterr().err
    assert code != 0
    assert message in err
    assert "Traceback" not in err


def test_rank_never_imports_textual(asem_project: Path) -> None:
    code = ("import sys; from hti_tui.cli.main import main; "
            f"main(['--config', {str(asem_project)!r}, 'rank', '--format', 'csv']); "
            "import hti_tui.engine, hti_tui.analysis; "
            "print('textual' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip().splitlines()[-1] == "False"


def test_audit_every_table_in_csv_and_json(capsys, asem_project: Path) -> None:
    view = run_json(capsys, asem_project, "audit")
    assert view["influence"] and all(a["n"] for a in view["alpha"])
    assert {a["over"] for a in view["alpha"]} == {"children", "indicators"}
    capsys.readouterr()
    assert main(["--config", str(asem_project), "audit", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    tables = {line.split(",")[0] for line in lines[1:]}
    assert tables == {"indicators", "correlations", "alpha", "influence"}
    assert main(["--config", str(asem_project), "audit", "--format", "csv",
                 "--table", "influence"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert rows and all(r.startswith("influence,") for r in rows)
