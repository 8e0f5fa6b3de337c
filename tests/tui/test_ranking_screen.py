"""The ranking screen: sort, search, filter, year switch, marks, export, copy, status line."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from hti_tui.query import RankQuery
from hti_tui.query.ranking import rank
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.ranking import RankingScreen
from tests.tui.conftest import wait_for_ranking


@pytest.mark.asyncio
async def test_ranking_shows_every_unit_sorted_by_rank(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        expected = rank(app.index, RankQuery())
        assert [r.kommun_kod for r in screen.shown] == [r.kommun_kod for r in expected]
        count = str(screen.query_one("#ranking-count").content)
        assert count.startswith("51 of 51")
        assert "rank --year 2018" in screen.cli_command()


@pytest.mark.asyncio
async def test_sort_keys_and_header_click(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        await pilot.press("n")
        names = [r.kommun_namn for r in screen.shown]
        assert names[:3] == ["Australia", "Austria", "Bangladesh"]
        await pilot.press("n")
        assert screen.shown[0].kommun_namn == names[-1]
        await pilot.press("r")
        assert screen.shown[0].rank == 1
        await pilot.click("#ranking", offset=(40, 0))  # a header cell
        await pilot.pause()
        assert screen.sort_key != "rank" or screen.reverse


@pytest.mark.asyncio
async def test_click_after_sorts_selects_the_row_drawn_there(hti_built: Path) -> None:
    """The table keeps cells' renderings across sorts (RankingTable); a click must still
    land on the kommun drawn where it is, not where its cell was first drawn."""
    app = HtiApp(hti_built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        table = screen.query_one("#ranking", DataTable)
        for key in ("n", "r", "n", "n"):  # name, rank, name, name reversed: rows move
            await pilot.press(key)
            await pilot.pause()
        fourth = int(table.scroll_y) + 3  # the cursor followed its kommun: scrolled
        await pilot.click("#ranking", offset=(12, 4))  # the name cell of the fourth row
        await pilot.pause()
        assert table.cursor_row == fourth
        assert screen.current() == screen.shown[fourth]


@pytest.mark.asyncio
async def test_search_draws_its_rows_and_a_click_lands_on_them(hti_built: Path) -> None:
    """The search filters in the step of its own keystroke (SearchInput) and the table
    draws kept cells in their new rows: what is drawn, the count, the CLI line and a
    click all agree; the header (kept too) still sorts on a click."""
    app = HtiApp(hti_built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        table = screen.query_one("#ranking", DataTable)
        for typed in ("s", "sk", "s", "sto"):
            await pilot.press("slash", "ctrl+u", *typed)  # ctrl+u: empty the field
            await pilot.pause()
            names = [r.kommun_namn for r in screen.shown]
            assert names and all(typed in n.lower() for n in names)
            for y, name in enumerate(names[:12], start=1):  # line 0 is the header
                assert f" {name} " in table.render_line(y).text
            assert str(screen.query_one("#ranking-count").content) == f"{len(names)} av 290"
            assert f"--search {typed}" in str(screen.query_one("#status-line").content)
        await pilot.click("#ranking", offset=(12, 2))  # the name cell of the second row
        await pilot.pause()
        assert screen.current() == screen.shown[1]
        await pilot.click("#ranking", offset=(12, 0))  # the header "Kommun"
        await pilot.pause()
        assert screen.sort_key == "name"
        assert [r.kommun_namn for r in screen.shown] == sorted(names, key=str.lower)


@pytest.mark.asyncio
async def test_search_is_incremental_and_accent_tolerant(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        await pilot.press("slash", "g", "e", "r")
        await pilot.pause()
        assert [r.kommun_namn for r in screen.shown] == ["Germany"]
        assert "--search ger" in str(screen.query_one("#status-line").content)
        await pilot.press("escape", "x")
        await pilot.pause()
        assert len(screen.shown) == 51


@pytest.mark.asyncio
async def test_filter_by_region_matches_cli(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        screen.query_one("#filter-lan").value = "Asia"
        await pilot.pause()
        cli_rows = rank(app.index, RankQuery(lan="Asia"))
        assert [r.kommun_kod for r in screen.shown] == [r.kommun_kod for r in cli_rows]
        assert "--lan Asia" in screen.cli_command()
        assert screen.export_rows() == [r.as_dict() for r in cli_rows]


@pytest.mark.asyncio
async def test_export_writes_the_view(asem_built: Path, tmp_path: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        await pilot.press("n")
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#export-path")
        field.value = str(tmp_path / "view.csv")
        await pilot.press("enter")
        await pilot.pause()
        text = (tmp_path / "view.csv").read_text(encoding="utf-8").splitlines()
        assert text[0].startswith("rank,kommun_kod,kommun_namn")
        assert text[1].split(",")[2] == "Australia"
        assert isinstance(app.screen, RankingScreen)


@pytest.mark.asyncio
async def test_copy_cell_and_row(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        await pilot.press("right", "right")
        assert screen.copy_cell() == screen.shown[0].kommun_namn
        header, row = screen.copy_cell(row=True).split("\n")
        assert header.split("\t")[2] == "Country"
        assert row.split("\t")[2] == screen.shown[0].kommun_namn
        await pilot.press("y")
        assert app.clipboard == screen.shown[0].kommun_namn


@pytest.mark.asyncio
async def test_marks_are_limited_to_five(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        for _ in range(6):
            await pilot.press("m", "down")
        assert len(screen.marked) == 5


@pytest.mark.asyncio
async def test_help_lists_bindings_in_the_language(asem_built: Path) -> None:
    app = HtiApp(asem_built, language="sv")
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.query_one("DataTable")
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        whats = {r[1] for r in rows}
        assert {"Sök", "Sortera kolumn", "Avsluta", "Exportera"} <= whats
        await pilot.press("escape")
        assert isinstance(app.screen, RankingScreen)


@pytest.mark.asyncio
async def test_keys_can_be_remapped_in_config(asem_built: Path, tmp_path: Path) -> None:
    import shutil

    for f in asem_built.parent.iterdir():
        if f.is_file():
            shutil.copy2(f, tmp_path / f.name)
    shutil.copytree(asem_built.parent / "build", tmp_path / "build")
    cfg = tmp_path / "hti.toml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + '\n[ui.keys]\nsort_name = "o"\n',
                   encoding="utf-8")
    text = cfg.read_text(encoding="utf-8").replace('[ui]\nlanguage = "en"\n', "")
    text = text.replace("\n[ui.keys]", '\n[ui]\nlanguage = "en"\n[ui.keys]')
    cfg.write_text(text, encoding="utf-8")
    app = HtiApp(cfg)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        await pilot.press("o")
        assert screen.sort_key == "name"
