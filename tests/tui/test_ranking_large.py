"""A ranking larger than one fill: the first rows paint at once, the rest follow in chunks,
and a sort during the fill still ends with every unit in the right order."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from textual.widgets import DataTable

from benchmarks.scaled import write_project
from hti_tui.cli.main import main
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens import ranking
from tests.tui.conftest import wait_for_ranking

UNITS = 2600


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    config = write_project(tmp_path_factory.mktemp("large"), UNITS, indicators=12, runs=5)
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--config", str(config), "build", "--json"]) == 0
    return config


async def wait_full(screen, pilot) -> DataTable:
    table = screen.query_one(DataTable)
    for _ in range(400):
        if table.row_count == len(screen.shown) == UNITS:
            return table
        await pilot.pause(0.02)
    raise AssertionError(f"{table.row_count} of {UNITS} rows after waiting")


@pytest.mark.asyncio
async def test_large_ranking_fills_in_chunks_and_sorts(large: Path) -> None:
    assert UNITS > ranking.FIRST_ROWS + ranking.CHUNK_ROWS
    app = HtiApp(large)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_ranking(app, pilot)
        table = screen.query_one(DataTable)
        assert ranking.FIRST_ROWS <= table.row_count <= UNITS
        await pilot.press("n")  # possibly while rows are still arriving
        table = await wait_full(screen, pilot)
        names = [table.get_row_at(i)[2].plain for i in range(table.row_count)]
        assert names == [r.kommun_namn for r in screen.shown]
        assert names == sorted(names, key=ranking.swedish_key)
        await pilot.press("r")
        await pilot.pause()
        table = await wait_full(screen, pilot)
        ranks = [r.rank for r in screen.shown if r.rank is not None]
        assert ranks == sorted(ranks)
        assert [table.get_row_at(i)[2].plain for i in range(5)] == \
            [r.kommun_namn for r in screen.shown[:5]]
