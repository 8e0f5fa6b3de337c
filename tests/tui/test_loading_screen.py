"""When the loading screen is shown: not for a built project that loads at once (the ranking
is the first screen), after ``LOADING_DELAY`` when the load is slow, and at once with the
message when the load fails. (A first build's progress: test_loading_progress.py.)"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from textual.widgets import Static

from hti_tui.query.context import Index
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.loading import LoadingScreen
from hti_tui.tui.screens.ranking import RankingScreen
from tests.tui.conftest import wait_for_ranking, wait_for_screen


def spy_on_loading(monkeypatch) -> list[str]:
    """The loading screens composed, by the words on them."""
    composed: list[str] = []
    real = LoadingScreen.compose

    def compose(self: LoadingScreen):
        composed.append("loading")
        yield from real(self)

    monkeypatch.setattr(LoadingScreen, "compose", compose)
    return composed


async def test_a_built_project_opens_on_the_ranking(asem_built: Path, monkeypatch) -> None:
    composed = spy_on_loading(monkeypatch)
    app = HtiApp(asem_built)
    app.LOADING_DELAY = 60.0  # the load is never "slow" here, however loaded the machine
    async with app.run_test(size=(120, 36)) as pilot:
        ranking = await wait_for_ranking(app, pilot)
        assert composed == []
        assert [type(s) for s in app.screen_stack[1:]] == [RankingScreen]
        assert ranking.shown and len(ranking.shown) == len(ranking.rows)


async def test_a_slow_load_shows_the_loading_screen_first(asem_built: Path,
                                                          monkeypatch) -> None:
    composed = spy_on_loading(monkeypatch)
    real_open = Index.open

    def slow_open(*args, **kwargs):  # the real open, a second late
        time.sleep(1.0)
        return real_open(*args, **kwargs)

    monkeypatch.setattr(Index, "open", slow_open)
    app = HtiApp(asem_built)
    app.LOADING_DELAY = 0.05
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_ranking(app, pilot)
        assert composed == ["loading"]
        # the ranking replaced it: one screen above Textual's default one, as before
        assert [type(s) for s in app.screen_stack[1:]] == [RankingScreen]


async def test_a_failed_load_says_why_on_the_loading_screen(tmp_path: Path,
                                                            asem_built: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(asem_built.parent, project)
    broken = sorted((project / "build" / "results").rglob("results.parquet"))
    assert broken
    for results in broken:
        results.write_bytes(b"not parquet at all")  # built (the file is there), unreadable
    app = HtiApp(project / "hti.toml", language="sv")
    app.LOADING_DELAY = 60.0  # shown because of the error, not because of the delay
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await wait_for_screen(  # (its widgets come a moment after the screen)
            app, pilot, LoadingScreen,
            lambda s: any("Tryck q" in str(w.content)
                          for w in s.query("#loading-error").results(Static)))
        text = str(screen.query_one("#loading-error", Static).content)
        assert "results.parquet" in text and "Parquet" in text
        assert app.return_code is None
