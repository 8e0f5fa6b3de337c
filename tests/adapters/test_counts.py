"""Counts without plausibility (issue #13): `1,024`, a part larger than its whole, a
negative total — each is invalid with a note naming file, row and column, never a share
clipped to 100 %."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.conftest import RAW


def _edit(tmp_path: Path, replace: dict[bytes, bytes]) -> Path:
    data = (RAW / "2023" / "senior_alert_2023.csv").read_bytes()
    for old, new in replace.items():
        assert old in data
        data = data.replace(old, new)
    out = tmp_path / "senior_alert_2023.csv"
    out.write_bytes(data)
    return out


def test_implausible_counts_are_invalid_and_noted(read, tmp_path: Path) -> None:
    path = _edit(tmp_path, {
        b"0114;Upplands V\xe4sby;1\xa0024;": b"0114;Upplands V\xe4sby;1,024;",  # ambiguous
        b"1880;\xd6rebro;524;411;380;417;370;260;215":
            b"1880;\xd6rebro;524;411;380;417;370;260;300",  # more given an action than at risk
    })
    lines = path.read_bytes().split(b"\n")
    for i, line in enumerate(lines):
        if line.startswith(b"2582;"):
            parts = line.split(b";")
            parts[2] = b"-12"
            lines[i] = b";".join(parts)
    path.write_bytes(b"\n".join(lines))
    got = read("senior_alert_csv", path, 2023)
    assert got.value("0114", "inskrivna")[1] == "invalid"
    assert got.value("1880", "med_risk_atgard")[1] == "invalid"
    assert got.value("1880", "med_risk")[1] == "ok"
    assert got.value("2582", "inskrivna")[1] == "invalid"
    text = {n.code: n for n in got.ctx.notes if n.code in ("invalid_value",
                                                           "part_exceeds_whole")}
    ambiguous = [n for n in got.ctx.notes if "ambiguous" in n.message]
    assert ambiguous and ambiguous[0].column == "Antal personer 65+" and ambiguous[0].row == 3
    negative = [n for n in got.ctx.notes if "negative" in n.message]
    assert negative and negative[0].column == "Antal personer 65+"
    part = text["part_exceeds_whole"]
    assert part.column == "Personer med risk och åtgärd" and part.severity == "error"
    assert "Personer med risk" in part.message and part.row is not None


def test_shipped_counts_are_plausible(read) -> None:
    for year in (2021, 2022, 2023, 2024):
        got = read("senior_alert_csv", RAW / str(year) / f"senior_alert_{year}.csv", year)
        assert not [n for n in got.ctx.notes if n.severity == "error"]
