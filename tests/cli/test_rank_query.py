"""hti rank --sort/--reverse/--search and the filter rules of RankQuery, on ASEM."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.query import RankQuery


def rank(capsys: pytest.CaptureFixture[str], config: Path, *args: str) -> list[dict]:
    assert main(["--config", str(config), "rank", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_sort_keys_and_reverse(capsys: pytest.CaptureFixture[str], asem_project: Path) -> None:
    by_index = rank(capsys, asem_project, "--sort", "index")
    values = [r["index"] for r in by_index if r["index"] is not None]
    assert values == sorted(values, reverse=True)
    worst_first = rank(capsys, asem_project, "--sort", "index", "--reverse")
    assert [r["kommun_kod"] for r in worst_first if r["index"] is not None] == \
        [r["kommun_kod"] for r in by_index if r["index"] is not None][::-1]
    names = [r["kommun_namn"] for r in rank(capsys, asem_project, "--sort", "name")]
    assert names[0] < names[-1]
    by_sust = rank(capsys, asem_project, "--sort", "Sust", "--top", "3")
    assert [r["delindex"]["Sust"] for r in by_sust] == sorted(
        (r["delindex"]["Sust"] for r in by_sust), reverse=True)
    assert main(["--config", str(asem_project), "rank", "--sort", "nope"]) == 2
    assert "cannot sort by 'nope'" in capsys.readouterr().err


def test_search_and_unknown_filters(capsys: pytest.CaptureFixture[str],
                                    asem_project: Path) -> None:
    rows = rank(capsys, asem_project, "--search", "land")
    assert rows and all("land" in r["kommun_namn"].lower() for r in rows)
    assert main(["--config", str(asem_project), "rank", "--group", "no such group"]) == 2
    assert "no result group" in capsys.readouterr().err


def test_argv_round_trips_through_the_parser() -> None:
    from hti_tui.cli.commands.rank import query_of
    from hti_tui.cli.main import parser

    q = RankQuery(year=2018, lan="Asia", group="High", search="ia", sort="name",
                  reverse=True, top=4)
    args = parser().parse_args(q.argv())
    assert query_of(args) == q
    assert RankQuery().argv() == ["rank"]
