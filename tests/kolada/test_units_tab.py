"""The kommun screen's Enheter tab (key 6): the kommun's hemtjänst units as ``hti units``
prints them, after a fetch from a local Kolada (the project without unit-level data:
tests/tui/test_kommun_units_tab.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from hti_tui.cli.main import main
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.kommun import KommunScreen
from tests.kolada.fake_kolada import kommuner, ous, serve_data, serve_meta, serve_ou
from tests.kolada.test_example_end_to_end import YEARS, options
from tests.tui.conftest import wait_for_ranking, wait_for_screen


async def open_units_tab(app: HtiApp, pilot, code: str, year: int) -> KommunScreen:
    await wait_for_ranking(app, pilot)
    app.open_kommun(code, year)
    screen = await wait_for_screen(app, pilot, KommunScreen, lambda s: s.loaded is not None)
    await pilot.press("6")
    await pilot.pause()
    assert screen.active_tab() == "units"
    return screen


@pytest.mark.asyncio
async def test_units_tab_shows_what_hti_units_prints(capsys, monkeypatch, tmp_path: Path,
                                                     server, example: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # not the user's settings
    kpis = options(example)["kpi_measures"]
    named = kommuner(example.parents[2] / "datasets/reference/kommuner.csv")
    codes = [c for c, _ in named]
    units = ous(named)
    for y in YEARS:
        serve_ou(server, options(example)["ou_kpis"], y, units, suppressed=units[4][0])
        serve_data(server, "data", list(kpis), y, codes, per_page=700)
    serve_meta(server, {k: v["title"] for k, v in kpis.items()})
    base = ["--config", str(example)]
    assert main([*base, "fetch", "kolada", "--year", *map(str, YEARS),
                 "--base-url", server.base]) == 0
    assert main([*base, "build"]) == 0
    capsys.readouterr()
    assert main([*base, "units", codes[1], "--year", "2024", "--format", "json"]) == 0
    cli = json.loads(capsys.readouterr().out)["units"]

    app = HtiApp(example)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_units_tab(app, pilot, codes[1], 2024)
        table = screen.query_one("#kommun-units", DataTable)
        rows = [[str(getattr(c, "plain", c)).strip() for c in table.get_row_at(i)]
                for i in range(table.row_count)]
        assert [r[1] for r in rows] == [u["name"] for u in cli]
        assert [r[0] for r in rows] == [str(u["rank"]) if u["rank"] else "–" for u in cli]
        suppressed = [r for r, u in zip(rows, cli) if u["status"] == "suppressed"]
        assert suppressed and all("ej rankad" in r[4] for r in suppressed)
        assert "Källa: Kolada" in str(screen.query_one("#units-method", Static).content)
        assert screen.cli_command().endswith(f"units {codes[1]} --year 2024")

