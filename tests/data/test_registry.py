from __future__ import annotations

from pathlib import Path

import pytest

from hti_tui.data.registry import fold, load_registry, registry_from_ids
from hti_tui.errors import DataError

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def registry():
    ref = REPO / "datasets/reference"
    return load_registry(ref / "kommuner.csv", code_changes=ref / "kodandringar.csv")


def test_shipped_registry_has_290_kommuner(registry) -> None:
    assert len(registry) == 290
    assert len(set(registry.ids)) == 290
    assert all(len(u) == 4 and u.isdigit() for u in registry.ids)
    assert registry.name("1880") == "Örebro"
    # structural facts are not invented: kommungrupp and folkmängd stay empty
    assert registry.table.column("group").null_count == 290
    assert registry.table.column("population").null_count == 290


def test_codes_are_strings_and_padded(registry) -> None:
    assert registry.resolve("0114") == ("0114", None)
    assert registry.resolve(114)[0] == "0114"
    assert registry.resolve(114.0)[0] == "0114"
    assert registry.resolve(" 0114 ")[0] == "0114"


def test_old_code_is_mapped_with_a_reason(registry) -> None:
    unit, why = registry.resolve("1917")
    assert unit == "0331"
    assert why and "1917" in why and "Heby" in why


def test_unknown_code(registry) -> None:
    unit, why = registry.resolve("9999")
    assert unit is None and "9999" in why


def test_find_is_accent_and_case_tolerant(registry) -> None:
    assert registry.find("orebro") == ["1880"]
    assert registry.find("ÖREBRO") == ["1880"]
    assert registry.find("1880") == ["1880"]
    assert registry.find("Malmo") == ["1280"]
    assert "Örebro" in registry.suggest("Örebor")


def test_fold() -> None:
    assert fold("Åre") == fold("are")
    assert fold("Malmö") == "malmo"


@pytest.mark.parametrize(("text", "message", "row", "column"), [
    ("kod,namn\n", "missing column 'kommun_kod'", 1, "kommun_kod"),
    ("kommun_kod,kommun_namn\n0114,A\n0114,B\n", "appears twice (first on row 2)", 3,
     "kommun_kod"),
    ("kommun_kod,kommun_namn\n,A\n", "empty unit code", 2, "kommun_kod"),
    ("kommun_kod,kommun_namn\n0114,\n", "empty name", 2, "kommun_namn"),
    ("kommun_kod,kommun_namn,folkmangd\n0114,A,many\n", "not a whole number", 2, "folkmangd"),
    ("kommun_kod,kommun_namn\n0114,A,extra\n", "expected 2 fields", 2, None),
])
def test_bad_registry(tmp_path: Path, text: str, message: str, row: int, column: str) -> None:
    path = tmp_path / "units.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_registry(path)
    err = info.value
    assert message in err.message
    assert err.row == row
    assert err.column == column
    assert str(path) in str(err)


def test_registry_is_not_swedish_only() -> None:
    reg = registry_from_ids(["AUT", "BEL"], ["Austria", "Belgium"])
    assert reg.resolve("AUT") == ("AUT", None)
    assert reg.resolve("1")[0] is None
