"""A plugin's error text is shown in the UI's notifications as written, never as markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.ranking import RankingScreen
from tests.tui.conftest import wait_for_ranking

EVIL = "[bold]fet[/bold] [link=file:///etc/passwd]lösenord[/link] [/]"


@pytest.mark.asyncio
async def test_a_plugin_error_with_markup_is_shown_literally(built: Path) -> None:
    (built.parent / "indicators" / "evil.py").write_text(
        f"raise RuntimeError({EVIL!r})\n", encoding="utf-8")
    app = HtiApp(built)
    async with app.run_test(size=(160, 50)) as pilot:
        await wait_for_ranking(app, pilot)  # no MarkupError: the app is up
        plugin = [n for n in app._notifications if "evil" in n.message]
        assert plugin and all(not n.markup for n in plugin)
        assert EVIL in plugin[0].message
        # markup=False: Textual draws the message as plain Content, tags and all
        assert app.is_running and isinstance(app.screen, RankingScreen)
