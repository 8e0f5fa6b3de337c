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


def _line(code: bytes) -> bytes:
    """The shipped 2023 line of kommun ``code`` (the data are synthetic; the edits below
    are built from whatever the line holds)."""
    data = (RAW / "2023" / "senior_alert_2023.csv").read_bytes()
    return next(line for line in data.split(b"\r\n") if line.startswith(code + b";"))


def test_implausible_counts_are_invalid_and_noted(read, tmp_path: Path) -> None:
    vasby, orebro = _line(b"0114"), _line(b"1880")
    v = vasby.split(b";")
    o = orebro.split(b";")
    at_risk = int(o[7].replace(b"\xa0", b""))
    path = _edit(tmp_path, {
        vasby: b";".join([*v[:2], b"1,024", *v[3:]]),  # ambiguous
        orebro: b";".join([*o[:8], str(at_risk + 85).encode()]),  # more given an action
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
