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
    # real structural facts, every kommun: SKR kommungrupp 2023 and folkmängd 2024
    assert registry.table.column("group").null_count == 0
    assert registry.table.column("population").null_count == 0


def _csv(name: str) -> list[dict[str, str]]:
    import csv

    with open(REPO / "datasets/reference" / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_registry_agrees_with_the_shipped_reference_files(registry) -> None:
    """kommuner.csv joins the three shipped source files (PROVENANCE.md); nothing else."""
    groups = {r["kommun_kod"]: r for r in _csv("kommungrupp_2023.csv")}
    people = {r["kommun_kod"]: int(r["folkmangd"]) for r in _csv("folkmangd.csv")}
    old = {r["kommun_kod"]: r["folkmangd_80plus"] for r in _csv("folkmangd_80plus.csv")
           if r["year"] == "2023"}
    assert registry.column("kommungrupp") == [groups[u]["gruppkod"] for u in registry.ids]
    assert registry.column("kommungrupp_namn") == [groups[u]["kommungrupp"]
                                                   for u in registry.ids]
    assert registry.column("population") == [people[u] for u in registry.ids]
    assert registry.column("folkmangd_80plus") == [old[u] for u in registry.ids]
    assert [groups[u]["kommun_namn"] for u in registry.ids] == registry.names
    # the published checks of SOURCES.md
    assert sum(people.values()) == 10_587_710
    counts = {g: registry.column("group").count(g) for g in set(registry.column("group"))}
    assert counts == {"A1": 3, "A2": 43, "B3": 23, "B4": 63, "B5": 24, "C6": 27, "C7": 51,
                      "C8": 35, "C9": 21}


def test_size_bands_are_derived_from_folkmangd(registry) -> None:
    bands = [(15_000, "under 15 000"), (30_000, "15 000–29 999"), (70_000, "30 000–69 999"),
             (200_000, "70 000–199 999"), (10**9, "200 000 och fler")]
    expected = [next(b for limit, b in bands if n < limit)
                for n in registry.column("population")]
    assert registry.column("storleksklass") == expected
    assert [expected.count(b) for _, b in bands] == [132, 70, 54, 30, 4]


def test_an_unknown_registry_column_is_named(registry) -> None:
    assert registry.has_column("kommungrupp") and registry.has_column("group")
    assert not registry.has_column("kommungrup")
    with pytest.raises(KeyError, match=r"kommungrup.*known: .*kommungrupp"):
        registry.column("kommungrup")


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
