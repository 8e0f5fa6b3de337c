"""A language switch keeps what the user chose (issue #12).

The switch builds every open screen again (``HtiScreen.reopened``); it used to start each
from its defaults: the ranking sorted on rank, unfiltered, the kommun screen on its first
tab with gaps against the median. Walked as a user does: choose, switch, look again —
the same rows and the same CLI line, in the other language.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, TabbedContent

from hti_tui.tui import keys
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.compare import CompareScreen
from hti_tui.tui.screens.kommun import KommunScreen
from hti_tui.tui.screens.plugins import PluginsScreen
from hti_tui.tui.screens.ranking import RankingScreen
from hti_tui.tui.screens.whatif import WhatIfScreen
from tests.tui.conftest import wait_for_ranking, wait_for_screen

SIZE = (120, 36)


def status(screen) -> str:
    return str(screen.query_one("#status-line").content)


async def switched(app: HtiApp, pilot, kind: type, old, ready=lambda s: True):
    """Switch the language and wait for the rebuilt screen of ``kind`` to settle."""
    language = "en" if keys.language() == "sv" else "sv"
    app.action_switch_language()
    screen = await wait_for_screen(
        app, pilot, kind, lambda s: s is not old and keys.language() == language
        and ready(s) and not s.workers)
    await app.workers.wait_for_complete()
    await pilot.pause(0.1)
    return screen


@pytest.mark.asyncio
async def test_ranking_and_kommun_keep_their_choices(hti_built: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(hti_built.parent)  # no --config in the CLI lines
    app = HtiApp(None, language="sv")
    try:
        async with app.run_test(size=SIZE) as pilot:
            ranking = await wait_for_ranking(app, pilot)
            await pilot.press("n", "n")  # by name, reversed
            ranking.query_one("#filter-lan", Select).value = "Skåne län"
            await pilot.pause()
            await pilot.press("slash", "s", "enter", "down", "down", "m")
            await pilot.pause()
            before = ranking.current()
            assert before is not None and ranking.marked == [before.kommun_kod]
            shown = [r.kommun_kod for r in ranking.shown]
            line = status(ranking)
            assert "--lan" in line and "--search s" in line and "--reverse" in line

            app.open_kommun(before.kommun_kod, ranking.year)
            kommun = await wait_for_screen(app, pilot, KommunScreen,
                                           lambda s: s.loaded is not None)
            await pilot.press("2", "right", "s", "g", "r")  # indicators, sorted, flat, peers
            kommun = await wait_for_screen(app, pilot, KommunScreen,
                                           lambda s: s.loaded is not None and not s.workers)
            await pilot.pause()
            chosen = (kommun.ind_sort, kommun.ind_reverse, kommun.grouped, kommun.reference)
            assert chosen[0] != "default" and not kommun.grouped and kommun.reference == "peers"
            assert kommun.query_one(TabbedContent).active == "indicators"
            kommun_line = status(kommun)
            assert "--reference peers" in kommun_line

            again = await switched(app, pilot, KommunScreen, kommun,
                                   lambda s: s.loaded is not None)
            assert (again.ind_sort, again.ind_reverse, again.grouped,
                    again.reference) == chosen
            assert again.query_one(TabbedContent).active == "indicators"
            assert again.loaded is not None and again.loaded.view.reference == "peers"
            assert status(again) == kommun_line  # the same command, in English

            await pilot.press("escape")
            after = await wait_for_screen(app, pilot, RankingScreen, lambda s: bool(s.shown))
            await pilot.pause()
            assert after is not ranking
            assert (after.sort_key, after.reverse, after.search, after.lan) == (
                "name", True, "s", "Skåne län")
            assert [r.kommun_kod for r in after.shown] == shown
            assert after.marked == [before.kommun_kod]
            assert after.current() is not None
            assert after.current().kommun_kod == before.kommun_kod
            assert after.query_one("#filter-lan", Select).value == "Skåne län"
            assert after.query_one("#search", Input).value == "s"
            assert status(after) == line
            table = after.query_one("#ranking", DataTable)
            assert "●" in table.render_line(1 + table.cursor_row - int(table.scroll_y)).text
    finally:
        keys.set_language("sv")


@pytest.mark.asyncio
async def test_compare_pair_data_filters_and_a_scenario_survive_a_switch(hti_built: Path) -> None:
    app = HtiApp(hti_built, language="sv")
    try:
        async with app.run_test(size=SIZE) as pilot:
            ranking = await wait_for_ranking(app, pilot)
            units = [r.kommun_kod for r in ranking.shown[:3]]
            app.open_compare(units, ranking.year)
            compare = await wait_for_screen(app, pilot, CompareScreen,
                                            lambda s: s.view is not None)
            compare.query_one("#gap-pair", Select).value = "1,2"
            await pilot.pause()
            compare = await wait_for_screen(app, pilot, CompareScreen,
                                            lambda s: not s.workers)
            await pilot.press("2")  # the gap tab
            await pilot.pause()
            tab = compare.query_one(TabbedContent).active
            compare_line = status(compare)
            assert compare.pair == (1, 2)
            gap = [g["name"] for g in compare.gap_rows]
            again = await switched(app, pilot, CompareScreen, compare,
                                   lambda s: s.view is not None)
            assert again.pair == (1, 2)
            assert again.query_one("#gap-pair", Select).value == "1,2"
            assert again.query_one(TabbedContent).active == tab
            assert len(again.gap_rows) == len(gap)
            assert status(again) == compare_line

            await pilot.press("escape")
            await wait_for_ranking(app, pilot)
            app.action_plugins()
            plugins = await wait_for_screen(app, pilot, PluginsScreen,
                                            lambda s: s.data is not None)
            await pilot.press("3")
            year = plugins.index.config.index.years[-1]
            plugins.query_one("#notes-year", Select).value = year
            await pilot.pause()
            plugins = await wait_for_screen(app, pilot, PluginsScreen,
                                            lambda s: s.data is not None and not s.workers)
            line = status(plugins)
            assert f"--year {year}" in line
            again_p = await switched(app, pilot, PluginsScreen, plugins,
                                     lambda s: s.data is not None)
            assert again_p.year == year
            assert again_p.query_one("#notes-year", Select).value == year
            assert again_p.query_one(TabbedContent).active == "notes"
            assert status(again_p) == line

            await pilot.press("escape")
            await wait_for_ranking(app, pilot)
            app.open_whatif(units[0], ranking.year)
            def settled(s: WhatIfScreen) -> bool:
                return s.kommun is not None and bool(s.rows) and not s.computing

            whatif = await wait_for_screen(app, pilot, WhatIfScreen, settled)
            ident = whatif.rows[0].id
            whatif.editing = ident
            whatif.set_entry(ident, "1")  # the engine answers in the screen's worker
            whatif = await wait_for_screen(app, pilot, WhatIfScreen,
                                           lambda s: settled(s) and bool(s.changes))
            assert whatif.changes == {ident: 1.0}
            again_w = await switched(app, pilot, WhatIfScreen, whatif,
                                     lambda s: settled(s) and bool(s.changes))
            assert again_w.changes == {ident: 1.0} and again_w.entries == {ident: "1"}
    finally:
        keys.set_language("sv")
