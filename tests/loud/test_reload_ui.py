"""A rebuild while the UI is open: the UI says the results changed and R reads them anew."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.tui.app import HtiApp
from tests.tui.conftest import wait_for_ranking


def _row(screen, code: str):
    return next(r for r in screen.shown if r.kommun_kod == code)


def _messages(app: HtiApp) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


@pytest.mark.asyncio
async def test_a_rebuild_is_announced_and_R_reloads_the_new_numbers(
        built: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(HtiApp, "WATCH_SECONDS", 0.1)
    app = HtiApp(built)
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        before = _row(screen, "0114").index
        await pilot.press("R")  # nothing changed yet: R says so and keeps the view
        await pilot.pause(0.3)
        assert app.screen is screen and "inte ändrats" in _messages(app)
        assert "byggts om" not in _messages(app)

        # Upplands Väsby's web review turns to all "Nej"; rebuilt in the same project
        web = built.parent / "datasets/raw/2024/webbgranskning_2024.csv"
        lines = web.read_text(encoding="utf-8").splitlines()
        row = lines.index(next(line for line in lines if line.startswith("0114,")))
        cells = lines[row].split(",")
        lines[row] = ",".join(cells[:3] + ["Nej"] * (len(cells) - 3))
        web.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert main(["--config", str(built), "build"]) == 0

        for _ in range(60):  # the watch timer announces the change
            await pilot.pause(0.1)
            if "byggts om" in _messages(app):
                break
        assert "tryck R" in _messages(app), _messages(app)
        assert _row(screen, "0114").index == before  # still the old numbers until R

        await pilot.press("R")
        for _ in range(200):
            await pilot.pause(0.1)
            if app.screen is not screen and getattr(app.screen, "shown", None):
                break
        fresh = app.screen
        assert fresh is not screen
        after = _row(fresh, "0114").index
        assert after is not None and before is not None and after < before
        assert "inlästa på nytt" in _messages(app)
        assert "byggts om" not in _messages(app)  # the offer is gone once taken
    capsys.readouterr()  # the CLI's number is the reloaded one, not the old one
    assert main(["--config", str(built), "rank", "--year", "2024", "--format", "json"]) == 0
    cli = next(r for r in json.loads(capsys.readouterr().out) if r["kommun_kod"] == "0114")
    assert after == pytest.approx(cli["index"])
