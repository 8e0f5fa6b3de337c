"""The ranking on the shipped HTI project: Swedish names, order and labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from hti_tui.i18n import swedish_key
from hti_tui.tui.app import HtiApp
from tests.tui.conftest import wait_for_ranking


@pytest.mark.asyncio
async def test_search_orebro_finds_orebro_and_counts(hti_built: Path) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        assert "290 av 290" in str(screen.query_one("#ranking-count").content)
        await pilot.press("slash", *"orebro")
        await pilot.pause()
        assert [r.kommun_namn for r in screen.shown] == ["Örebro"]
        assert "1 av 290" in str(screen.query_one("#ranking-count").content)


@pytest.mark.asyncio
async def test_name_sort_puts_a_ring_a_umlaut_o_umlaut_last(hti_built: Path) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        names = [r.kommun_namn for r in screen.shown]
        assert names == sorted(names, key=swedish_key)
        firsts = [n[0] for n in names]
        assert firsts.index("Å") > firsts.index("Y") and firsts[-1] == "Ö"
        assert firsts.index("Ä") > firsts.index("Å")


@pytest.mark.asyncio
async def test_indicator_picker_opens_the_chosen_indicator(hti_built: Path) -> None:
    from hti_tui.tui.screens.pick import IndicatorPicker

    app = HtiApp(hti_built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, IndicatorPicker)
        await pilot.press(*"handlaggningstid", "enter")
        for _ in range(40):
            await pilot.pause(0.05)
            if getattr(app.screen, "indicator", None):
                break
        assert app.screen.indicator == "oj_handlaggningstid"


@pytest.mark.asyncio
async def test_keys_typed_at_speed_after_slash_reach_the_search(hti_built: Path) -> None:
    """'/sk' arriving in one burst (a fast typist, a paste, tmux send-keys): Textual queues
    's' and 'k' where the focus was, the table; they must still land in the search field,
    neither lost nor taken as the sort key 's'. The same for the comparison's '+'."""
    from textual import events

    from hti_tui.tui.screens.compare import CompareScreen

    app = HtiApp(hti_built)
    async with app.run_test(size=(120, 36)) as pilot:
        ranking = await wait_for_ranking(app, pilot)
        sort_before = ranking.sort_key
        for key, char in (("slash", "/"), ("s", "s"), ("k", "k")):
            app.post_message(events.Key(key, char))  # all queued before any is handled
        for _ in range(10):
            await pilot.pause()
        assert ranking.query_one("#search").value == "sk"
        assert ranking.sort_key == sort_before
        assert {r.kommun_namn for r in ranking.shown} >= {"Skövde", "Skara"}
        await pilot.press("escape")
        app.open_compare(["1490", "2421"], 2024)
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, CompareScreen) and app.screen.view is not None:
                break
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        for key, char in (("plus", "+"), ("u", "u"), ("m", "m"), ("e", "e")):
            app.post_message(events.Key(key, char))
        for _ in range(10):
            await pilot.pause()
        assert screen.query_one("#compare-input").value == "ume"
