"""A unit name that looks like Rich markup is shown as written, on the ranking and export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.text import Text

from hti_tui.cli.main import main
from hti_tui.tui.app import HtiApp
from tests.tui.conftest import wait_for_ranking

NAMES = {"Austria": "[bold]Austria[/bold]", "Belgium": "[link=https://example.org]Belgium[/link]"}


@pytest.fixture(scope="module")
def markup_project(tmp_path_factory: pytest.TempPathFactory, asem_built: Path) -> Path:
    dest = tmp_path_factory.mktemp("markup")
    for name in ("hti.toml", "iData.csv", "iMeta.csv"):
        shutil.copy2(asem_built.parent / name, dest / name)
    data = (dest / "iData.csv").read_text(encoding="utf-8")
    for plain, markup in NAMES.items():
        data = data.replace(f'"{plain}"', f'"{markup}"').replace(f"\n{plain},", f"\n{markup},")
    (dest / "iData.csv").write_text(data, encoding="utf-8")
    assert main(["--config", str(dest / "hti.toml"), "build"]) == 0
    return dest / "hti.toml"


@pytest.mark.asyncio
async def test_markup_in_names_is_literal_on_the_ranking(markup_project: Path) -> None:
    app = HtiApp(markup_project)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        names = {r.kommun_namn for r in screen.shown}
        assert set(NAMES.values()) <= names
        table = screen.query_one("#ranking")
        shown = set()
        for row in range(table.row_count):
            cell = table.get_row_at(row)[2]
            shown.add(cell.plain if isinstance(cell, Text) else str(cell))
        assert set(NAMES.values()) <= shown
        await pilot.press("slash", *"bold")
        await pilot.pause()
        assert [r.kommun_namn for r in screen.shown] == ["[bold]Austria[/bold]"]
        assert {r["kommun_namn"] for r in screen.export_rows()} == {"[bold]Austria[/bold]"}
