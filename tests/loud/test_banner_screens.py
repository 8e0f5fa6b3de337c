"""The stale-results and failed-build banners as a user sees them (issue #13, items 2 and 8).

Each test puts a copied, built project in one state — plugin code edited without a
version bump (results older than the code), or a build that failed after results
existed — opens the app on it and reads the rendered screen of the ranking, a kommun
and an indicator; then asks the CLI, whose warning line says the same on stderr while
``--format json`` on stdout stays parseable.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hti_tui.cli.main import main
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.indicator import IndicatorScreen
from hti_tui.tui.screens.kommun import KommunScreen
from tests.loud.conftest import digest
from tests.loud.screen_text import screen_text
from tests.tui.conftest import wait_for_ranking, wait_for_screen


def edit_plugin_code(built: Path) -> None:
    """A goalpost change in indicators/stod.py, its __version__ left as it was."""
    plugin = built.parent / "indicators" / "stod.py"
    plugin.write_text(plugin.read_text(encoding="utf-8") + "\n# goalposts moved\n",
                      encoding="utf-8")


def fail_a_build(built: Path) -> None:
    """A plugin that does not import; the build fails and keeps the last results."""
    results = built.parent / "datasets" / "results"
    before = digest(results)
    (built.parent / "indicators" / "broken.py").write_text("raise ImportError('oops')\n",
                                                            encoding="utf-8")
    assert main(["--config", str(built), "build"]) == 1
    assert digest(results) == before


#: state → (how to get there, phrases the banner must show, in Swedish)
STATES = {
    "stale": (edit_plugin_code, ["resultaten 2022, 2023, 2024 är inaktuella",
                                 "koden i plugin stod har ändrats", "kör `hti build`"]),
    "failed": (fail_a_build, ["senaste bygget misslyckades", "plugin broken misslyckades",
                              "visar resultaten från"]),
}


def _on_screen(app: HtiApp, phrases: list[str], where: str) -> None:
    text = screen_text(app)
    flat = " ".join(text.split())  # a long banner line wraps; the phrase is still there
    missing = [p for p in phrases if p not in flat]
    assert not missing, f"{where}: {missing} not on screen:\n{text}"
    assert "SYNTETISKA DATA" in flat  # beside the synthetic-data line, never instead of it


@pytest.mark.asyncio
@pytest.mark.parametrize("state", sorted(STATES))
async def test_the_banner_is_on_the_ranking_a_kommun_and_an_indicator(
        built: Path, state: str) -> None:
    make, phrases = STATES[state]
    make(built)
    app = HtiApp(built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)
        _on_screen(app, phrases, "ranking")
        app.open_kommun("1880", 2024)  # Örebro
        await wait_for_screen(app, pilot, KommunScreen,
                              lambda s: s.view is not None and s.view.kommun_kod == "1880")
        await pilot.pause(0.2)
        _on_screen(app, phrases, "kommun")
        app.open_indicator(app.index.indicator_ids()[0], 2024)
        await wait_for_screen(app, pilot, IndicatorScreen, lambda s: s.view is not None)
        await pilot.pause(0.2)
        _on_screen(app, phrases, "indicator")


@pytest.mark.parametrize("state", sorted(STATES))
def test_hti_rank_says_the_same_on_stderr_and_its_json_still_parses(
        built: Path, state: str, capsys: pytest.CaptureFixture[str]) -> None:
    make, phrases = STATES[state]
    make(built)
    capsys.readouterr()
    assert main(["--config", str(built), "rank", "--year", "2024", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    rows = json.loads(out)  # nothing but JSON on stdout
    assert len(rows) == 290 and rows[0]["kommun_kod"]
    flat = " ".join(err.split())
    assert all(p in flat for p in phrases), err
    assert main(["--config", str(built), "rank", "--year", "2024", "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0].startswith("rank") or "kommun" in out.splitlines()[0]
    assert "⚠" not in out and all(p in " ".join(err.split()) for p in phrases)
    assert main(["--config", str(built), "rank", "--year", "2024"]) == 0
    out, err = capsys.readouterr()  # the table: on stderr too, so `> file` still warns
    assert all(p in " ".join(err.split()) for p in phrases) and "⚠" not in out
    assert "SYNTETISKA DATA" in out
