"""The indicator screen: definition, weights, counts and spread equal to the query layer (and
``hti indicator``), a histogram, best and worst, and Enter opening a kommun."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.text import Text
from textual_plotext import PlotextPlot

from hti_tui.cli.main import main
from hti_tui.query.indicator import indicator as indicator_view
from hti_tui.query.project_info import indicator_weight
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.indicator import IndicatorScreen
from tests.tui.conftest import wait_for_ranking, wait_for_screen


async def wait_for_indicator(app, pilot, timeout: float = 20.0) -> IndicatorScreen:
    return await wait_for_screen(app, pilot, IndicatorScreen, lambda s: s.view is not None,
                                 timeout)


def plain(cell: object) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


@pytest.mark.asyncio
async def test_counts_and_spread_equal_the_query_layer(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        app.open_indicator("LPI", 2018)
        screen = await wait_for_indicator(app, pilot)
        view = indicator_view(app.index, "LPI", 2018)
        assert screen.view.as_dict() == view.as_dict()
        assert screen.weight == indicator_weight(app.index, "LPI", 2018)
        about = screen.query_one("#indicator-about").content.plain
        assert "Logistics Performance Index" in str(screen.query_one("#indicator-title")
                                                    .content)
        assert "Direction: higher is better" in about
        assert "Unit: Score 1-5" in about
        assert "Share of its quality area: 12.5 %" in about
        assert f"With a value: {int(view.stats['n'])} of {len(view.values)}" in about
        assert f"median: {view.stats['median']:.2f}" in about
        assert "not reported: 0" in about and f"ok: {view.counts['ok']}" in about
        assert screen.cli_command().endswith("indicator LPI --year 2018")
        assert screen.query_one(PlotextPlot) is not None
        top = screen.query_one("#indicator-top")
        bottom = screen.query_one("#indicator-bottom")
        assert top.row_count == bottom.row_count == 10
        assert plain(top.get_row_at(0)[1]) == view.values[0]["kommun_namn"]
        assert plain(bottom.get_row_at(9)[1]) == view.values[-1]["kommun_namn"]
        assert screen.query_one("#indicator-all").row_count == len(view.values)


@pytest.mark.asyncio
async def test_missing_values_are_counted(asem_built: Path) -> None:
    app = HtiApp(asem_built, language="sv")
    query_counts = None
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        # the indicator with the most values not reported
        f = app.index
        ident = max(f.indicator_ids(),
                    key=lambda i: indicator_view(f, i, 2018).counts.get("not_reported", 0))
        query_counts = indicator_view(f, ident, 2018).counts
        app.open_indicator(ident, 2018)
        screen = await wait_for_indicator(app, pilot)
        about = screen.query_one("#indicator-about").content.plain
        assert query_counts.get("not_reported", 0) > 0
        assert f"ej rapporterad: {query_counts['not_reported']}" in about
        assert f"skyddad (för få svar): {query_counts.get('suppressed', 0)}" in about
        rows = screen.query_one("#indicator-all")
        statuses = [plain(rows.get_row_at(i)[4]) for i in range(rows.row_count)]
        assert statuses.count("ej rapporterad") == query_counts["not_reported"]


@pytest.mark.asyncio
async def test_export_equals_cli(asem_built: Path, capsys) -> None:
    assert main(["--config", str(asem_built), "indicator", "LPI", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        app.open_indicator("LPI", 2018)
        screen = await wait_for_indicator(app, pilot)
        assert screen.export_rows() == data["values"]
        assert screen.weight == data["weight"]
        assert screen.view.counts == data["counts"] and screen.view.stats == data["stats"]


@pytest.mark.asyncio
async def test_enter_opens_the_kommun(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    opened: list[tuple[str, int]] = []
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        app.open_kommun = lambda unit, year: opened.append((unit, year))  # type: ignore
        app.open_indicator("LPI", 2018)
        screen = await wait_for_indicator(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        assert screen.query_one("#indicator-top").has_focus
        await pilot.press("down", "enter")
        assert opened == [(screen.view.values[1]["kommun_kod"], 2018)]
        assert screen.copy_cell() == screen.view.values[1]["kommun_namn"]
        await pilot.press("3")
        await pilot.pause()
        table = screen.query_one("#indicator-all")
        assert table.has_focus
        table.move_cursor(row=table.row_count - 1)
        await pilot.press("enter")
        assert opened[-1] == (screen.view.values[-1]["kommun_kod"], 2018)
        await pilot.press("escape")
        assert not isinstance(app.screen, IndicatorScreen)


@pytest.mark.asyncio
async def test_opened_from_the_compare_gap(asem_built: Path) -> None:
    from tests.tui.test_compare_screen import wait_for_compare

    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        app.open_compare(["AUT", "BEL"], 2018)
        compare = await wait_for_compare(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("enter")
        screen = await wait_for_indicator(app, pilot)
        assert screen.indicator == compare.view.gap[0]["indicator"]


@pytest.mark.asyncio
async def test_opened_from_the_ranking(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        await pilot.press("i")  # the ranking's indicator picker
        await pilot.pause()
        for ch in "logistics":
            await pilot.press(ch)
        await pilot.press("enter")
        screen = await wait_for_indicator(app, pilot)
        assert screen.view.id == "LPI"
        assert screen.view.counts == indicator_view(app.index, "LPI", 2018).counts


@pytest.mark.asyncio
async def test_hti_suppressed_values_and_banner(hti_built: Path) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        year = app.index.default_year()
        app.open_indicator("nojd_helhet", year)
        screen = await wait_for_indicator(app, pilot)
        view = indicator_view(app.index, "nojd_helhet", year)
        about = screen.query_one("#indicator-about").content.plain
        assert f"skyddad (för få svar): {view.counts.get('suppressed', 0)}" in about
        assert f"Med värde: {int(view.stats['n'])} av 290" in about
        assert not screen.query_one("#synthetic-banner").has_class("-hidden")
        assert screen.synthetic()


@pytest.mark.asyncio
async def test_a_ja_nej_item_is_shown_in_its_published_words(hti_built: Path, capsys) -> None:
    """A ja/nej item's spread is how many answered Ja, Delvis and Nej (not a min of 0,50 and
    quartiles of 1,00), its values are words in every table, its chart a bar per word; the
    CLI says the same lines."""
    app = HtiApp(hti_built)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_ranking(app, pilot)
        year = app.index.default_year()
        view = indicator_view(app.index, "web_beskrivning", year)
        assert view.answers is not None and sum(view.answers.values()) == view.stats["n"]
        app.open_indicator("web_beskrivning", year, unit="1490")
        screen = await wait_for_indicator(app, pilot)
        about = screen.query_one("#indicator-about").content.plain
        assert f"Ja: {view.answers['yes']}" in about and "Nej: 0" in about
        assert "min:" not in about and "Målstolpar: Nej – Ja" in about
        await pilot.press("3")
        values = {plain(screen.query_one("#indicator-all").get_row_at(i)[2])
                  for i in range(screen.query_one("#indicator-all").row_count)}
        assert values <= {"Ja", "Delvis", "Nej", "–"} and "Ja" in values
        chart = Text.from_ansi(screen.query_one(PlotextPlot).plt.build()).plain
        assert "Borås: Ja" in chart or "Borås: Delvis" in chart or "Borås: Nej" in chart
        assert "Delvis" in chart.splitlines()[-2] + chart.splitlines()[-1]  # a bar per word
    assert main(["--config", str(hti_built), "indicator", "web_beskrivning"]) == 0
    out = capsys.readouterr().out
    assert f"Ja                         {view.answers['yes']}" in out and "q25" not in out
