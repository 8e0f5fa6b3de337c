"""The plugins screen: loaded plugins and a failing one (the app stays up), source files
with provenance, build notes filtered like ``hti notes``; rows equal the query layer's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.text import Text

from hti_tui.data.parquet_store import read_provenance, write_table
from hti_tui.errors import Note
from hti_tui.pipeline import layout
from hti_tui.pipeline.observations import notes_table
from hti_tui.project import Project
from hti_tui.query import project_info
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.plugins import PluginsScreen
from tests.tui.conftest import wait_for_ranking, wait_for_screen

RAISER = '''
from hti_tui import hookimpl
__version__ = "0.3"

@hookimpl
def hti_sources():
    raise ValueError("bug in [bold]hook[/]")
'''


@pytest.fixture
def with_failing_plugin(asem_built: Path, tmp_path: Path) -> Path:
    """A copy of the built ASEM project whose plugin directory holds a plugin that raises,
    and whose build kept two data-quality notes."""
    for f in asem_built.parent.iterdir():
        if f.is_file():
            shutil.copy2(f, tmp_path / f.name)
    shutil.copytree(asem_built.parent / "build", tmp_path / "build")
    (tmp_path / "plugins").mkdir()
    (tmp_path / "plugins" / "raiser.py").write_text(RAISER, encoding="utf-8")
    cfg = tmp_path / "hti.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "directories = []", 'directories = ["plugins"]'), encoding="utf-8")
    config = Project.load(cfg, environ={}).config
    path = layout.notes_path(config, "asem", 2018)
    write_table(notes_table([
        Note("iData.csv", 5, "Gas", "value '..' read as not reported", "info", "token"),
        Note("iData.csv", 9, "LPI", "[red]odd[/] value", "warning", "range")], "asem", 2018),
        path, read_provenance(path))
    return cfg


async def wait_for_plugins(app, pilot, timeout: float = 20.0) -> PluginsScreen:
    return await wait_for_screen(app, pilot, PluginsScreen, lambda s: s.data is not None,
                                 timeout)


def cells(table, row: int) -> list[str]:
    return [c.plain if isinstance(c, Text) else str(c) for c in table.get_row_at(row)]


@pytest.mark.asyncio
async def test_lists_plugins_sources_and_notes(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        ranking = await wait_for_ranking(app, pilot)
        await pilot.press("p")
        screen = await wait_for_plugins(app, pilot)
        f = app.index
        assert screen.data.plugins == project_info.plugins(f)
        assert screen.data.sources == project_info.sources(f)
        assert screen.data.notes == project_info.notes(f) == []
        table = screen.query_one("#plugins-table")
        assert cells(table, 0)[0] == "hti.generic_table"
        assert cells(table, 0)[1] == "✓ loaded"
        assert screen.cli_command().endswith("hti --config " + str(asem_built) + " plugins")
        await pilot.press("2")
        await pilot.pause()
        sources = screen.query_one("#sources-table")
        row = cells(sources, 0)
        assert row[:2] == ["asem", "2018"] and row[6:] == ["generic_table", "iData.csv"]
        assert row[2] == "✓ built" and row[3] == "no" and row[4] == "2499"
        assert row[5] == project_info.sources(f)[0]["sha256"]
        assert screen.cli_command().endswith(" sources")
        assert screen.export_rows() == project_info.sources(f)
        await pilot.press("escape")
        assert app.screen is ranking


@pytest.mark.asyncio
async def test_a_failing_plugin_shows_and_the_app_stays_up(with_failing_plugin: Path) -> None:
    app = HtiApp(with_failing_plugin, language="sv")
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        await pilot.press("p")
        screen = await wait_for_plugins(app, pilot)
        table = screen.query_one("#plugins-table")
        rows = {cells(table, i)[0]: cells(table, i) for i in range(table.row_count)}
        raiser = rows["raiser"]
        assert raiser[5] == "katalog (plugins/raiser.py)" and raiser[2] == "0.3"
        assert raiser[1] == "✗ misslyckades"
        assert "hti_sources" in raiser[6] and "bug in [bold]hook[/]" in raiser[6]
        assert rows["hti.generic_table"][1] == "✓ laddad"
        problems = screen.query_one("#plugins-problems")
        assert "✗ raiser: hti_sources" in str(problems.content)
        assert not problems.has_class("-hidden")
        assert "(med fel: 1)" in str(screen.query_one("#plugins-summary").content)
        # the rest still works: notes, filters, back to the ranking
        await pilot.press("3")
        await pilot.pause()
        notes = screen.query_one("#notes-table")
        assert notes.row_count == 2
        assert cells(notes, 0)[0] == "! varning" and cells(notes, 0)[5] == "[red]odd[/] value"
        assert screen.export_rows() == project_info.notes(app.index)
        screen.query_one("#notes-severity").value = "info"
        await pilot.pause(0.3)
        assert notes.row_count == 1 and cells(notes, 0)[3] == "5"
        assert screen.cli_command().endswith("notes --severity info")
        screen.query_one("#notes-year").value = 2018
        await pilot.pause(0.3)
        assert screen.cli_command().endswith("notes --year 2018 --severity info")
        assert screen.export_rows() == project_info.notes(app.index, 2018, "info")
        assert screen.copy_cell() == "i info"
        await pilot.press("escape", "n")
        await pilot.pause()
        assert app.is_running
