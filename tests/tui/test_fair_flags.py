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
        legend = str(screen.query_one("#ranking-legend").content)
        assert "* ej rankad — för få svar i brukarundersökningen" in legend
        kommun = await open_kommun(app, pilot, unranked[0].kommun_kod, screen.year)
        text = header(kommun)
        assert "ej rankad — för få svar i brukarundersökningen" in text
        assert "täckning" in text and "observerat" in text


def _text(widget) -> str:
    content = widget.content
    return content.plain if isinstance(content, Text) else str(content)


@pytest.mark.asyncio
async def test_penalised_reweighted_and_context_indicators_are_marked_in_words(
        hti_built: Path) -> None:
    """The user's path: a kommun with a penalised value → its indicators tab marks that
    value (and the context indicators, and the re-weighted ones) with the markers of
    `hti show` and says what they mean under the list; the overview marks its delindex."""
    from tests.tui.test_kommun_screen import plain_rows

    app = HtiApp(hti_built)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_ranking(app, pilot)
        row = next(r for r in screen.shown if r.penalised and r.reweighted)
        kommun = await open_kommun(app, pilot, row.kommun_kod, screen.year)
        view = kommun.view
        assert view is not None
        penalised = next(r for r in view.indicators if r.penalty)
        context = next(r for r in view.indicators if r.role == "context")
        await pilot.press("2")
        await pilot.pause()
        names = [cells[0].strip() for cells in plain_rows(kommun, "#kommun-indicators")]
        assert f"! {penalised.name}" in names
        assert f"° {context.name}" in names
        status = {cells[0].strip(): cells[-1]
                  for cells in plain_rows(kommun, "#kommun-indicators")}
        assert f"straff: {penalised.penalty}" in status[f"! {penalised.name}"]
        assert "kontext, vägs inte in" in status[f"° {context.name}"]
        foot = _text(kommun.query_one("#indicators-flags"))
        assert "! straffat: värdet saknas (ej rapporterat) och poängsätts lågt: " in foot
        assert penalised.name in foot
        assert "° kontext: visas men vägs aldrig in i index" in foot
        assert "~ omviktat" in foot and "indexpoäng mot omviktning" in foot
        await pilot.press("1")
        await pilot.pause()
        nodes = [cells[0] for cells in plain_rows(kommun, "#kommun-nodes")]
        name = next(d.name for d in view.delindex if d.id == row.penalised[0])
        assert any(n.startswith(name) and "!" in n for n in nodes)
        notes = _text(kommun.query_one("#kommun-notes"))
        assert "! straffat: värde saknas och poängsätts lågt" in notes
        assert "~ omviktat" in notes


@pytest.fixture(scope="module")
def hti_imputed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project with missing = "impute" (median), built."""
    from hti_tui.cli.main import main
    from tests.conftest import copy_project

    config = copy_project(tmp_path_factory.mktemp("hti_imputed"))
    text = config.read_text(encoding="utf-8")
    assert 'missing = "reweight"' in text
    config.write_text(text.replace('missing = "reweight"', 'missing = "impute"'),
                      encoding="utf-8")
    assert main(["--config", str(config), "build"]) == 0
    return config


@pytest.mark.asyncio
async def test_imputed_indicator_is_marked_with_its_method(hti_imputed: Path) -> None:
    from tests.tui.test_kommun_screen import plain_rows

    app = HtiApp(hti_imputed)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_ranking(app, pilot)
        row = next(r for r in screen.shown if r.imputed)
        kommun = await open_kommun(app, pilot, row.kommun_kod, screen.year)
        view = kommun.view
        assert view is not None
        imputed = next(r for r in view.indicators if r.imputation)
        await pilot.press("2")
        await pilot.pause()
        status = {cells[0].strip(): cells[-1]
                  for cells in plain_rows(kommun, "#kommun-indicators")}
        assert f"({imputed.imputation})" in status[f"† {imputed.name}"]
        foot = _text(kommun.query_one("#indicators-flags"))
        assert "† imputerat värde (metoden står i statuskolumnen): " in foot
        assert imputed.name in foot
        await pilot.press("1")
        await pilot.pause()
        nodes = [cells[0] for cells in plain_rows(kommun, "#kommun-nodes")]
        name = next(d.name for d in view.delindex if d.id == row.imputed[0])
        assert any(n.startswith(name) and "†" in n for n in nodes)
        assert "† innehåller imputerade värden" in _text(kommun.query_one("#kommun-notes"))
