"""The loading screen shows a first build's typed events (pipeline.events): the bar's length
from each stage, one log line per source file and index year."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import ProgressBar, Static

from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.ranking import RankingScreen
from tests.tui.conftest import REPO, wait_for_screen


@pytest.mark.asyncio
async def test_a_first_build_is_logged_step_by_step(tmp_path: Path) -> None:
    from hti_tui.tui.screens.loading import LoadingScreen

    for name in ("hti.toml", "iData.csv", "iMeta.csv"):
        shutil.copy2(REPO / "examples" / "asem" / name, tmp_path / name)
    seen: list[str] = []
    real = LoadingScreen.on_build_event

    def spy(self: LoadingScreen, event: object) -> None:
        real(self, event)  # type: ignore[arg-type]
        seen.append(str(self.query_one("#loading-log", Static).content))
        seen.append(f"bar {self.query_one(ProgressBar).progress}")

    LoadingScreen.on_build_event = spy  # type: ignore[method-assign]
    try:
        app = HtiApp(tmp_path / "hti.toml")
        async with app.run_test(size=(100, 30)) as pilot:
            await wait_for_screen(app, pilot, RankingScreen, timeout=60)
    finally:
        LoadingScreen.on_build_event = real  # type: ignore[method-assign]
    log = [s for s in seen if not s.startswith("bar")][-1]
    assert "asem 2018: done" in log and "index 2018: done" in log  # asem is in English
    assert "bar 1.0" in seen  # one source file, then one index year: the bar fills each stage
