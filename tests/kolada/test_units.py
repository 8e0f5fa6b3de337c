"""The unit level's scoring: the model's goalposts, coverage, ties, suppression."""

from __future__ import annotations

import pytest

from hti_tui.kolada.units import UnitIndicator, rank_units

IND = [UnitIndicator("a", "A", "U1", 50.0, 100.0, 1), UnitIndicator("b", "B", "U2", 5.0, 25.0, -1)]
META = [{"id": f"V{i}", "municipality": "0114" if i < 5 else "0180", "title": f"Enhet {i}"}
        for i in range(6)]


def data(values: dict[tuple[str, str], float | None]) -> list[dict]:
    return [{"kpi": k, "ou": ou, "period": 2024, "values": [
        {"gender": "T", "value": v}, {"gender": "K", "value": 1.0}]}
        for (ou, k), v in values.items()]


def test_scores_ties_coverage_and_suppression() -> None:
    rows = rank_units("0114", data({
        ("V0", "U1"): 75.0, ("V0", "U2"): 15.0,   # 50, 50 → 50
        ("V1", "U1"): 100.0, ("V1", "U2"): 25.0,  # 100, 0 → 50 (a tie with V0)
        ("V2", "U1"): 90.0, ("V2", "U2"): None,   # 80 on half the indicators: coverage 0.5
        ("V3", "U1"): None, ("V3", "U2"): None,   # nothing published: suppressed
        ("V5", "U1"): 100.0, ("V5", "U2"): 5.0,   # another kommun: not listed
    }), META, IND, min_coverage=0.5)
    got = {r.ou: (r.rank, r.score, r.coverage, r.status) for r in rows}
    assert got["V2"] == (1, pytest.approx(80.0), 0.5, "ok")
    assert got["V0"][:2] == (2, pytest.approx(50.0)) and got["V1"][:2] == (2, pytest.approx(50.0))
    assert got["V3"] == (None, None, 0.0, "suppressed")
    assert "V5" not in got and [r.ou for r in rows][-1] == "V3"


def test_a_stricter_coverage_leaves_a_half_published_unit_unranked() -> None:
    rows = rank_units("0114", data({("V2", "U1"): 90.0, ("V2", "U2"): None}), META, IND,
                      min_coverage=0.75)
    assert (rows[0].rank, rows[0].status, rows[0].values) == (None, "suppressed",
                                                              {"a": 90.0, "b": None})


def test_units_without_ou_kpis_says_how_to_get_them(capsys, project_dir) -> None:
    from hti_tui.cli.main import main

    assert main(["--config", str(project_dir), "units", "Örebro"]) == 2
    err = capsys.readouterr().err
    assert "ou_kpis" in err and "Traceback" not in err
