"""A rebuild while the UI is open: every screen says so in its banner until R reads the
new results (issue #13, "the TUI keeps an old ranking after a rebuild").

The rebuild is a real ``hti build`` of the same copied project after a raw file changed,
run while the app is open; what is asserted is the text on screen.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.compare import CompareScreen
from hti_tui.tui.screens.kommun import KommunScreen
from tests.loud.screen_text import screen_text
from tests.tui.conftest import wait_for_ranking, wait_for_screen

REBUILT_SV = "Resultaten har byggts om"
PRESS_R_SV = "tryck R för att läsa in dem"


def _row(screen, code: str):
    return next(r for r in screen.shown if r.kommun_kod == code)


def _messages(app: HtiApp) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


def _all_nej(built: Path, code: str) -> None:
    """The kommun's web review turns to all "Nej" in the 2024 raw file."""
    web = built.parent / "datasets/raw/2024/webbgranskning_2024.csv"
    lines = web.read_text(encoding="utf-8").splitlines()
    row = lines.index(next(line for line in lines if line.startswith(f"{code},")))
    cells = lines[row].split(",")
    lines[row] = ",".join(cells[:3] + ["Nej"] * (len(cells) - 3))
    web.write_text("\n".join(lines) + "\n", encoding="utf-8")


async def _until(pilot, check, seconds: float = 10.0) -> bool:
    for _ in range(int(seconds / 0.1)):
        if check():
            return True
        await pilot.pause(0.1)
    return check()


@pytest.mark.asyncio
async def test_a_rebuild_is_a_banner_on_every_screen_until_R_reads_the_new_numbers(
        built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(HtiApp, "WATCH_SECONDS", 0.1)
    app = HtiApp(built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        before = _row(screen, "0114").index
        await pilot.press("R")  # nothing changed yet: R says so and keeps the view
        await pilot.pause(0.3)
        assert app.screen is screen and "inte ändrats" in _messages(app)
        assert REBUILT_SV not in screen_text(app)

        _all_nej(built, "0114")  # Upplands Väsby; rebuilt in the same project, app open
        assert main(["--config", str(built), "build"]) == 0

        # the ranking that was open says it, and keeps its old numbers until R
        assert await _until(pilot, lambda: REBUILT_SV in screen_text(app)), screen_text(app)
        text = screen_text(app)
        assert PRESS_R_SV in text and "SYNTETISKA DATA" in text
        assert _row(screen, "0114").index == before

        # a kommun screen opened now says it too
        app.open_kommun("0114", 2024)
        await wait_for_screen(app, pilot, KommunScreen,
                              lambda s: s.view is not None and s.view.kommun_kod == "0114")
        assert await _until(pilot, lambda: PRESS_R_SV in screen_text(app)), screen_text(app)
        # and the compare screen
        app.open_compare(["0114", "1880"], 2024)
        await wait_for_screen(app, pilot, CompareScreen, lambda s: s.view is not None)
        assert await _until(pilot, lambda: PRESS_R_SV in screen_text(app)), screen_text(app)

        await pilot.press("R")  # from the compare screen: back to a fresh ranking
        assert await _until(pilot, lambda: app.screen is not screen
                            and bool(getattr(app.screen, "shown", None)), 20.0)
        fresh = app.screen
        after = _row(fresh, "0114").index
        assert after is not None and before is not None and after < before
        assert await _until(pilot, lambda: REBUILT_SV not in screen_text(app))
        assert "SYNTETISKA DATA" in screen_text(app)  # the banner itself stays
        assert "inlästa på nytt" in _messages(app)
        assert "byggts om" not in _messages(app)  # the offer is gone once taken
        app.open_kommun("0114", 2024)  # and no screen opened after R shows it
        await wait_for_screen(app, pilot, KommunScreen,
                              lambda s: s.view is not None and s.view.kommun_kod == "0114")
        await pilot.pause(0.3)
        assert REBUILT_SV not in screen_text(app)
    capsys.readouterr()  # the CLI's number is the reloaded one, not the old one
    assert main(["--config", str(built), "rank", "--year", "2024", "--format", "json"]) == 0
    cli = next(r for r in json.loads(capsys.readouterr().out) if r["kommun_kod"] == "0114")
    assert after == pytest.approx(cli["index"])


@pytest.mark.asyncio
async def test_a_build_that_fails_while_the_ui_is_open_says_so_without_offering_R(
        built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed build writes no results, only its status: the banner says it failed
    (the numbers shown are still the last good ones), not that new results wait."""
    monkeypatch.setattr(HtiApp, "WATCH_SECONDS", 0.1)
    app = HtiApp(built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        assert "misslyckades" not in screen_text(app)
        (built.parent / "indicators" / "broken.py").write_text(
            "raise ImportError('oops')\n", encoding="utf-8")
        assert main(["--config", str(built), "build"]) == 1
        assert await _until(pilot, lambda: "senaste bygget misslyckades" in screen_text(app)), \
            screen_text(app)
        assert "visar resultaten från" in screen_text(app)
        assert REBUILT_SV not in screen_text(app)
