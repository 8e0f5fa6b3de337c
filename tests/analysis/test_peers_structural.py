"""Structural peers on the shipped project: method stated, ranked only, one peer set for all."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from hti_tui.analysis import peers
from hti_tui.cli.main import main
from hti_tui.errors import DataError
from hti_tui.query import peers as peers_q
from hti_tui.query.context import Index
from tests.conftest import REPO, copy_project

#: ../shared/data relative to the repository (../../shared from a helper's worktree).
LIKNANDE = next((p for p in (base / "shared" / "data" / "kolada_reference" /
                             "liknande_kommuner_aldreomsorg_2024.csv"
                             for base in (REPO.parent, REPO.parent.parent)) if p.is_file()),
                REPO.parent / "shared" / "data" / "kolada_reference" /
                "liknande_kommuner_aldreomsorg_2024.csv")


def test_choose_takes_the_first_structural_method_with_ranked_peers() -> None:
    profile = np.arange(12.0).reshape(6, 2)
    eligible = np.array([True, True, False, True, True, True])
    groups = np.array(["A", "A", "A", "B", "B", None], dtype=object)
    first = peers.Candidates("liknande", np.array([2]), label="file")  # only an unranked one
    second = peers.Candidates("kommungrupp", *[peers.same_group(groups, 0).units],
                              label="A")
    ps = peers.choose(0, [first, second], eligible, profile, min_peers=1)
    assert ps.method == "kommungrupp" and ps.units.tolist() == [1] and ps.structural
    assert "gave no peers" in ps.text and "same SKR kommungrupp A" in ps.text
    none = peers.choose(5, [peers.Candidates("kommungrupp", np.empty(0, np.int64),
                                             why="no group")], eligible, profile, k=2)
    assert none.method == "profile" and not none.structural
    assert "liknande resultatprofil" in none.text and 2 not in none.units.tolist()


@pytest.fixture(scope="module")
def hti(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = copy_project(tmp_path_factory.mktemp("peers"))
    assert main(["--config", str(config), "build"]) == 0
    return config


def run_json(capsys, config: Path, *args: str):
    capsys.readouterr()
    assert main(["--config", str(config), *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("name", ["Göteborg", "Stockholm"])
def test_big_cities_have_structural_peers(hti: Path, capsys, name: str) -> None:
    view = run_json(capsys, hti, "peers", name)
    assert view["structural"] and view["method_key"] in peers.STRUCTURAL
    names = {p["kommun_namn"] for p in view["peers"]}
    assert name not in names and {"Färgelanda", "Övertorneå", "Skinnskatteberg"}.isdisjoint(names)
    assert names <= {"Stockholm", "Göteborg", "Malmö"}  # SKR A1 storstäder
    assert "A1" in view["method"]
    pts = [b["points"] for b in view["better"]]
    assert pts == sorted(pts, reverse=True)
    for b in view["better"]:  # only real gaps: the peers' median is higher
        assert b["score"] is None or b["score"] < b["peer_median"]


def test_unranked_never_peers_and_one_peer_set_everywhere(hti: Path, capsys) -> None:
    f = Index.open(hti)
    year = f.built_years()[-1]
    ranked = peers_q._ranked_mask(f, year)
    for u in range(0, len(ranked), 7):
        ps = peers_q.peer_info(f, year, u)
        assert ranked[ps.units].all() and u not in ps.units.tolist()
        assert ps.text
    prio = run_json(capsys, hti, "priorities", "Stockholm", "--target", "peers")
    view = run_json(capsys, hti, "peers", "Stockholm")
    assert prio["peers_method"].endswith(view["method"])
    assert all(i["points"] > 0 for i in prio["items"])


def test_liknande_kommuner_from_koladas_groups(tmp_path: Path, capsys) -> None:
    if not LIKNANDE.is_file():
        pytest.skip(f"{LIKNANDE} is not here")
    config = copy_project(tmp_path)
    text = config.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("liknande_file"))
    path = LIKNANDE.as_posix().replace("2024", "{year}")
    config.write_text(text.replace(line, f'liknande_file = "{path}"'), encoding="utf-8")
    assert main(["--config", str(config), "build"]) == 0
    view = run_json(capsys, config, "peers", "Göteborg")
    assert view["method_key"] == "liknande" and "Liknande kommuner äldreomsorg" in view["method"]
    listed = {r.split(",")[-1].strip() for r in LIKNANDE.read_text(encoding="utf-8").splitlines()
              if r.startswith("1480,")}
    assert {p["kommun_namn"] for p in view["peers"]} <= listed


def test_a_broken_peer_list_names_file_row_and_column(tmp_path: Path) -> None:
    f = Index.open(copy_project(tmp_path, with_raw=False))
    bad = tmp_path / "list.csv"
    bad.write_text("kommun_kod,liknande_kommun_kod\n0114,0115\n0114,9999\n", encoding="utf-8")
    from hti_tui.query.peers import read_peer_lists

    with pytest.raises(DataError) as err:
        read_peer_lists(bad, "list.csv", f.registry)
    assert err.value.row == 3 and err.value.column == "liknande_kommun_kod"
    shutil.copy(bad, tmp_path / "other.csv")
    (tmp_path / "other.csv").write_text("kod,peer\n", encoding="utf-8")
    with pytest.raises(DataError, match="no column 'kommun_kod'"):
        read_peer_lists(tmp_path / "other.csv", "other.csv", f.registry)


def test_a_kommun_without_survey_starts_with_what_unblocks_it(hti: Path, capsys) -> None:
    f = Index.open(hti)
    year = f.built_years()[-1]
    ranked = peers_q._ranked_mask(f, year)
    data = f.data(year)
    blocked = [data.unit_ids[u] for u in np.flatnonzero(~ranked)
               if not np.isnan(f.computed(year).index[u])][:3]
    assert blocked, "the shipped data have unranked kommuner without a survey"
    for unit in blocked:
        view = run_json(capsys, hti, "priorities", unit)
        first, rest = view["items"][0], view["items"][1:]
        assert view["blocked"] and not view["ranked"]
        assert first["basis"] == "unblock" and first["unblocks"] == "utforande"
        assert first["points"] is None and first["new_rank"]  # it buys the rank
        assert rest and all(i["points"] > 0 for i in rest)  # on top of step 1, never a loss
