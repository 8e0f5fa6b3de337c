"""The CLI as a person at an 80-column terminal and in a pipe sees it: one table style,
no kommun name or identifier cut, short delindex headers, Swedish (or English) words,
``--format json`` everywhere with ``--json`` as its alias, exact names before fuzzy ones.

Terminal runs go through a real pseudo-terminal of 80 columns (``hti`` in a subprocess),
so Rich's own terminal detection decides, as it does for a user.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.query import project_info as q_project_info
from hti_tui.query import ranking as q_ranking
from hti_tui.query.context import Index
from hti_tui.query.ranking import RankQuery

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def hti_cli(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.tui.conftest import build_copy

    return build_copy(tmp_path_factory.mktemp("hti_cli"), "hti")


def in_terminal(config: Path, *args: str, cols: int = 80) -> list[str]:
    """hti's output lines in a pseudo-terminal ``cols`` wide, without colours."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    proc = subprocess.Popen([sys.executable, "-m", "hti_tui.cli.main", "--config",
                             str(config), *args], stdin=follower, stdout=follower,
                            stderr=follower, env=env, close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(leader)
    text = ANSI.sub("", b"".join(chunks).decode("utf-8", "replace")).replace("\r", "")
    return text.splitlines()


def in_pipe(capsys, config: Path, *args: str) -> list[str]:
    main(["--config", str(config), *args])
    return capsys.readouterr().out.splitlines()


def test_rank_at_80_columns_keeps_every_name_and_drops_lan_first(hti_cli: Path) -> None:
    lines = in_terminal(hti_cli, "rank")
    header = next(line for line in lines if line.startswith("Rang"))
    words = header.split()
    assert words[:3] == ["Rang", "Kommun", "Index"] and words[3].startswith("Res")
    assert words[4:] == ["Info", "Bistånd", "Utförande", "Stöd", "Δ"]  # Län left out
    assert all(len(line) <= 80 for line in lines)
    rows = q_ranking.rank(Index.open(hti_cli), RankQuery())
    body = "\n".join(lines)
    for r in rows:  # every kommun's name, whole, on its own row
        rank = str(r.rank) if r.rank else r"\S+"  # an unranked row has its marker
        assert re.search(rf"^\s*{rank}\s+{re.escape(r.kommun_namn)}\s", body, re.M), r


def test_rank_in_a_pipe_is_the_same_style_at_full_width(capsys, hti_cli: Path) -> None:
    few = in_pipe(capsys, hti_cli, "rank", "--top", "3")
    many = in_pipe(capsys, hti_cli, "rank")
    for lines in (few, many):
        head = next(i for i, line in enumerate(lines) if line.startswith("Rang"))
        assert set(lines[head + 1]) == {"─"}  # one rule under the header, no box
        assert "Län" in lines[head]
    assert "Västra Götalands län" in "\n".join(many)  # nothing shortened in a pipe
    assert next(x for x in few if x.startswith("Rang")).split() == \
        next(x for x in many if x.startswith("Rang")).split()


@pytest.mark.parametrize("command", ["plugins", "sources", "audit"])
def test_identifiers_are_never_cut_at_80_columns(hti_cli: Path, command: str) -> None:
    from hti_tui.project import Project

    text = "\n".join(in_terminal(hti_cli, command))
    if command == "plugins":
        wanted = list(Project.load(hti_cli).plugins.records)
    elif command == "sources":
        wanted = [r["file"] for r in q_project_info.sources(Index.open(hti_cli)) if r["file"]]
    else:
        wanted = Index.open(hti_cli).indicator_ids()
    assert wanted
    for ident in wanted:
        assert ident in text, ident


def test_exact_name_wins_over_a_folded_one(capsys, hti_cli: Path) -> None:
    main(["--config", str(hti_cli), "compare", "Håbo", "Habo", "--json"])
    view = json.loads(capsys.readouterr().out)
    assert [k["kommun_namn"] for k in view["kommuner"]] == ["Håbo", "Habo"]


def test_compare_rows_in_model_order(capsys, hti_cli: Path) -> None:

    lines = in_pipe(capsys, hti_cli, "compare", "Örebro", "Kumla", "--levels", "delindex")
    f = Index.open(hti_cli)
    names = [f.node_name(d) for d in f.delindex_ids()]
    found = [next(i for i, line in enumerate(lines) if line.strip().startswith(n))
             for n in names]
    assert found == sorted(found)


@pytest.mark.parametrize("command", [["rank"], ["plugins"], ["validate"], ["build"],
                                     ["sources"], ["show", "Örebro"]])
def test_json_alias_everywhere(capsys, hti_cli: Path, command: list[str]) -> None:
    main(["--config", str(hti_cli), *command, "--json"])
    alias = json.loads(capsys.readouterr().out)
    main(["--config", str(hti_cli), *command, "--format", "json"])
    assert json.loads(capsys.readouterr().out).keys() if isinstance(alias, dict) else alias


@pytest.mark.parametrize(("language", "words"), [
    ("sv", ["Där de jämförbara är bättre", "tänk om", "Vilken faktor flyttar rangen", "Källor"]),
    ("en", ["Where the peers do better", "what if", "Which factor moves ranks", "Sources"]),
])
def test_cli_headings_in_the_users_language(capsys, hti_cli: Path, tmp_path: Path,
                                            language: str, words: list[str]) -> None:
    config = hti_cli
    if language == "en":
        text = hti_cli.read_text(encoding="utf-8")
        config = hti_cli.parent / "hti_en.toml"
        config.write_text(text.replace('language = "sv"', 'language = "en"'), encoding="utf-8")
        assert 'language = "en"' in config.read_text(encoding="utf-8")
    out = []
    for args in (["peers", "Örebro"], ["whatif", "Örebro", "--set", "web_kontakt=1"],
                 ["sensitivity", "--runs", "20", "--top", "3"], ["sources"]):
        out += in_pipe(capsys, config, *args)
    text = "\n".join(out)
    for word in words:
        assert word in text, word
