"""[index] decimals in hti.toml sets the decimals of index and delindex scores in
`hti rank`, `hti show` and the ranking screen (default 1)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.tui.app import HtiApp
from tests.tui.conftest import wait_for_ranking


def _decimals(built: Path, decimals: int) -> None:
    text = built.read_text(encoding="utf-8")
    assert "decimals = 1\n" in text
    built.write_text(text.replace("decimals = 1\n", f"decimals = {decimals}\n", 1),
                     encoding="utf-8")


def _sv(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def test_rank_and_show_use_the_declared_decimals(built: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _decimals(built, 3)
    assert main(["--config", str(built), "build"]) == 0
    capsys.readouterr()
    assert main(["--config", str(built), "rank", "--year", "2024", "--format", "json"]) == 0
    top = json.loads(capsys.readouterr().out)[0]
    assert main(["--config", str(built), "rank", "--year", "2024"]) == 0
    table = capsys.readouterr().out
    line = next(li for li in table.splitlines() if top["kommun_namn"] in li)
    assert _sv(top["index"], 3) in line
    for value in top["delindex"].values():
        assert _sv(value, 3) in line
    assert main(["--config", str(built), "show", top["kommun_kod"], "--year", "2024"]) == 0
    shown = capsys.readouterr().out
    assert _sv(top["index"], 3) in shown
    assert re.search(r"\b\d+,\d{3}\b", shown)


def test_default_is_one_decimal(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--config", str(built), "rank", "--year", "2024", "--format", "json"]) == 0
    top = json.loads(capsys.readouterr().out)[0]
    assert main(["--config", str(built), "rank", "--year", "2024"]) == 0
    line = next(li for li in capsys.readouterr().out.splitlines() if top["kommun_namn"] in li)
    assert _sv(top["index"], 1) in line and _sv(top["index"], 3) not in line


@pytest.mark.asyncio
async def test_ranking_screen_uses_the_declared_decimals(built: Path) -> None:
    _decimals(built, 2)
    assert main(["--config", str(built), "build"]) == 0
    app = HtiApp(built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        row = screen.shown[0]
        cells = [str(c) for c in screen.cells(row)]
        assert _sv(row.index, 2) in cells
        for value in row.delindex.values():
            assert any(c.startswith(_sv(value, 2)) for c in cells)
