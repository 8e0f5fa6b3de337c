"""Opening a kommun in the kept kommun screen: it comes into view drawn with its numbers
(not first empty, then again), unless they take longer than ``SHOW_WITHIN``, when it
shows "Loading …" first and fills in when they come."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from hti_tui.query.kommun import kommun as real_kommun_view
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens import kommun as kommun_screen
from hti_tui.tui.screens.kommun import SHOW_WITHIN, KommunScreen
from hti_tui.tui.screens.ranking import RankingScreen
from tests.tui.conftest import wait_for_ranking, wait_for_screen

SIZE = (160, 50)


def header(screen: KommunScreen) -> str:
    return str(screen.query_one("#kommun-header").render())


async def first_screen_in_view(app: HtiApp, pilot, timeout: float = 20.0) -> tuple[str, float]:
    """The kommun screen's header when it first becomes the screen in view, and when."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if isinstance(app.screen, KommunScreen):
            return header(app.screen), time.monotonic() - started
        await pilot.pause(0.002)
    raise AssertionError("the kommun screen never came into view")


@pytest.mark.asyncio
async def test_the_kept_screen_comes_into_view_with_its_numbers(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        ranking = await wait_for_ranking(app, pilot)
        first, second = ranking.shown[0], ranking.shown[1]
        app.open_kommun(first.kommun_kod, ranking.year)  # builds the screen
        await wait_for_screen(app, pilot, KommunScreen, lambda s: s.loaded is not None)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, RankingScreen)
        app.open_kommun(second.kommun_kod, ranking.year)
        shown, _ = await first_screen_in_view(app, pilot)
        assert second.kommun_namn in shown and "Loading" not in shown
        screen = app.screen
        assert isinstance(screen, KommunScreen) and screen.loaded is not None
        assert screen.query_one("#kommun-nodes").row_count > 0  # the tab in view is drawn


@pytest.mark.asyncio
async def test_a_slow_kommun_shows_loading_first_and_then_its_numbers(
        asem_built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object, **kwargs: object):
        time.sleep(1.0)
        return real_kommun_view(*args, **kwargs)

    app = HtiApp(asem_built)
    async with app.run_test(size=SIZE) as pilot:
        ranking = await wait_for_ranking(app, pilot)
        first, second = ranking.shown[0], ranking.shown[1]
        app.open_kommun(first.kommun_kod, ranking.year)
        await wait_for_screen(app, pilot, KommunScreen, lambda s: s.loaded is not None)
        await pilot.press("escape")
        await pilot.pause()
        monkeypatch.setattr(kommun_screen, "kommun_view", slow)
        app.open_kommun(second.kommun_kod, ranking.year)
        shown, after = await first_screen_in_view(app, pilot)
        assert "Loading" in shown and after < 1.0  # in view after SHOW_WITHIN, not 1 s
        assert after >= SHOW_WITHIN * 0.5
        screen = await wait_for_screen(app, pilot, KommunScreen, lambda s: s.loaded is not None)
        assert second.kommun_namn in header(screen)
