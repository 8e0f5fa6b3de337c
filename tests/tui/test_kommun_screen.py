"""The kommun screen: opened from the ranking, the query layer's numbers, indicators sorted by
points against the median, year switching, the bindings, export equal to the CLI's JSON."""

from __future__ import annotations

import contextlib
import csv
import json
import shutil
from pathlib import Path

import pytest
from rich.text import Text

from hti_tui.cli.main import main
from hti_tui.i18n import label, number
from hti_tui.query.kommun import kommun as kommun_view
from hti_tui.query.peers import peers as peers_view
from hti_tui.query.peers import priorities as priority_view
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.kommun import KommunScreen
from hti_tui.tui.screens.ranking import RankingScreen
from hti_tui.tui.screens.whatif import WhatIfScreen
from tests.tui.conftest import wait_for_ranking, wait_for_screen

SIZE = (160, 50)


@pytest.fixture(scope="module")
def asem_two_years(tmp_path_factory: pytest.TempPathFactory, asem_built: Path) -> Path:
    """ASEM with a second index year (values moved a little) and a name written as markup."""
    dest = tmp_path_factory.mktemp("asem_two_years")
    for name in ("hti.toml", "iData.csv", "iMeta.csv"):
        shutil.copy2(asem_built.parent / name, dest / name)
    with (dest / "iData.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    name, time, first = head.index("uName"), head.index("Time"), head.index("LPI")
    for r in rows[1:]:
        if r[name] == "Austria":
            r[name] = "[bold]Austria[/bold]"
    later = []
    for i, r in enumerate(rows[1:]):
        r = list(r)
        r[time] = "2019"
        for j in range(first, len(r)):
            with contextlib.suppress(ValueError):  # blanks stay blank
                r[j] = repr(float(r[j]) * (1.0 + 0.03 * ((i + j) % 5 - 2)))
        later.append(r)
    for file, body in (("iData.csv", rows), ("iData2019.csv", [head, *later])):
        with (dest / file).open("w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows(body)
    cfg = dest / "hti.toml"
    text = cfg.read_text(encoding="utf-8")
    text = text.replace("years = [2018]", "years = [2018, 2019]")
    text = text.replace('adapters = { 2018 = "generic_table" }',
                        'adapters = { 2018 = "generic_table", 2019 = "generic_table" }')
    text = text.replace('paths = { 2018 = "iData.csv" }',
                        'paths = { 2018 = "iData.csv", 2019 = "iData2019.csv" }')
    cfg.write_text(text, encoding="utf-8")
    assert main(["--config", str(cfg), "build"]) == 0
    return cfg


async def wait_for_kommun(app: HtiApp, pilot, timeout: float = 20.0) -> KommunScreen:
    """Pause until a kommun screen has its data (it loads in a worker)."""
    screen = await wait_for_screen(app, pilot, KommunScreen,
                                   lambda s: s.loaded is not None and not s.workers, timeout)
    await pilot.pause()
    return screen


async def open_kommun(app: HtiApp, pilot, unit: str, year: int) -> KommunScreen:
    await wait_for_ranking(app, pilot)
    app.open_kommun(unit, year)
    return await wait_for_kommun(app, pilot)


def header(screen: KommunScreen) -> str:
    content = screen.query_one("#kommun-header").content
    return content.plain if isinstance(content, Text) else str(content)


def plain_rows(screen: KommunScreen, table_id: str) -> list[list[str]]:
    table = screen.query_one(table_id)
    return [[c.plain if isinstance(c, Text) else str(c) for c in table.get_row_at(i)]
            for i in range(table.row_count)]


@pytest.mark.asyncio
async def test_enter_on_the_ranking_opens_the_kommun_with_the_query_numbers(
        asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        ranking = await wait_for_ranking(app, pilot)
        await pilot.press("down", "down")
        chosen = ranking.shown[2]
        await pilot.press("enter")
        screen = await wait_for_kommun(app, pilot)
        assert screen.unit == chosen.kommun_kod
        view = kommun_view(app.index, chosen.kommun_kod, ranking.year)
        text = header(screen)
        assert view.kommun_namn in text
        assert f"Index {number(view.index, 1, 'en')}" in text
        assert f"rank {view.rank} of {view.ranked}" in text
        assert view.resultatgrupp in text
        assert view.rank_interval is not None
        lo, hi = view.rank_interval
        assert f"90 % rank interval {lo}–{hi}" in text
        assert screen.cli_command().endswith(f"show {chosen.kommun_kod} --year 2018")
        assert "show" in str(screen.query_one("#status-line").content)
        banner = screen.query_one("#synthetic-banner")
        assert banner.has_class("-hidden") == (not app.index.synthetic(2018))
        await pilot.press("escape")
        assert isinstance(app.screen, RankingScreen)


@pytest.mark.asyncio
async def test_bars_for_every_delindex_and_area_against_the_median(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kommun(app, pilot, "AUT", 2018)
        view = kommun_view(app.index, "AUT", 2018)
        rows = plain_rows(screen, "#kommun-nodes")
        nodes = [n for d in view.delindex
                 for n in [d, *(a for a in view.areas if a.parent == d.id)]]
        assert len(rows) == len(nodes)
        for row, node in zip(rows, nodes):
            assert row[0].strip() == node.name
            assert "│" in row[1] and "█" in row[1]  # the bar with its median mark
            assert row[2] == number(node.score, 1, "en")
            assert row[3] == (str(node.rank) if node.rank else "–")  # rank per node
            assert row[4] == number(node.contribution, 1, "en")  # Bidrag beside Poäng
            assert row[5] == number(node.median, 1, "en")
            assert row[6].split()[-1] == number(node.vs_median, 2, "en", sign=True)
            assert row[6][0] in "▲▼="


@pytest.mark.asyncio
async def test_indicators_sorted_by_points_against_the_median(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kommun(app, pilot, "AUT", 2018)
        await pilot.press("2", "g")  # one list (not grouped by area): the query layer's order
        assert screen.active_tab() == "indicators"
        table = screen.query_one("#kommun-indicators")
        view = kommun_view(app.index, "AUT", 2018)
        keys = [table.coordinate_to_cell_key((i, 0)).row_key.value
                for i in range(table.row_count)]
        assert keys == [r.id for r in view.indicators]
        gains = [r.vs_median for r in view.indicators if r.vs_median is not None]
        assert gains == sorted(gains, reverse=True)
        rows = plain_rows(screen, "#kommun-indicators")
        for row, r in zip(rows, view.indicators):
            assert row[5].split()[-1] == number(r.vs_median, 2, "en", sign=True)
            assert row[5].split()[-1][0] in "+−"  # an explicit sign, also for losses
            assert row[4] == number(r.contribution, 2, "en")
            assert row[6] == label(r.status, "en")
        assert any(row[5].startswith("▼") for row in rows)


@pytest.mark.asyncio
async def test_export_rows_equal_the_cli_json(asem_built: Path, capsys) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kommun(app, pilot, "AUT", 2018)
        rows = screen.export_rows()
        await pilot.press("3")
        trend_rows = screen.export_rows()
        assert "trend AUT" in screen.cli_command()
    capsys.readouterr()
    assert main(["--config", str(asem_built), "show", "AUT", "--year", "2018",
                 "--format", "json"]) == 0
    assert rows == json.loads(capsys.readouterr().out)["indicators"]
    assert main(["--config", str(asem_built), "trend", "AUT", "--format", "json"]) == 0
    assert trend_rows == json.loads(capsys.readouterr().out)["years"]


@pytest.mark.asyncio
async def test_year_switching_and_names_shown_as_written(asem_two_years: Path) -> None:
    app = HtiApp(asem_two_years)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kommun(app, pilot, "AUT", 2019)
        assert "[bold]Austria[/bold] (AUT)" in header(screen)  # markup shown literally
        assert "2019" in header(screen)
        await pilot.press("A")
        screen = await wait_for_kommun(app, pilot)
        assert screen.year == 2018
        view = kommun_view(app.index, "AUT", 2018)
        assert f"Index {number(view.index, 1, 'en')}" in header(screen)
        assert screen.cli_command().endswith("show AUT --year 2018")
        await pilot.press("A")  # no year before the first: stays
        await pilot.pause()
        assert screen.year == 2018
        await pilot.press("a")
        await pilot.pause(0.2)
        screen = await wait_for_kommun(app, pilot)
        assert screen.year == 2019
        later = kommun_view(app.index, "AUT", 2019)
        assert f"Index {number(later.index, 1, 'en')}" in header(screen)
        await pilot.press("3")
        trend = plain_rows(screen, "#kommun-trend")
        assert [r[0] for r in trend] == ["2018", "2019"]


@pytest.mark.asyncio
async def test_open_indicator_whatif_and_compare(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    opened: list[tuple[str, object, int]] = []
    app.open_indicator = lambda ident, year, unit=None: opened.append(("indicator", ident, year))
    app.open_compare = lambda units, year: opened.append(("compare", units, year))
    async with app.run_test(size=SIZE) as pilot:
        ranking = await wait_for_ranking(app, pilot)
        await pilot.press("m")  # mark the first kommun on the ranking
        first = ranking.shown[0].kommun_kod
        screen = await open_kommun(app, pilot, "AUT", 2018)
        view = kommun_view(app.index, "AUT", 2018)
        await pilot.press("2", "g", "down", "i")
        assert opened[-1] == ("indicator", view.indicators[1].id, 2018)
        await pilot.press("enter")
        assert opened[-1] == ("indicator", view.indicators[1].id, 2018)
        await pilot.press("c")
        assert opened[-1] == ("compare", ["AUT", first], 2018)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WhatIfScreen)
        assert app.screen.unit == "AUT"
        await pilot.press("escape")
        assert app.screen is screen


@pytest.mark.asyncio
async def test_copy_cell_and_row_from_the_indicators(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kommun(app, pilot, "AUT", 2018)
        await pilot.press("2", "g")
        name = kommun_view(app.index, "AUT", 2018).indicators[0].name
        assert screen.copy_cell() == name
        header, row = screen.copy_cell(row=True).split("\n")
        assert header.split("\t")[0] == "Indicator"
        assert row.split("\t")[0] == name
        await pilot.press("y")
        assert app.clipboard == name


@pytest.mark.asyncio
async def test_peers_and_priorities_come_from_the_query_layer(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kommun(app, pilot, "AUT", 2018)
        peers = peers_view(app.index, "AUT", 2018)
        await pilot.press("4")
        assert [r[0] for r in plain_rows(screen, "#kommun-peers")] == \
            [p["kommun_namn"] for p in peers.peers]
        better = plain_rows(screen, "#kommun-better")
        assert all(r[3].startswith("▼ −") for r in better)  # only where the peers do better
        assert "peers AUT --year 2018" in screen.cli_command()
        await pilot.press("5")
        prio = priority_view(app.index, "AUT", 2018)
        rows = plain_rows(screen, "#kommun-priorities")
        assert [r[0] for r in rows] == [i["name"] for i in prio.items]
        assert screen.export_rows() == [dict(i) for i in prio.items]


@pytest.mark.asyncio
async def test_swedish_labels_and_decimal_commas(asem_built: Path) -> None:
    app = HtiApp(asem_built, language="sv")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_kommun(app, pilot, "AUT", 2018)
        view = kommun_view(app.index, "AUT", 2018)
        text = header(screen)
        assert f"Index {number(view.index, 1, 'sv')}" in text and "," in text
        assert f"rang {view.rank} av {view.ranked}" in text
        assert "rangintervall" in text


@pytest.mark.asyncio
async def test_readable_at_80_by_24(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_kommun(app, pilot, "AUT", 2018)
        assert not screen.has_class("-wide")
        await pilot.press("2")
        table = screen.query_one("#kommun-indicators")
        # the name is cut so that the numbers up to "± median" fit in 80 columns
        widths = [c.get_render_width(table) for c in table.ordered_columns[:6]]
        assert sum(widths) <= 80



@pytest.mark.asyncio
async def test_hti_kommun_statuses_in_words_and_synthetic_banner(hti_built: Path) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=SIZE) as pilot:
        ranking = await wait_for_ranking(app, pilot)
        year = ranking.year
        unit = next(r.kommun_kod for r in reversed(ranking.rows)
                    if any(i.status != "ok" for i in kommun_view(app.index, r.kommun_kod,
                                                                         year).indicators))
        screen = await open_kommun(app, pilot, unit, year)
        view = kommun_view(app.index, unit, year)
        assert f"rang {view.rank or '–'} av {view.ranked}" in header(screen)
        banner = screen.query_one("#synthetic-banner")
        assert banner.has_class("-hidden") == (not view.synthetic)
        await pilot.press("2")  # a tab is drawn when it is first shown
        statuses = {r[6] for r in plain_rows(screen, "#kommun-indicators")}
        assert statuses & {"ej rapporterad", "skyddad (för få svar)", "ej tillämplig"}


@pytest.mark.asyncio
async def test_an_unknown_kommun_is_a_message_not_a_crash(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_ranking(app, pilot)
        app.open_kommun("NOPE", 2018)
        for _ in range(100):
            await pilot.pause(0.05)
            if "⚠" in header(app.screen):
                break
        assert "NOPE" in header(app.screen)
        app.open_whatif("NOPE", 2018)
        await pilot.pause()
        assert isinstance(app.screen, WhatIfScreen)
        await pilot.press("enter", "5", "r")
        for _ in range(2):  # out of the field (if it had focus), then off the screen
            if isinstance(app.screen, WhatIfScreen):
                await pilot.press("escape")
        assert isinstance(app.screen, KommunScreen)
        assert app.is_running


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_peers_method_is_never_cut(hti_built: Path, size: tuple[int, int]) -> None:
    """The peers' method is a sentence (the method that gave none and why, then the one
    used with its count): it wraps, every word on screen at 80 and 120 columns."""
    from rich.console import Console

    app = HtiApp(hti_built)
    async with app.run_test(size=size) as pilot:
        screen = await open_kommun(app, pilot, "1490", 2024)
        await pilot.press("4")
        await pilot.pause()
        method = peers_view(app.index, "1490", 2024).method
        assert "22 rankade kommuner" in method
        widget = screen.query_one("#peers-method")
        lines = Text(method).wrap(Console(width=200), widget.content_region.width)
        assert len(lines) >= 2 and widget.content_region.height >= len(lines)


@pytest.mark.asyncio
async def test_a_context_only_area_is_marked_and_explained(hti_built: Path) -> None:
    """Hälsa och gemenskap holds only context indicators: on the overview it wears °, the
    notes say what ° means, and it is never a strength or a development area."""
    app = HtiApp(hti_built)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_kommun(app, pilot, "2421", 2024)
        rows = {r[0].strip(): r for r in plain_rows(screen, "#kommun-nodes")}
        assert "Hälsa och gemenskap°" in rows
        assert "Kontinuitet~" in rows  # personalkontinuitet is missing for Storuman
        notes = screen.query_one("#kommun-notes").content
        text = notes.plain if isinstance(notes, Text) else str(notes)
        assert "° kontext" in text and "~ omviktat" in text
        view = screen.loaded_data.view
        assert "Hälsa och gemenskap" not in view.strengths + view.weaknesses
