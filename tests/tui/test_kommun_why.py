"""The kommun screen answers "why is my kommun ranked N" in one glance: rank and Bidrag per
delindex beside Poäng, a trend chart, indicators grouped by area, sortable, with a
drill-down from an area; yes/no items as the published words; the indicator histogram
marks the kommun it was opened from."""

from __future__ import annotations

from pathlib import Path

import pytest

from hti_tui.report.cells import raw_words
from hti_tui.tui.app import HtiApp
from hti_tui.tui.screens.indicator import IndicatorScreen
from hti_tui.tui.screens.kommun import KommunScreen
from tests.tui.conftest import wait_for_ranking, wait_for_screen


def test_yes_no_items_are_words() -> None:
    assert [raw_words(x, "ja/delvis/nej", "sv") for x in (1.0, 0.5, 0.0)] == \
        ["Ja", "Delvis", "Nej"]
    assert raw_words(1.0, "ja/nej", "en") == "Yes"
    assert raw_words(12.5, "%", "sv") == "12,5"
    assert raw_words(None, "%", "sv", "..") == ".."


async def open_kommun(app: HtiApp, pilot, name: str = "Örebro") -> KommunScreen:
    await wait_for_ranking(app, pilot)
    app.open_kommun(app.index.resolve(name), app.index.default_year())
    return await wait_for_screen(app, pilot, KommunScreen,
                                 lambda s: s.loaded is not None and s.loaded.complete)


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 60)], ids=str)
async def test_overview_has_rank_and_bidrag_per_delindex(hti_built: Path, size) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=size) as pilot:
        screen = await open_kommun(app, pilot)
        table = screen.query_one("#kommun-nodes")
        headers = [str(c.label).strip() for c in table.columns.values()]
        assert headers[2:5] == ["Poäng", "Rang", "Bidrag"]
        view = screen.view
        for d in view.delindex:
            row = [str(getattr(c, "plain", c)).strip() for c in table.get_row(d.id)]
            assert row[3] == (str(d.rank) if d.rank else "–")
        plot = screen.query_one("#trend-plot")
        assert plot is not None


@pytest.mark.asyncio
async def test_indicators_grouped_sorted_and_drilled_into(hti_built: Path) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_kommun(app, pilot)
        view = screen.view
        await pilot.press("2")
        await pilot.pause()
        table = screen.query_one("#kommun-indicators")
        keys = [str(k.value) for k in table.rows]
        assert keys[0] == f"area:{view.areas[0].id}"
        assert sum(k.startswith("area:") for k in keys) == len(
            {r.area for r in view.indicators})
        yes_no = [r for r in view.indicators if r.unit in ("ja/nej", "ja/delvis/nej")
                  and r.raw is not None]
        assert yes_no
        cell = table.get_row(yes_no[0].id)[1]
        assert str(getattr(cell, "plain", cell)) in ("Ja", "Nej", "Delvis")

        table.move_cursor(column=2)  # Poäng
        await pilot.press("s")
        await pilot.pause()
        assert screen.ind_sort == "score"
        for _area, rows in screen.indicator_rows():
            scores = [r.score for r in rows if r.score is not None]
            assert scores == sorted(scores, reverse=True)
        await pilot.press("g")  # one list
        await pilot.pause()
        keys = [str(k.value) for k in table.rows]
        assert not any(k.startswith("area:") for k in keys)
        await pilot.press("g")

        await pilot.press("1")
        await pilot.pause()
        area = view.areas[1]
        nodes = screen.query_one("#kommun-nodes")
        nodes.move_cursor(row=nodes.get_row_index(area.id))
        await pilot.press("enter")
        await pilot.pause()
        assert screen.active_tab() == "indicators" and screen.area_only == area.id
        keys = [str(k.value) for k in table.rows]
        assert keys[0] == f"area:{area.id}"
        assert {r.id for r in view.indicators if r.area == area.id} == set(keys[1:])
        await pilot.press("x")
        await pilot.pause()
        assert screen.area_only is None and len(table.rows) > len(keys)


@pytest.mark.asyncio
async def test_histogram_marks_the_kommun(hti_built: Path) -> None:
    app = HtiApp(hti_built)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_kommun(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        table = screen.query_one("#kommun-indicators")
        table.move_cursor(row=1, column=0)
        await pilot.press("i")
        ind = await wait_for_screen(app, pilot, IndicatorScreen, lambda s: s.view is not None)
        assert ind.unit == screen.unit
        await pilot.pause(0.3)
        assert "Örebro" in app.export_screenshot()  # the histogram's mark and its label
