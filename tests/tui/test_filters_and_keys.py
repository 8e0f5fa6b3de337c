"""A user's path through every filter and every key.

Two defects reached users because nothing walked these paths: clearing a ranking filter
left the literal filter value "Select.NULL" (an empty ranking until restart), and clearing
the year filter of the data-quality notes crashed the app. These tests set *and clear*
every filter the way a user does (open the list, pick, open it again, pick the blank
entry), and press every binding of every screen at 80×24 and 120×36, checking after each
key that the app is alive and that the status line's CLI command is one hti accepts.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import Input, Select

from hti_tui.cli.main import parser
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.plugins import PluginsScreen
from hti_tui.tui.screens.ranking import RankingScreen
from hti_tui.tui.widgets.statusline import StatusLine
from tests.tui.conftest import wait_for_ranking, wait_for_screen

SIZES = [(80, 24), (120, 36)]


def status_command(screen) -> list[str]:
    """The CLI command of the screen's status line, as argv (without ``hti``)."""
    text = str(screen.query_one(StatusLine).content)
    assert text.startswith("CLI: hti"), text
    words = shlex.split(text.removeprefix("CLI: ").split("  ·  ")[0])
    return words[1:]


def assert_cli_parses(screen) -> list[str]:
    argv = status_command(screen)
    assert not any("Select." in w or "NoSelection" in w for w in argv), argv
    try:
        parser().parse_args(argv)
    except SystemExit as exc:  # argparse rejects it
        raise AssertionError(f"hti does not accept the status line's command {argv}") from exc
    return argv


async def pick_option(pilot, select: Select, index: int) -> None:
    """Open ``select`` and choose its ``index``-th entry (0 is the blank "all" entry)."""
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("home")
    for _ in range(index):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()


async def wait_rows(pilot, screen: RankingScreen, count: int) -> None:
    for _ in range(100):
        if len(screen.shown) == count:
            return
        await pilot.pause(0.05)
    raise AssertionError(f"{len(screen.shown)} rows shown, expected {count}")


@pytest.mark.asyncio
@pytest.mark.parametrize("select_id", ["filter-lan", "filter-group"])
async def test_ranking_filter_set_and_cleared_brings_every_kommun_back(
        hti_built: Path, select_id: str) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        total = len(screen.shown)
        assert total == 290
        select = screen.query_one(f"#{select_id}", Select)

        await pick_option(pilot, select, 1)
        picked = str(select.value)
        filtered = len(screen.shown)
        assert 0 < filtered < total
        argv = assert_cli_parses(screen)
        assert picked in argv

        await pick_option(pilot, select, 0)  # the blank entry: every kommun again
        await wait_rows(pilot, screen, total)
        argv = assert_cli_parses(screen)
        assert picked not in argv and "--lan" not in argv and "--group" not in argv

        # set again, then a year switch keeps a *valid* filter, and x clears it
        await pick_option(pilot, select, 1)
        screen.query_one("DataTable").focus()
        await pilot.press("A")
        await pilot.pause()
        await wait_for_ranking(app, pilot)
        assert_cli_parses(screen)
        assert 0 < len(screen.shown) < total
        await pilot.press("x")
        await wait_rows(pilot, screen, total)
        assert "Select." not in " ".join(assert_cli_parses(screen))


@pytest.mark.asyncio
@pytest.mark.parametrize("select_id", ["notes-year", "notes-severity"])
async def test_notes_filter_set_and_cleared_keeps_the_app_alive(
        hti_built: Path, select_id: str) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_ranking(app, pilot)
        await pilot.press("p")
        screen = await wait_for_screen(app, pilot, PluginsScreen, lambda s: s.data is not None)
        await pilot.press("3")
        await pilot.pause()
        select = screen.query_one(f"#{select_id}", Select)
        table = screen.query_one("#notes-table")
        everything = table.row_count

        await pick_option(pilot, select, 1)
        argv = assert_cli_parses(screen)
        assert ("--year" in argv) if select_id == "notes-year" else ("--severity" in argv)
        assert table.row_count <= everything

        await pick_option(pilot, select, 0)  # "Alla år" / "Alla nivåer" again
        assert app.is_running and app.screen is screen
        argv = assert_cli_parses(screen)
        assert "--year" not in argv and "--severity" not in argv
        for _ in range(40):
            if table.row_count == everything:
                break
            await pilot.pause(0.05)
        assert table.row_count == everything


# -- every binding of every screen --------------------------------------------------------

def has_status(screen) -> bool:
    return bool(screen.query(StatusLine))


def first_key(binding: Binding) -> str:
    return binding.key.split(",")[0].strip()


async def open_screen(app: HtiApp, pilot, name: str):
    """Open the screen ``name`` from the ranking as a user would get there."""
    ranking = await wait_for_ranking(app, pilot)
    year = ranking.year
    first, second = ranking.shown[0].kommun_kod, ranking.shown[1].kommun_kod
    if name == "ranking":
        return ranking
    if name == "plugins":
        await pilot.press("p")
        return await wait_for_screen(app, pilot, PluginsScreen, lambda s: s.data is not None)
    from hti_tui.tui.screens.compare import CompareScreen
    from hti_tui.tui.screens.indicator import IndicatorScreen
    from hti_tui.tui.screens.kommun import KommunScreen
    from hti_tui.tui.screens.whatif import WhatIfScreen

    if name == "kommun":
        app.open_kommun(first, year)
        return await wait_for_screen(app, pilot, KommunScreen, lambda s: s.view is not None)
    if name == "compare":
        app.open_compare([first, second], year)
        return await wait_for_screen(app, pilot, CompareScreen,
                                     lambda s: getattr(s, "view", None) is not None)
    if name == "whatif":
        app.open_whatif(first, year)
        return await wait_for_screen(app, pilot, WhatIfScreen,
                                     lambda s: s.kommun is not None and has_status(s))
    if name == "indicator":
        app.open_indicator(app.index.indicator_ids()[0], year)
        return await wait_for_screen(app, pilot, IndicatorScreen,
                                     lambda s: s.view is not None and has_status(s))
    raise AssertionError(name)


def keys_of(screen) -> list[str]:
    keys: list[str] = []
    for binding in [*type(screen).BINDINGS, *HtiApp.BINDINGS]:
        if isinstance(binding, Binding) and binding.id != "app.quit":
            key = first_key(binding)
            if key not in keys:
                keys.append(key)
    return keys


async def back_to(app: HtiApp, pilot, screen) -> None:
    """Close whatever a key opened (a dialog, another screen) until ``screen`` shows."""
    for _ in range(6):
        if app.screen is screen:
            return
        if screen not in app.screen_stack:
            raise AssertionError(f"{screen!r} left the stack after a key")
        app.pop_screen()
        await pilot.pause()
    assert app.screen is screen


@pytest.mark.asyncio
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", ["ranking", "kommun", "compare", "whatif", "indicator",
                                  "plugins"])
async def test_every_binding_of_every_screen_keeps_the_app_alive(
        hti_built: Path, name: str, size: tuple[int, int]) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=size) as pilot:
        screen = await open_screen(app, pilot, name)
        assert_cli_parses(screen)
        for key in keys_of(screen):
            if key == "escape" and name != "ranking":
                continue  # escape leaves the screen; pressed last below
            await pilot.press(key)
            await pilot.pause(0.05)
            assert app.is_running, f"{name}: the app stopped after {key!r}"
            await back_to(app, pilot, screen)
            if isinstance(app.focused, Input):  # a key that opens a field: escape closes it
                await pilot.press("escape")
                await pilot.pause()
                assert app.screen is screen and not isinstance(app.focused, Input), key
            assert_cli_parses(screen)
        if name != "ranking":
            await pilot.press("escape")
            await pilot.pause()
            assert app.is_running and app.screen is not screen


@pytest.mark.asyncio
async def test_clearing_the_search_keeps_the_cursor_on_the_same_kommun(hti_built: Path) -> None:
    """Search, pick a kommun, clear the search: the cursor (and the next m) stays on it."""
    app = HtiApp(hti_built)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        await pilot.press("slash", *"orebro", "enter")
        await pilot.pause()
        found = screen.current()
        assert found is not None and found.kommun_namn == "Örebro"
        await pilot.press("x")
        await wait_rows(pilot, screen, 290)
        assert screen.current().kommun_kod == found.kommun_kod
        table = screen.query_one("DataTable")
        assert table.cursor_row == [r.kommun_kod for r in screen.shown].index(found.kommun_kod)
        await pilot.press("m")
        assert screen.marked == [found.kommun_kod]
        await pilot.pause()
        # the row is scrolled into view
        assert table.scroll_y <= table.cursor_row <= table.scroll_y + table.size.height


@pytest.mark.asyncio
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_ranking_headers_frozen_columns_and_help_in_the_footer(
        hti_built: Path, size: tuple[int, int]) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=size) as pilot:
        screen = await wait_for_ranking(app, pilot)
        table = screen.query_one("DataTable")
        headers = [str(c.label) for c in table.columns.values()]
        assert headers[-5:] == ["Info", "Bistånd", "Utförande", "Stöd", "Δ"]
        assert table.fixed_columns == 3 and headers[1:3] == ["Rang", "Kommun"]
        if size[0] >= 120:  # every column fits without scrolling
            assert table.virtual_size.width <= table.size.width
        footer = app.screen.query_one("Footer")
        # the footer recomposes when focus settles (under load that can be after the first
        # keys are mounted): wait until it shows what it settles on, then check that
        for _ in range(80):
            keys_shown = list(footer.query("FooterKey"))
            if keys_shown and keys_shown[0].key == "question_mark":
                break
            await pilot.pause(0.05)
        assert keys_shown and keys_shown[0].key == "question_mark"
        assert keys_shown[0].region.right <= size[0]
