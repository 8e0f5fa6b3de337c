"""The ranking screen's status line runs exactly what the screen shows.

Before the shared RankQuery the screen filtered with exact matches while ``hti rank``
matched prefixes, and the command left out the sort and the search, so the line printed
other rows in another order. Here a user filters, searches and sorts, then the command
of the status line is run and must print the screen's kommuner in the screen's order.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from hti_tui.cli.main import main
from tests.tui.conftest import wait_for_ranking
from tests.tui.test_filters_and_keys import assert_cli_parses, pick_option


def cli_rows(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[str]:
    capsys.readouterr()
    assert main([*argv, "--format", "json"]) == 0
    return [r["kommun_kod"] for r in json.loads(capsys.readouterr().out)]


@pytest.mark.asyncio
async def test_status_line_prints_the_screens_rows_in_its_order(
        hti_built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from hti_tui.tui.app import HtiApp

    app = HtiApp(hti_built)
    seen: list[tuple[list[str], list[str]]] = []  # (status line argv, the screen's rows)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        await pick_option(pilot, screen.query_one("#filter-group", Select), 2)
        table = screen.query_one("DataTable")
        table.focus()
        await pilot.press("n")  # by name
        await pilot.pause()
        shown = [r.kommun_kod for r in screen.shown]
        argv = assert_cli_parses(screen)
        assert "--sort" in argv and "name" in argv and "--group" in argv
        seen.append((argv, shown))

        await pilot.press("n")  # the other way round
        await pilot.pause()
        argv = assert_cli_parses(screen)
        assert "--reverse" in argv
        assert [r.kommun_kod for r in screen.shown] == shown[::-1]
        seen.append((argv, shown[::-1]))

        screen.query_one("#search", Input).value = "by"
        await pilot.pause()
        table.focus()
        await pilot.press("s")  # the column under the cursor
        await pilot.pause()
        argv = assert_cli_parses(screen)
        assert "--search" in argv
        assert 0 < len(screen.shown) < len(shown)
        seen.append((argv, [r.kommun_kod for r in screen.shown]))
    # the CLI runs outside the app (Textual captures stdout while it runs)
    for argv, rows in seen:
        assert cli_rows(capsys, argv) == rows, argv
