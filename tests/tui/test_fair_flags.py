"""Ranked/unranked, coverage and the markers on the ranking and the kommun screen (issue 8):
in words, the same as `hti rank` and `hti show` say."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text

from hti_tui.tui.app import HtiApp
from tests.tui.conftest import wait_for_ranking
from tests.tui.test_kommun_screen import header, open_kommun

SIZE = (160, 50)


@pytest.mark.asyncio
async def test_unranked_kommun_is_marked_in_words_on_both_screens(hti_built: Path) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_ranking(app, pilot)
        unranked = [r for r in screen.shown if not r.ranked]
        assert unranked, "the shipped data have kommuner with a suppressed survey"
        table = screen.query_one("DataTable")
        row = [r.kommun_kod for r in screen.shown].index(unranked[0].kommun_kod)
        cells = [c.plain if isinstance(c, Text) else str(c) for c in table.get_row_at(row)]
        assert "–*" in cells
        count = str(screen.query_one("#ranking-count").content)
        assert "* ej rankad — för få svar i brukarundersökningen" in count
        kommun = await open_kommun(app, pilot, unranked[0].kommun_kod, screen.year)
        text = header(kommun)
        assert "ej rankad — för få svar i brukarundersökningen" in text
        assert "täckning" in text and "observerat" in text
