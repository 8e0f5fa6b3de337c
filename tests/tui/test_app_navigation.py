"""The app keeps one kommun screen and refills it; a kommun opened from a kommun stacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.kommun import KommunScreen
from tests.tui.conftest import wait_for_ranking, wait_for_screen


async def wait_loaded(app: HtiApp, pilot, unit: str) -> KommunScreen:
    return await wait_for_screen(app, pilot, KommunScreen,
                                 lambda s: s.view is not None and s.view.kommun_kod == unit)


@pytest.mark.asyncio
async def test_reused_kommun_screen_shows_the_new_kommun_only(asem_built: Path) -> None:
    app = HtiApp(asem_built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        app.open_kommun("AUT", 2018)
        first = await wait_loaded(app, pilot, "AUT")
        await pilot.press("escape")
        await pilot.pause()
        app.open_kommun("BEL", 2018)
        second = await wait_loaded(app, pilot, "BEL")
        assert second is first
        header = str(second.query_one("#kommun-header").content)
        assert "Belgium" in header and "Austria" not in header
        assert "BEL" in second.cli_command()
        app.open_kommun("CHN", 2018)  # from a kommun: a screen of its own on top
        third = await wait_loaded(app, pilot, "CHN")
        assert third is not second
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is second and second.view.kommun_kod == "BEL"
