"""Names from data are never markup and never terminal escapes (issue #13).

A registry name with Rich markup crashed `compare` and `whatif` and turned
`[link=file:///etc/passwd]` into a live hyperlink; ANSI escapes reached the terminal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.data.clean import strip_controls

EVIL = "Öre[/]bro[link=file:///etc/passwd]x[/link]\x1b[2J\x1b]8;;file:///etc/passwd\x07"


@pytest.fixture
def evil(built: Path) -> Path:
    registry = built.parent / "datasets" / "reference" / "kommuner.csv"
    lines = registry.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if line.startswith("1880,"):
            lines[i] = line.replace(",Örebro,", f",{EVIL},", 1)
        if line.startswith("0180,"):
            lines[i] = line.replace(",Stockholm,", ",Stock[bold]holm[/],", 1)
    registry.write_text("\n".join(lines), encoding="utf-8")
    hti = built.read_text(encoding="utf-8")
    built.write_text(hti.replace('name = "Information"\n', 'name = "Info[/]rmation\\u001b[31m"\n',
                                 1), encoding="utf-8")
    assert main(["--config", str(built), "build"]) == 0
    return built


@pytest.mark.parametrize("args", [
    ["compare", "1880", "0180"], ["whatif", "1880", "--set", "nojd_helhet=90"],
    ["show", "1880"], ["rank"], ["trend", "1880"], ["peers", "1880"],
    ["priorities", "1880"], ["sensitivity"], ["audit"], ["indicator", "nojd_helhet"],
    ["compare", "0180", "1880", "--format", "csv"], ["show", "1880", "--format", "json"],
])
def test_markup_and_escapes_in_names_are_shown_literally(
        evil: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    capsys.readouterr()
    assert main(["--config", str(evil), *args]) == 0
    out, err = capsys.readouterr()
    assert "\x1b" not in out and "\x1b" not in err
    if args[0] in ("compare", "whatif", "show", "trend", "peers", "priorities") \
            and "--format" not in args:
        assert "Öre[/]bro[link=file:///etc/passwd]x[/link]" in out
    if args == ["show", "1880"]:
        assert "Info[/]rmation" in out  # a node name from hti.toml


def test_unknown_kommun_error_quotes_markup_literally(evil: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(evil), "show", "[bold]Nowhere[/]\x1b[2J"]) == 2
    err = capsys.readouterr().err
    assert "[bold]Nowhere[/]" in err and "\x1b" not in err


def test_strip_controls() -> None:
    assert strip_controls(EVIL) == "Öre[/]bro[link=file:///etc/passwd]x[/link]"
    assert strip_controls("Malå\tok\n") == "Malå\tok\n"
