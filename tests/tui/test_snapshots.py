"""SVG snapshots of every screen on the shipped (synthetic) project, dark and light.

Run ``python -m pytest tests/tui/test_snapshots.py --snapshot-update`` after a deliberate
change to a screen, look at the SVGs (open the report pytest prints), and commit them.
The app runs in the built project's directory without --config, so no temporary path
appears in the status line.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from hti_tui.tui.app import HtiApp
from tests.tui.conftest import wait_for_ranking

SIZE = (140, 42)
THEMES = ("textual-dark", "textual-light")


async def settle(pilot, ready: Callable[[], bool]) -> None:
    """Wait until the screen says it has its data, then for workers and a repaint."""
    for _ in range(400):
        if ready():
            break
        await pilot.pause(0.05)
    else:
        raise AssertionError(f"screen not ready: {pilot.app.screen!r}")
    await pilot.app.workers.wait_for_complete()
    for _ in range(40):  # focus moves on the next idle; its highlight is in the picture
        if pilot.app.focused is not None:
            break
        await pilot.pause(0.025)
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
    await pilot.pause()


def loaded(app: HtiApp, attribute: str) -> Callable[[], bool]:
    return lambda: getattr(app.screen, attribute, None) is not None


async def ranking(pilot) -> None:
    await wait_for_ranking(pilot.app, pilot)
    await settle(pilot, lambda: True)


async def kommun(pilot) -> None:
    await wait_for_ranking(pilot.app, pilot)
    pilot.app.open_kommun("1880", 2024)
    await settle(pilot, loaded(pilot.app, "loaded"))


async def kommun_indicators(pilot) -> None:
    await kommun(pilot)
    await pilot.press("2")
    await settle(pilot, lambda: True)


async def compare(pilot) -> None:
    await wait_for_ranking(pilot.app, pilot)
    pilot.app.open_compare(["1880", "1882", "1281"], 2024)
    await settle(pilot, loaded(pilot.app, "view"))


async def indicator(pilot) -> None:
    await wait_for_ranking(pilot.app, pilot)
    pilot.app.open_indicator("bu_tid", 2024)
    await settle(pilot, loaded(pilot.app, "view"))


async def whatif(pilot) -> None:
    await wait_for_ranking(pilot.app, pilot)
    pilot.app.open_whatif("1880", 2024)
    await settle(pilot, lambda: type(pilot.app.screen).__name__ == "WhatIfScreen")


async def plugins(pilot) -> None:
    await wait_for_ranking(pilot.app, pilot)
    await pilot.press("p")
    await settle(pilot, lambda: type(pilot.app.screen).__name__ == "PluginsScreen")


async def help_screen(pilot) -> None:
    await wait_for_ranking(pilot.app, pilot)
    await pilot.press("question_mark")
    await settle(pilot, lambda: type(pilot.app.screen).__name__ == "HelpScreen")


SCREENS: dict[str, Callable[..., Awaitable[None]]] = {
    "ranking": ranking, "kommun": kommun, "kommun_indicators": kommun_indicators,
    "compare": compare, "indicator": indicator, "whatif": whatif, "plugins": plugins,
    "help": help_screen,
}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen_snapshot(screen: str, theme: str, hti_built: Path, snap_compare,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(hti_built.parent)
    app = HtiApp(None, theme=theme)
    assert snap_compare(app, terminal_size=SIZE, run_before=SCREENS[screen])
