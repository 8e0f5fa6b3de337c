"""The kommun screen's Enheter tab on a project without unit-level (Kolada OU) data: a
sentence that says so and how to get it, never an empty table without a word."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from hti_tui.tui.app import HtiApp
from tests.kolada.test_units_tab import open_units_tab


@pytest.mark.asyncio
async def test_units_tab_without_unit_data_says_how_to_get_them(hti_built: Path) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_units_tab(app, pilot, "1880", 2024)
        said = str(screen.query_one("#units-method", Static).content)
        assert "inga data per hemtjänstenhet" in said and "hti fetch kolada" in said
        assert screen.query_one("#kommun-units", DataTable).row_count == 0
        await pilot.press("1")
        await pilot.pause()
        assert app.is_running and screen.active_tab() == "overview"
