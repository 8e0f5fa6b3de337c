"""The compare screen: opened from marks in the ranking, every level with Δ and the
leader marked, add and remove kommuner, numbers and export equal to ``hti compare``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.text import Text

from hti_tui.cli.main import main
from hti_tui.query.compare import compare as compare_view
from hti_tui.report.flags import mark_words
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.compare import LEADER, CompareScreen
from tests.tui.conftest import wait_for_ranking, wait_for_screen


async def wait_for_compare(app, pilot, units: list[str] | None = None,
                           timeout: float = 20.0) -> CompareScreen:
    """Pause until the compare screen shows (these) kommuner."""
    return await wait_for_screen(
        app, pilot, CompareScreen, lambda s: s.view is not None and (
            units is None or [k["kommun_kod"] for k in s.view.kommuner] == units), timeout)


def plain(cell: object) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


@pytest.mark.asyncio
async def test_marks_in_the_ranking_open_the_comparison(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        ranking = await wait_for_ranking(app, pilot)
        first, second = ranking.shown[0].kommun_kod, ranking.shown[1].kommun_kod
        await pilot.press("m", "down", "m", "c")
        screen = await wait_for_compare(app, pilot, [first, second])
        assert screen.units == [first, second]
        assert screen.cli_command().endswith(f"compare {first} {second} --year 2018")
        assert "compare" in str(screen.query_one("#status-line").content)
        await pilot.press("escape")
        assert app.screen is ranking


@pytest.mark.asyncio
async def test_numbers_are_the_query_layers(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        app.open_compare(["AUT", "BEL", "DEU"], 2018)
        screen = await wait_for_compare(app, pilot)
        view = compare_view(app.index, ["AUT", "BEL", "DEU"], 2018)
        assert screen.view.as_dict() == view.as_dict()
        table = screen.query_one("#compare-table")
        assert table.row_count == len(view.nodes)
        assert len(table.columns) == 1 + 3 + 2  # name, three scores, two Δ
        root = [plain(c) for c in table.get_row_at(0)]
        node = view.nodes[0]
        # Germany (3rd) leads the index; a star marks it, not colour alone
        assert root[0] == node["name"]
        assert root[1] == "56.9" and root[2] == "58.7" and root[4] == f"{LEADER} 75.2"
        assert root[3] == "▼ −1.8" and root[5] == "▼ −18.4"
        # every level: index, sub-indices, pillars and indicators are all rows
        assert {n["level"] for _, n in screen.rows} == {0, 1, 2, 3}
        # the tree order puts each pillar under its sub-index
        ids = [n["id"] for _, n in screen.rows]
        tree = app.index.model.tree
        for depth, n in screen.rows[1:]:
            assert ids.index(n["parent"]) < ids.index(n["id"])
            assert depth == screen.rows[ids.index(n["parent"])][0] + 1
        assert tree.children(ids[0])  # the root has children
        gap = screen.query_one("#compare-gap")
        assert gap.row_count == len(view.gap)
        assert plain(gap.get_row_at(0)[0]) == view.gap[0]["name"]


@pytest.mark.asyncio
async def test_export_rows_equal_cli(asem_built: Path, capsys) -> None:
    assert main(["--config", str(asem_built), "compare", "AUT", "BEL", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert main(["--config", str(asem_built), "compare", "AUT", "BEL", "--format", "csv"]) == 0
    header = capsys.readouterr().out.splitlines()[0].split(",")
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        app.open_compare(["AUT", "BEL"], 2018)
        screen = await wait_for_compare(app, pilot)
        rows = screen.export_rows()
        assert list(rows[0]) == header
        cli_rows = {n["id"]: {"node": n["id"], "name": n["name"], "level": n["level"],
                              "score.AUT": n["scores"][0], "score.BEL": n["scores"][1],
                              "flags.AUT": mark_words(n["marks"][0], app.language),
                              "flags.BEL": mark_words(n["marks"][1], app.language),
                              "diff.BEL": n["diff"][0]} for n in data["nodes"]}
        assert {r["node"]: r for r in rows} == cli_rows
        assert [r["node"] for r in rows] == [n["id"] for _, n in screen.rows]


@pytest.mark.asyncio
async def test_add_and_remove(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        app.open_compare(["AUT", "BEL"], 2018)
        screen = await wait_for_compare(app, pilot, ["AUT", "BEL"])
        await pilot.press("plus")
        field = screen.query_one("#compare-input")
        assert field.has_focus
        for ch in "germ":
            await pilot.press(ch)
        await pilot.press("enter")
        screen = await wait_for_compare(app, pilot, ["AUT", "BEL", "DEU"])
        assert screen.query_one("#compare-add").has_class("-hidden")
        assert "compare AUT BEL DEU" in screen.cli_command()
        # an unknown name is reported, nothing changes, the app stays up
        await pilot.press("plus", "x", "y", "z", "z", "y", "enter")
        await pilot.pause()
        assert screen.units == ["AUT", "BEL", "DEU"]
        await pilot.press("escape")
        assert screen.query_one("#compare-add").has_class("-hidden")
        # remove the kommun of the current column: Belgium's Δ column
        table = screen.query_one("#compare-table")
        table.focus()
        table.cursor_coordinate = (0, 3)
        await pilot.press("minus")
        screen = await wait_for_compare(app, pilot, ["AUT", "DEU"])
        # two is the least: removing is refused
        table.cursor_coordinate = (0, 2)
        await pilot.press("minus")
        await pilot.pause()
        assert screen.units == ["AUT", "DEU"]
        # at most five
        for unit in ("BEL", "SWE", "FRA"):
            screen.add_unit(unit)
            await wait_for_compare(app, pilot, screen.units)
        await pilot.press("plus")
        assert screen.query_one("#compare-add").has_class("-hidden")
        assert len(screen.units) == 5


@pytest.mark.asyncio
async def test_copy_and_gap_tab(asem_built: Path) -> None:
    app = HtiApp(asem_built, language="sv")
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        app.open_compare(["AUT", "BEL"], 2018)
        screen = await wait_for_compare(app, pilot)
        table = screen.query_one("#compare-table")
        table.cursor_coordinate = (0, 1)
        assert screen.copy_cell() == "56,9"  # Swedish decimal comma
        header, row = screen.copy_cell(row=True).split("\n")
        assert header.split("\t")[0] == "Nivå"
        assert row.split("\t")[:2] == [screen.view.nodes[0]["name"], "56,9"]
        await pilot.press("2")
        await pilot.pause()
        assert screen.query_one("#compare-gap").has_focus
        assert screen.copy_cell() == screen.view.gap[0]["name"]


@pytest.mark.asyncio
async def test_names_with_markup_show_as_written(asem_built: Path, tmp_path: Path) -> None:
    import shutil

    for name in ("hti.toml", "iData.csv", "iMeta.csv"):
        shutil.copy2(asem_built.parent / name, tmp_path / name)
    data = tmp_path / "iData.csv"
    data.write_text(data.read_text(encoding="utf-8").replace('"Austria"', '"[bold]Austria[/]"'),
                    encoding="utf-8")
    cfg = tmp_path / "hti.toml"
    assert main(["--config", str(cfg), "build"]) == 0
    app = HtiApp(cfg)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        app.open_compare(["AUT", "BEL"], 2018)
        screen = await wait_for_compare(app, pilot)
        table = screen.query_one("#compare-table")
        header = next(c.label for k, c in table.columns.items() if k.value == "s0")
        assert header.plain == "1 [bold]Austria[/]"
        assert plain(screen.query_one("#compare-kommuner").get_row_at(0)[1]) == \
            "[bold]Austria[/]"
        assert "[bold]Austria[/]" in str(screen.query_one("#compare-title").content)


@pytest.mark.asyncio
async def test_gap_tab_explains_the_pair_the_user_picks(hti_built: Path) -> None:
    app = HtiApp(hti_built, language="sv")
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_ranking(app, pilot)
        f = app.index
        units = [f.resolve(n) for n in ("Örebro", "Kumla", "Lund")]
        app.open_compare(units, f.default_year())
        screen = await wait_for_compare(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        table = screen.query_one("#compare-gap")
        headers = [str(c.label) for c in table.columns.values()]
        assert headers[1] == "Indexpoäng 1−2"  # index points, and of which pair
        select = screen.query_one("#gap-pair")
        assert [str(o[0]) for o in select._options][-1] == "2 Kumla − 3 Lund"
        select.value = "1,2"
        for _ in range(60):
            if screen.pair == (1, 2) and screen.gap_rows and \
                    str(list(table.columns.values())[1].label) == "Indexpoäng 2−3":
                break
            await pilot.pause(0.05)
        expected = compare_view(f, [units[1], units[2]], f.default_year()).gap
        assert [g["indicator"] for g in screen.gap_rows] == [g["indicator"] for g in expected]
        assert "2 Kumla" in str(screen.query_one("#gap-title").content)


@pytest.mark.asyncio
async def test_reweighted_and_context_values_are_flagged_in_words(hti_built: Path,
                                                                   capsys) -> None:
    """A kommun missing an indicator has its areas re-weighted: the comparison marks each
    such value ~ and says what ~ and ° mean, on the screen, in ``hti compare`` and in the
    CSV, never a plain ★ 100 that looks observed."""
    assert main(["--config", str(hti_built), "compare", "1490", "2421", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    marks = {n["id"]: n["marks"] for n in data["nodes"]}
    missing = [n["id"] for n in data["nodes"] if n["level"] == 0 and n["scores"][1] is None
               and marks[n["id"]][1] != "°"]
    assert missing, "the shipped data have Storuman (2421) missing an indicator"
    assert all("~" in marks[i][1] for i in missing)
    assert "~" in marks["index"][1] and "°" in marks["halsa_gemenskap"][0]
    assert main(["--config", str(hti_built), "compare", "1490", "2421"]) == 0
    text = capsys.readouterr().out
    assert "~ omviktat" in text and "° kontext" in text
    assert main(["--config", str(hti_built), "compare", "1490", "2421", "--format", "csv"]) == 0
    assert ",omviktat," in capsys.readouterr().out
    app = HtiApp(hti_built)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_ranking(app, pilot)
        app.open_compare(["1490", "2421"], 2024)
        screen = await wait_for_compare(app, pilot, ["1490", "2421"])
        legend = str(screen.query_one("#compare-legend").render())
        assert "~ omviktat" in legend and "° kontext" in legend
        row = next(i for i, (_, n) in enumerate(screen.rows) if n["id"] == missing[0])
        table = screen.query_one("#compare-table")
        assert plain(table.get_row_at(row)[2]).endswith("~")
        index_cell = plain(screen.query_one("#compare-kommuner").get_row_at(1)[3])
        assert index_cell.endswith("~")
